package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** max(x, 0). d/dx = 1 where x &gt; 0, else 0. */
public final class Relu {
  private Relu() {}

  /** max(x, 0) elementwise. Same shape as x. */
  public static Tensor apply(Tensor x) {
    return Elementwise.unary("relu", x, v -> v > 0 ? v : 0.0, (v, y) -> v > 0 ? 1.0 : 0.0);
  }
}
