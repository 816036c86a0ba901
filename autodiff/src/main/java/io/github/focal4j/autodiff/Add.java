package io.github.focal4j.autodiff;

/** {@code a + b}, broadcasting. d/da = 1, d/db = 1. */
final class Add {
  private Add() {}

  /**
   * {@code a + b} with NumPy broadcasting; each gradient is summed back to its input's shape.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast (the message names the op and
   *     both shapes)
   */
  static Tensor apply(Tensor a, Tensor b) {
    return Elementwise.binary("add", a, b, (x, y) -> x + y, (x, y, out) -> 1.0, (x, y, out) -> 1.0);
  }
}
