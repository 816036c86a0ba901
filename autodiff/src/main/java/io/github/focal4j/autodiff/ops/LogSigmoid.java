package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** log σ(x) = -softplus(-x), finite for every finite x. d/dx = σ(-x) = 1 - σ(x). */
public final class LogSigmoid {
  private LogSigmoid() {}

  /** log σ(x) elementwise, finite for every finite x. Same shape as x. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("logSigmoid", x, LogSigmoid::value, (v, y) -> Sigmoid.value(-v));
  }

  /** log σ(x) without overflow or cancellation. */
  public static double value(double x) {
    return -Softplus.value(-x);
  }
}
