package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;

/**
 * {@code log Σ_k exp(x_k)} along an axis, computed as {@code m + log Σ exp(x_k - m)} with m the slice maximum
 * so nothing overflows. d/dx_k = softmax(x)_k. A slice of all -∞ gives -∞ and a zero gradient.
 */
public final class LogSumExp {
  private LogSumExp() {}

  public static Tensor apply(Tensor x, int axis, boolean keepDim) {
    int[] shape = x.shape();
    int a = Shape.axis("logSumExp", axis, shape);
    Axes.requireNonEmpty("logSumExp", shape, a);
    Axes v = Axes.around(shape, a);
    double[] xs = x.buffer();
    double[] ys = new double[v.outer() * v.inner()];
    for (int o = 0; o < v.outer(); o++) {
      for (int i = 0; i < v.inner(); i++) {
        ys[v.slice(o, i)] = slice(xs, v, o, i);
      }
    }
    return Tensor.fromOp("logSumExp", ys, Shape.reduce(shape, a, keepDim), (g, grads) -> {
      double[] gx = grads[0];
      for (int o = 0; o < v.outer(); o++) {
        for (int i = 0; i < v.inner(); i++) {
          double lse = ys[v.slice(o, i)];
          double gs = g[v.slice(o, i)];
          if (lse == Double.NEGATIVE_INFINITY) {
            continue;
          }
          for (int k = 0; k < v.n(); k++) {
            int idx = v.at(o, k, i);
            gx[idx] += gs * Math.exp(xs[idx] - lse);
          }
        }
      }
    }, x);
  }

  /** log-sum-exp of one slice (o, ·, i), max-shifted. */
  static double slice(double[] xs, Axes v, int o, int i) {
    double m = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < v.n(); k++) {
      m = Math.max(m, xs[v.at(o, k, i)]);
    }
    if (m == Double.NEGATIVE_INFINITY || Double.isNaN(m) || m == Double.POSITIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (int k = 0; k < v.n(); k++) {
      s += Math.exp(xs[v.at(o, k, i)] - m);
    }
    return m + Math.log(s);
  }
}
