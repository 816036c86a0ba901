package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** {@code a * b}, broadcasting. d/da = b, d/db = a. */
public final class Mul {
  private Mul() {}

  public static Tensor apply(Tensor a, Tensor b) {
    return Elementwise.binary("mul", a, b, (x, y) -> x * y, (x, y, out) -> y, (x, y, out) -> x);
  }
}
