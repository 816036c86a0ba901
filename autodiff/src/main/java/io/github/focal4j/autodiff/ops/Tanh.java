package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/**
 * Hyperbolic tangent. d/dx = 1 − y² = 1/cosh²(x); the second form is used because it keeps relative accuracy
 * in the tails (1 − y² rounds to 0 once y rounds to ±1) and is exactly 0, never NaN, once cosh overflows.
 */
public final class Tanh {
  private Tanh() {}

  /** Elementwise tanh(x), in [−1, 1]. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("tanh", x, Math::tanh, (v, y) -> {
      double c = Math.cosh(v);
      return 1.0 / (c * c);
    });
  }
}
