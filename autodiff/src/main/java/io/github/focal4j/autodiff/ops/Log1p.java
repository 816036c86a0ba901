package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** {@code log(1 + x)}, accurate for small x. d/dx = 1/(1+x). */
public final class Log1p {
  private Log1p() {}

  /** ln(1 + x) elementwise; domain x &gt; −1. Same shape as x. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("log1p", x, Math::log1p, (v, y) -> 1.0 / (1.0 + v));
  }
}
