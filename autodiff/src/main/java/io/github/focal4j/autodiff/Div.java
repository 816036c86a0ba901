package io.github.focal4j.autodiff;

/** {@code a / b}, broadcasting. d/da = 1/b, d/db = -a/b². */
final class Div {
  private Div() {}

  /**
   * {@code a / b} with NumPy broadcasting and IEEE semantics for division by zero.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast (the message names the op and
   *     both shapes)
   */
  static Tensor apply(Tensor a, Tensor b) {
    return Elementwise.binary(
        "div", a, b, (x, y) -> x / y, (x, y, out) -> 1.0 / y, (x, y, out) -> -(x / y) / y);
  }
}
