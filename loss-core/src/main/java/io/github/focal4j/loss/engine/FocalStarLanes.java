package io.github.focal4j.loss.engine;

import static io.github.focal4j.loss.engine.LaneMath.LENGTH;
import static io.github.focal4j.loss.engine.LaneMath.SPECIES;
import static jdk.incubator.vector.DoubleVector.fromArray;
import static jdk.incubator.vector.VectorOperators.GT;

import jdk.incubator.vector.DoubleVector;

/**
 * {@code FocalStarLoss.valueAndSlope} on vectors, step for step (the fused kernels' vector path).
 */
public final class FocalStarLanes extends MarginLanes {
  private final double gamma;
  private final double beta;
  private double[] s;

  public FocalStarLanes(double gamma, double beta) {
    this.gamma = gamma;
    this.beta = beta;
  }

  @Override
  public void valuesAndSlopes(double[] zs, double[] alpha, double[] loss, double[] slope, int n) {
    s = LaneMath.ensure(s, n);
    for (int i = 0; i < n; i += LENGTH) {
      fromArray(SPECIES, zs, i).mul(gamma).add(beta).intoArray(s, i); // s = γz + β
    }
    sigmoidParts(s, n); // e = exp(−|s|), r = 1/(1 + e), l = log(1 + e)
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector sv = fromArray(SPECIES, s, i);
      DoubleVector e = fromArray(SPECIES, this.e, i);
      DoubleVector r = fromArray(SPECIES, this.r, i);
      DoubleVector a = fromArray(SPECIES, alpha, i);
      DoubleVector q = r.blend(e.mul(r), sv.compare(GT, 0.0)); // σ(−s)
      a.mul(q).neg().intoArray(slope, i);
      a.mul(sv.neg().max(0.0).add(fromArray(SPECIES, l, i))).div(gamma).intoArray(loss, i);
    }
  }
}
