package io.github.focal4j.loss.engine;

import static io.github.focal4j.loss.engine.LaneMath.LENGTH;
import static io.github.focal4j.loss.engine.LaneMath.SPECIES;
import static jdk.incubator.vector.DoubleVector.fromArray;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;

/** {@code PolyLoss.valueAndSlope} on vectors, step for step (the fused kernels' vector path). */
public final class PolyLanes extends MarginLanes {
  private final double epsilon;
  private final double gamma;

  public PolyLanes(double epsilon, double gamma) {
    this.epsilon = epsilon;
    this.gamma = gamma;
  }

  @Override
  public void valuesAndSlopes(double[] zs, double[] alpha, double[] loss, double[] slope, int n) {
    modulatingFactor(zs, gamma, n); // e, r, l; q = 1 − p_t; w = (1 − p_t)^γ
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector z = fromArray(SPECIES, zs, i);
      DoubleVector e = fromArray(SPECIES, this.e, i);
      DoubleVector r = fromArray(SPECIES, this.r, i);
      DoubleVector a = fromArray(SPECIES, alpha, i);
      DoubleVector ce = z.neg().max(0.0).add(fromArray(SPECIES, l, i));
      DoubleVector p = r.blend(e.mul(r), z.compare(LT, 0.0)); // σ(z) = p_t
      DoubleVector q = fromArray(SPECIES, this.q, i);
      DoubleVector w = fromArray(SPECIES, this.w, i);
      DoubleVector w1 = w.mul(q); // (1 − p_t)^(γ+1)
      DoubleVector focalSlope = a.mul(w).mul(p.mul(gamma).mul(ce).add(q)).neg();
      focalSlope.sub(w1.mul(p).mul(epsilon * (gamma + 1))).intoArray(slope, i);
      a.mul(w).mul(ce).add(w1.mul(epsilon)).intoArray(loss, i);
    }
  }
}
