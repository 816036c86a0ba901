package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** {@code |x|}. d/dx = sign(x), and 0 at x = 0 (as PyTorch). */
public final class Abs {
  private Abs() {}

  /** |x| elementwise. Same shape as x. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("abs", x, Math::abs, (v, y) -> Math.signum(v));
  }
}
