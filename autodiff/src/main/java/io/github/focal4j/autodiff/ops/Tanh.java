package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** Hyperbolic tangent. d/dx = 1 - y². */
public final class Tanh {
  private Tanh() {}

  public static Tensor apply(Tensor x) {
    return Elementwise.unary("tanh", x, Math::tanh, (v, y) -> 1.0 - y * y);
  }
}
