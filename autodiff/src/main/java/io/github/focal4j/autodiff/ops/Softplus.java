package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^-|x|), finite for every finite x. d/dx = σ(x). */
public final class Softplus {
  private Softplus() {}

  /** log(1 + e^x) elementwise, finite for every finite x. Same shape as x. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("softplus", x, Softplus::value, (v, y) -> Sigmoid.value(v));
  }

  /** log(1 + e^x) without overflow. */
  public static double value(double x) {
    return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
  }
}
