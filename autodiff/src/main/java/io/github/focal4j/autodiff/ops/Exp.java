package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** {@code e^x}. d/dx = e^x = y. */
public final class Exp {
  private Exp() {}

  /** e^x elementwise; +∞ above x ≈ 709.78, as the exact value overflows. Same shape as x. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("exp", x, Math::exp, (v, y) -> y);
  }
}
