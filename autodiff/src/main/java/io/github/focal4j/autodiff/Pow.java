package io.github.focal4j.autodiff;

/**
 * Power x^e with a constant or a tensor exponent. d/dx = e·x^(e-1); d/de = x^e·ln x, taken as 0
 * where x = 0 and e ≥ 0 (the one-sided limit, as PyTorch).
 */
final class Pow {
  private Pow() {}

  /** x^e for a constant e. At e = 0 the derivative is 0 everywhere (x^0 = 1), also at x = 0. */
  static Tensor apply(Tensor x, double e) {
    return Elementwise.unary(
        "pow", x, v -> Math.pow(v, e), (v, y) -> e == 0.0 ? 0.0 : e * Math.pow(v, e - 1.0));
  }

  /**
   * x^e elementwise with NumPy broadcasting, differentiable in both x and e.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast
   */
  static Tensor apply(Tensor x, Tensor e) {
    return Elementwise.binary(
        "pow",
        x,
        e,
        Math::pow,
        (v, p, y) -> p == 0.0 ? 0.0 : p * Math.pow(v, p - 1.0),
        (v, p, y) -> v == 0.0 && p >= 0.0 ? 0.0 : y * Math.log(v));
  }
}
