package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;

/**
 * softmax(x)_k = exp(x_k - lse(x)) along an axis, max-shifted.
 * Backward: dx_k = y_k · (g_k - Σ_j g_j y_j).
 */
public final class Softmax {
  private Softmax() {}

  public static Tensor apply(Tensor x, int axis) {
    int[] shape = x.shape();
    int a = Shape.axis("softmax", axis, shape);
    Axes.requireNonEmpty("softmax", shape, a);
    Axes v = Axes.around(shape, a);
    double[] xs = x.buffer();
    double[] ys = new double[xs.length];
    for (int o = 0; o < v.outer(); o++) {
      for (int i = 0; i < v.inner(); i++) {
        double lse = LogSumExp.slice(xs, v, o, i);
        for (int k = 0; k < v.n(); k++) {
          int idx = v.at(o, k, i);
          ys[idx] = Math.exp(xs[idx] - lse);
        }
      }
    }
    return Tensor.fromOp("softmax", ys, shape, (g, grads) -> {
      double[] gx = grads[0];
      for (int o = 0; o < v.outer(); o++) {
        for (int i = 0; i < v.inner(); i++) {
          double dot = 0;
          for (int k = 0; k < v.n(); k++) {
            int idx = v.at(o, k, i);
            dot += g[idx] * ys[idx];
          }
          for (int k = 0; k < v.n(); k++) {
            int idx = v.at(o, k, i);
            gx[idx] += ys[idx] * (g[idx] - dot);
          }
        }
      }
    }, x);
  }
}
