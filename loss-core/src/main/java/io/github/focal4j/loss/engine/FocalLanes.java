package io.github.focal4j.loss.engine;

import static io.github.focal4j.loss.engine.LaneMath.LENGTH;
import static io.github.focal4j.loss.engine.LaneMath.SPECIES;
import static jdk.incubator.vector.DoubleVector.fromArray;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

/** {@code FocalLoss.valueAndSlope} on vectors, step for step (the fused kernels' vector path). */
public final class FocalLanes extends MarginLanes {
  private final double gamma;
  private final double
      easyBelow; // p_t below this gets factor 1: th, or 0 (no p_t) when plain focal
  private final double thresholdFactor;
  private final double weightSlope; // dw = weightSlope·p·w: −γ, or 0 when detached

  /**
   * @param easyBelow the reduced focal loss's threshold th (factor 1 where p_t &lt; th), or 0 for
   *     the plain loss
   * @param thresholdFactor th^−γ, or 1 for the plain loss
   * @param detached whether the gradient through the factor is stopped
   */
  public FocalLanes(double gamma, double easyBelow, double thresholdFactor, boolean detached) {
    this.gamma = gamma;
    this.easyBelow = easyBelow;
    this.thresholdFactor = thresholdFactor;
    this.weightSlope = detached ? 0.0 : -gamma;
  }

  @Override
  public void valuesAndSlopes(double[] zs, double[] alpha, double[] loss, double[] slope, int n) {
    modulatingFactor(zs, gamma, n); // e, r, l; q = 1 − p_t; w = (1 − p_t)^γ
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector z = fromArray(SPECIES, zs, i);
      DoubleVector e = fromArray(SPECIES, this.e, i);
      DoubleVector r = fromArray(SPECIES, this.r, i);
      DoubleVector a = fromArray(SPECIES, alpha, i);
      DoubleVector ce = z.neg().max(0.0).add(fromArray(SPECIES, l, i)); // −log p_t
      DoubleVector p = r.blend(e.mul(r), z.compare(LT, 0.0)); // σ(z) = p_t
      DoubleVector q = fromArray(SPECIES, this.q, i); // 1 − p_t
      DoubleVector w = fromArray(SPECIES, this.w, i).mul(thresholdFactor); // ((1 − p_t)/th)^γ
      DoubleVector dw = p.mul(w).mul(weightSlope);
      VectorMask<Double> easy = p.compare(LT, easyBelow); // reduced focal: factor 1, no gradient
      w = w.blend(1.0, easy);
      dw = dw.blend(0.0, easy);
      a.mul(dw.mul(ce).sub(w.mul(q))).intoArray(slope, i);
      a.mul(w).mul(ce).intoArray(loss, i);
    }
  }
}
