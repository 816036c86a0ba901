package io.github.focal4j.autodiff;

/** {@code a * b}, broadcasting. d/da = b, d/db = a. */
final class Mul {
  private Mul() {}

  /**
   * {@code a · b} with NumPy broadcasting; each gradient is summed back to its input's shape.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast (the message names the op and
   *     both shapes)
   */
  static Tensor apply(Tensor a, Tensor b) {
    return Elementwise.binary("mul", a, b, (x, y) -> x * y, (x, y, out) -> y, (x, y, out) -> x);
  }
}
