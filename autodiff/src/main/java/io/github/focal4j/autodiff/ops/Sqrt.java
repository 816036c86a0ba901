package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** Square root. d/dx = 1/(2√x) (+∞ at 0, as the true derivative). */
public final class Sqrt {
  private Sqrt() {}

  /** √x elementwise; domain x ≥ 0. Same shape as x. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("sqrt", x, Math::sqrt, (v, y) -> 0.5 / y);
  }
}
