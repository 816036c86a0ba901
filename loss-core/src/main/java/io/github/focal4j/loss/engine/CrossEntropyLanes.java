package io.github.focal4j.loss.engine;

import static io.github.focal4j.loss.engine.LaneMath.LENGTH;
import static io.github.focal4j.loss.engine.LaneMath.SPECIES;
import static jdk.incubator.vector.DoubleVector.fromArray;
import static jdk.incubator.vector.VectorOperators.GT;

import jdk.incubator.vector.DoubleVector;

/**
 * {@code CrossEntropyLoss.valueAndSlope} on vectors, step for step (the fused kernels' vector
 * path).
 */
public final class CrossEntropyLanes extends MarginLanes {
  @Override
  public void valuesAndSlopes(double[] zs, double[] alpha, double[] loss, double[] slope, int n) {
    sigmoidParts(zs, n); // e = exp(−|z|), r = 1/(1 + e), l = log(1 + e)
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector z = fromArray(SPECIES, zs, i);
      DoubleVector e = fromArray(SPECIES, this.e, i);
      DoubleVector r = fromArray(SPECIES, this.r, i);
      DoubleVector a = fromArray(SPECIES, alpha, i);
      DoubleVector q = r.blend(e.mul(r), z.compare(GT, 0.0)); // σ(−z)
      a.mul(q).neg().intoArray(slope, i);
      a.mul(z.neg().max(0.0).add(fromArray(SPECIES, l, i))).intoArray(loss, i);
    }
  }
}
