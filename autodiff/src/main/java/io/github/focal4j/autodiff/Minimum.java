package io.github.focal4j.autodiff;

/**
 * Elementwise min(a, b), broadcasting. The gradient goes to the smaller input; ties split it in
 * half (as PyTorch).
 */
final class Minimum {
  private Minimum() {}

  /**
   * Elementwise min(a, b) with NumPy broadcasting.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast (the message names the op and
   *     both shapes)
   */
  static Tensor apply(Tensor a, Tensor b) {
    return Elementwise.binary(
        "minimum",
        a,
        b,
        Math::min,
        (x, y, out) -> x < y ? 1.0 : x == y ? 0.5 : 0.0,
        (x, y, out) -> y < x ? 1.0 : x == y ? 0.5 : 0.0);
  }
}
