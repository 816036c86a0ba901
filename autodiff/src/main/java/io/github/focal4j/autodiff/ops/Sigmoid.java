package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Tensor;

/** Logistic sigmoid σ(x) = 1/(1+e^-x). d/dx = y(1-y). */
public final class Sigmoid {
  private Sigmoid() {}

  public static Tensor apply(Tensor x) {
    return Elementwise.unary("sigmoid", x, Sigmoid::value, (v, y) -> y * (1.0 - y));
  }

  /** σ(x) without overflow: e^x is only evaluated for x &lt; 0. */
  public static double value(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
