package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** {@code -x}. d/dx = -1. */
public final class Neg {
  private Neg() {}

  /** −x elementwise. Same shape as x. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("neg", x, v -> -v, (v, y) -> -1.0);
  }
}
