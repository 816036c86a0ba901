package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;

/**
 * logSoftmax(x)_k = x_k - lse(x) along an axis, max-shifted, finite wherever x is finite.
 * Backward: dx_k = g_k - softmax(x)_k · Σ_j g_j.
 */
public final class LogSoftmax {
  private LogSoftmax() {}

  public static Tensor apply(Tensor x, int axis) {
    int[] shape = x.shape();
    int a = Shape.axis("logSoftmax", axis, shape);
    Axes.requireNonEmpty("logSoftmax", shape, a);
    Axes v = Axes.around(shape, a);
    double[] xs = x.buffer();
    double[] ys = new double[xs.length];
    for (int o = 0; o < v.outer(); o++) {
      for (int i = 0; i < v.inner(); i++) {
        double lse = LogSumExp.slice(xs, v, o, i);
        for (int k = 0; k < v.n(); k++) {
          int idx = v.at(o, k, i);
          ys[idx] = xs[idx] - lse;
        }
      }
    }
    return Tensor.fromOp("logSoftmax", ys, shape, (g, grads) -> {
      double[] gx = grads[0];
      for (int o = 0; o < v.outer(); o++) {
        for (int i = 0; i < v.inner(); i++) {
          double sum = 0;
          for (int k = 0; k < v.n(); k++) {
            sum += g[v.at(o, k, i)];
          }
          for (int k = 0; k < v.n(); k++) {
            int idx = v.at(o, k, i);
            gx[idx] += g[idx] - Math.exp(ys[idx]) * sum;
          }
        }
      }
    }, x);
  }
}
