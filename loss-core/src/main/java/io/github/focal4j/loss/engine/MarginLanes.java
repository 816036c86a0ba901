package io.github.focal4j.loss.engine;

/**
 * A {@code MarginFunction}'s fused form on the vector path: {@code MarginFunction.valueAndSlope}
 * over an array of margins, {@link LaneMath#LENGTH} at a time. Each built-in function has one in
 * this package ({@link FocalLanes} for {@code FocalLoss}), in the same steps as its scalar code.
 * Only arrays cross methods on this path (see {@link LaneMath}). An instance holds work arrays, so
 * it serves one thread: the drivers make one per chunk.
 */
public abstract class MarginLanes {

  /** After {@link #sigmoidParts}: exp(−|z|), 1/(1 + e) and log(1 + e) of each margin. */
  double[] e;

  double[] r;
  double[] l;

  /** After {@link #oneMinusP}: σ(−z) = 1 − p_t and its log. */
  double[] q;

  double[] logQ;

  /** After {@link #modulatingFactor}: (1 − p_t)^γ. */
  double[] w;

  /**
   * For every i in [0, n): {@code loss[i] = f(z[i]; alpha[i])} and {@code slope[i] = f'(z[i])}.
   *
   * @param alpha α_t per margin (1 where α is off)
   * @param n a multiple of {@link LaneMath#LENGTH}; every z[i] finite
   */
  public abstract void valuesAndSlopes(
      double[] z, double[] alpha, double[] loss, double[] slope, int n);

  /** Fills {@link #e}, {@link #r} and {@link #l} for z[0, n). */
  final void sigmoidParts(double[] z, int n) {
    e = LaneMath.ensure(e, n);
    r = LaneMath.ensure(r, n);
    l = LaneMath.ensure(l, n);
    LaneMath.sigmoidParts(z, e, r, l, n);
  }

  /** After {@link #sigmoidParts}: fills {@link #q} = σ(−z) and {@link #logQ} = −(max(z, 0) + l). */
  final void oneMinusP(double[] z, int n) {
    q = LaneMath.ensure(q, n);
    logQ = LaneMath.ensure(logQ, n);
    LaneMath.oneMinusP(z, e, r, l, q, logQ, n);
  }

  /**
   * Fills {@link #e}, {@link #r}, {@link #l}, {@link #q}, {@link #logQ} and {@link #w} = (1 −
   * p_t)^γ for z[0, n): the focal factor ({@code FocalLoss.modulatingFactor}), by multiplication
   * for a small integer γ.
   */
  final void modulatingFactor(double[] z, double gamma, int n) {
    sigmoidParts(z, n);
    oneMinusP(z, n);
    w = LaneMath.ensure(w, n);
    LaneMath.pow(q, logQ, gamma, w, n);
  }
}
