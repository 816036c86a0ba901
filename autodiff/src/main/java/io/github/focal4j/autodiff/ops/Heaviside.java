package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/**
 * Unit step θ(x): 1 where x &gt; 0, {@code valueAtZero} where x = 0, 0 where x &lt; 0 (NaN stays NaN).
 * Its derivative is zero wherever it exists, so the backward adds nothing: a factor built from it (the
 * hard-truncation weight λ) scales gradients but never receives any.
 */
public final class Heaviside {
  private Heaviside() {}

  /** θ(x) elementwise, {@code valueAtZero} at 0; same shape as x; zero gradient. */
  public static Tensor apply(Tensor x, double valueAtZero) {
    return Elementwise.unary("heaviside", x,
        v -> v > 0 ? 1.0 : v < 0 ? 0.0 : v == 0 ? valueAtZero : v, (v, y) -> 0.0);
  }
}
