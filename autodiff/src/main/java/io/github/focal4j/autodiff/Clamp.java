package io.github.focal4j.autodiff;

/** Clamps to [min, max]. d/dx = 1 where min ≤ x ≤ max, else 0 (as PyTorch). */
final class Clamp {
  private Clamp() {}

  /**
   * @throws IllegalArgumentException if {@code min > max} or either bound is NaN
   */
  static Tensor apply(Tensor x, double min, double max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("clamp: min " + min + " must be <= max " + max);
    }
    return Elementwise.unary(
        "clamp",
        x,
        v -> Math.min(Math.max(v, min), max),
        (v, y) -> v >= min && v <= max ? 1.0 : 0.0);
  }
}
