package io.github.focal4j.autodiff;

import io.github.focal4j.autodiff.ops.Sigmoid;

/**
 * The short unary elementwise ops, one method each: the function and its derivative, on {@link
 * Elementwise#unary}'s loop. Every result has the shape of x. Reached through {@link Tensor}'s
 * methods of the same names.
 */
final class Unary {
  private Unary() {}

  /** |x|. d/dx = sign(x), and 0 at x = 0 (as PyTorch). */
  static Tensor abs(Tensor x) {
    return Elementwise.unary("abs", x, Math::abs, (v, y) -> Math.signum(v));
  }

  /** −x. d/dx = −1. */
  static Tensor neg(Tensor x) {
    return Elementwise.unary("neg", x, v -> -v, (v, y) -> -1.0);
  }

  /** e^x; +∞ above x ≈ 709.78, as the exact value overflows. d/dx = e^x = y. */
  static Tensor exp(Tensor x) {
    return Elementwise.unary("exp", x, Math::exp, (v, y) -> y);
  }

  /**
   * Natural logarithm, domain x &gt; 0. d/dx = 1/x. log 0 = −∞ and log of a negative number is NaN,
   * as in IEEE 754.
   */
  static Tensor log(Tensor x) {
    return Elementwise.unary("log", x, Math::log, (v, y) -> 1.0 / v);
  }

  /** ln(1 + x), accurate for small x; domain x &gt; −1. d/dx = 1/(1+x). */
  static Tensor log1p(Tensor x) {
    return Elementwise.unary("log1p", x, Math::log1p, (v, y) -> 1.0 / (1.0 + v));
  }

  /** √x, domain x ≥ 0. d/dx = 1/(2√x) (+∞ at 0, as the true derivative). */
  static Tensor sqrt(Tensor x) {
    return Elementwise.unary("sqrt", x, Math::sqrt, (v, y) -> 0.5 / y);
  }

  /** max(x, 0). d/dx = 1 where x &gt; 0, else 0. */
  static Tensor relu(Tensor x) {
    return Elementwise.unary("relu", x, v -> v > 0 ? v : 0.0, (v, y) -> v > 0 ? 1.0 : 0.0);
  }

  /**
   * Hyperbolic tangent, in [−1, 1]. d/dx = 1 − y² = 1/cosh²(x); the second form is used because it
   * keeps relative accuracy in the tails (1 − y² rounds to 0 once y rounds to ±1) and is exactly 0,
   * never NaN, once cosh overflows. {@code StrictMath.tanh}: the same bits on every JDK ({@code
   * Math.tanh} is an intrinsic from JDK 24 on, whose last bit differs).
   */
  static Tensor tanh(Tensor x) {
    return Elementwise.unary(
        "tanh",
        x,
        StrictMath::tanh,
        (v, y) -> {
          double c = Math.cosh(v);
          return 1.0 / (c * c);
        });
  }

  /**
   * Logistic sigmoid σ(x) = 1/(1+e^−x) ({@link Sigmoid#value}), finite for every finite x, in [0,
   * 1]. d/dx = σ(x)·σ(−x), which keeps full relative accuracy in both tails (the textbook y(1−y)
   * rounds to 0 once y rounds to 1, near x ≈ 37) and is exactly 0, never NaN, at ±1e4.
   */
  static Tensor sigmoid(Tensor x) {
    return Elementwise.unary("sigmoid", x, Sigmoid::value, (v, y) -> y * Sigmoid.value(-v));
  }

  /** log σ(x) = −softplus(−x), finite for every finite x. d/dx = σ(−x) = 1 − σ(x). */
  static Tensor logSigmoid(Tensor x) {
    return Elementwise.unary("logSigmoid", x, v -> -softplusValue(-v), (v, y) -> Sigmoid.value(-v));
  }

  /**
   * softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^−|x|), finite for every finite x. d/dx = σ(x).
   */
  static Tensor softplus(Tensor x) {
    return Elementwise.unary("softplus", x, Unary::softplusValue, (v, y) -> Sigmoid.value(v));
  }

  /** log(1 + e^x) without overflow. */
  private static double softplusValue(double x) {
    return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /**
   * Unit step θ(x): 1 where x &gt; 0, {@code valueAtZero} where x = 0, 0 where x &lt; 0 (NaN stays
   * NaN). Its derivative is zero wherever it exists, so the backward adds nothing: a factor built
   * from it (the hard-truncation weight λ) scales gradients but never receives any.
   */
  static Tensor heaviside(Tensor x, double valueAtZero) {
    return Elementwise.unary(
        "heaviside", x, v -> v > 0 ? 1.0 : v < 0 ? 0.0 : v == 0 ? valueAtZero : v, (v, y) -> 0.0);
  }
}
