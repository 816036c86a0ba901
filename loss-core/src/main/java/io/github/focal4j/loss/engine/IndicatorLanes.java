package io.github.focal4j.loss.engine;

/**
 * An {@code IndicatorFunction}'s fused form on the vector path: {@code
 * IndicatorFunction.valueAndSlope} over arrays, {@link LaneMath#LENGTH} at a time, in the same
 * steps as the scalar code ({@link DiceLanes} for {@code DiceLoss}, {@link TverskyLanes} for {@code
 * TverskyLoss}). Only arrays cross methods here (see {@link LaneMath}). An instance holds work
 * arrays, so it serves one thread: the driver makes one per chunk.
 */
public abstract class IndicatorLanes {

  /**
   * After {@link #sigmoidParts}: exp(−|z|), 1/(1 + e), log(1 + e), σ(−z) and log σ(−z) of each z.
   */
  double[] e;

  double[] r;
  double[] l;
  double[] q;
  double[] logQ;

  /**
   * For every i in [0, n): {@code loss[i] = ℓ(z[i], y[i])} and {@code slope[i] = ∂ℓ/∂z}.
   *
   * @param y 1 (positive) or 0 per element
   * @param n a multiple of {@link LaneMath#LENGTH}; every z[i] finite
   */
  public abstract void valuesAndSlopes(
      double[] z, double[] y, double[] loss, double[] slope, int n);

  /** Fills {@link #e}, {@link #r}, {@link #l}, {@link #q} and {@link #logQ} for z[0, n). */
  final void sigmoidParts(double[] z, int n) {
    e = LaneMath.ensure(e, n);
    r = LaneMath.ensure(r, n);
    l = LaneMath.ensure(l, n);
    q = LaneMath.ensure(q, n);
    logQ = LaneMath.ensure(logQ, n);
    LaneMath.sigmoidParts(z, e, r, l, n);
    LaneMath.oneMinusP(z, e, r, l, q, logQ, n);
  }
}
