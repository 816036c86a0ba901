package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;

/**
 * Maximum over all elements or along one axis. Backward routes the gradient to the first maximal element of
 * each slice (a NaN counts as maximal, so NaN propagates as in PyTorch).
 */
public final class Max {
  private Max() {}

  /** Maximum of all elements, a scalar. @throws IllegalArgumentException for an empty tensor */
  public static Tensor apply(Tensor x) {
    if (x.numel() == 0) {
      throw new IllegalArgumentException("max: cannot reduce an empty tensor of shape " + Shape.format(x.shape()));
    }
    return apply(x.reshape(x.numel()), 0, false);
  }

  /** Maximum along {@code axis}; the axis is removed unless {@code keepDim}. */
  public static Tensor apply(Tensor x, int axis, boolean keepDim) {
    int[] shape = x.shape();
    int a = Shape.axis("max", axis, shape);
    Axes.requireNonEmpty("max", shape, a);
    Axes v = Axes.around(shape, a);
    double[] xs = x.buffer();
    double[] ys = new double[v.outer() * v.inner()];
    int[] arg = new int[ys.length];
    for (int o = 0; o < v.outer(); o++) {
      for (int i = 0; i < v.inner(); i++) {
        int best = v.at(o, 0, i);
        for (int k = 1; k < v.n() && !Double.isNaN(xs[best]); k++) {
          int idx = v.at(o, k, i);
          if (xs[idx] > xs[best] || Double.isNaN(xs[idx])) {
            best = idx;
          }
        }
        arg[v.slice(o, i)] = best;
        ys[v.slice(o, i)] = xs[best];
      }
    }
    return Tensor.fromOp("max", ys, Shape.reduce(shape, a, keepDim), (g, grads) -> {
      double[] gx = grads[0];
      for (int j = 0; j < arg.length; j++) {
        gx[arg[j]] += g[j];
      }
    }, x);
  }
}
