package io.github.focal4j.autodiff;

/**
 * Elementwise max(a, b), broadcasting. The gradient goes to the larger input; ties split it in half
 * (as PyTorch).
 */
final class Maximum {
  private Maximum() {}

  /**
   * Elementwise max(a, b) with NumPy broadcasting.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast (the message names the op and
   *     both shapes)
   */
  static Tensor apply(Tensor a, Tensor b) {
    return Elementwise.binary(
        "maximum",
        a,
        b,
        Math::max,
        (x, y, out) -> x > y ? 1.0 : x == y ? 0.5 : 0.0,
        (x, y, out) -> y > x ? 1.0 : x == y ? 0.5 : 0.0);
  }
}
