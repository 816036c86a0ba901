package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** Natural logarithm. d/dx = 1/x. log 0 = -∞ and log of a negative number is NaN, as in IEEE 754. */
public final class Log {
  private Log() {}

  /** ln x elementwise; domain x &gt; 0. Same shape as x. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("log", x, Math::log, (v, y) -> 1.0 / v);
  }
}
