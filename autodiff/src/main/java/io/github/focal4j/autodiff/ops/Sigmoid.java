package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/**
 * Logistic sigmoid σ(x) = 1/(1+e^−x). d/dx = σ(x)·σ(−x), which keeps full relative accuracy in both tails
 * (the textbook y(1−y) rounds to 0 once y rounds to 1, near x ≈ 37) and is exactly 0, never NaN, at ±1e4.
 */
public final class Sigmoid {
  private Sigmoid() {}

  /** Elementwise σ(x); finite for every finite x, in [0, 1]. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("sigmoid", x, Sigmoid::value, (v, y) -> y * value(-v));
  }

  /** σ(x) without overflow: e^x is only evaluated for x &lt; 0. */
  public static double value(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
