package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** {@code e^x}. d/dx = e^x = y. */
public final class Exp {
  private Exp() {}

  public static Tensor apply(Tensor x) {
    return Elementwise.unary("exp", x, Math::exp, (v, y) -> y);
  }
}
