package io.github.focal4j.loss.engine;

import static io.github.focal4j.loss.engine.LaneMath.LENGTH;
import static io.github.focal4j.loss.engine.LaneMath.SPECIES;
import static jdk.incubator.vector.DoubleVector.fromArray;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

/**
 * {@code HardTruncationLoss.valueAndSlope} on vectors, step for step (the fused kernels' vector
 * path).
 */
public final class HardTruncationLanes extends MarginLanes {
  private final double threshold;

  public HardTruncationLanes(double threshold) {
    this.threshold = threshold;
  }

  @Override
  public void valuesAndSlopes(double[] zs, double[] alpha, double[] loss, double[] slope, int n) {
    sigmoidParts(zs, n); // e = exp(−|z|), r = 1/(1 + e), l = log(1 + e)
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector z = fromArray(SPECIES, zs, i);
      DoubleVector e = fromArray(SPECIES, this.e, i);
      DoubleVector r = fromArray(SPECIES, this.r, i);
      DoubleVector a = fromArray(SPECIES, alpha, i);
      DoubleVector p = r.blend(e.mul(r), z.compare(LT, 0.0)); // σ(z) = p_t
      DoubleVector q = r.blend(e.mul(r), z.compare(GT, 0.0)); // σ(−z)
      VectorMask<Double> dropped = p.compare(GT, threshold); // λ = 0
      a.mul(q).neg().blend(0.0, dropped).intoArray(slope, i);
      a.mul(z.neg().max(0.0).add(fromArray(SPECIES, l, i))).blend(0.0, dropped).intoArray(loss, i);
    }
  }
}
