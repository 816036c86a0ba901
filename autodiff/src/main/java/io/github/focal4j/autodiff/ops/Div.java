package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** {@code a / b}, broadcasting. d/da = 1/b, d/db = -a/b². */
public final class Div {
  private Div() {}

  public static Tensor apply(Tensor a, Tensor b) {
    return Elementwise.binary("div", a, b, (x, y) -> x / y, (x, y, out) -> 1.0 / y, (x, y, out) -> -(x / y) / y);
  }
}
