package io.github.focal4j.autodiff.ops;

/**
 * The logistic sigmoid σ(x) = 1/(1+e^−x) as a scalar function, exactly as {@code Tensor.sigmoid()}
 * computes it elementwise, for code that must agree with the autodiff bit for bit (fused loss
 * kernels, their tests).
 */
public final class Sigmoid {
  private Sigmoid() {}

  /**
   * σ(x) without overflow (e^x is only evaluated for x &lt; 0); finite for every finite x, in [0,
   * 1].
   */
  public static double value(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
