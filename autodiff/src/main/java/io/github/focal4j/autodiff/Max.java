package io.github.focal4j.autodiff;

/**
 * Maximum over all elements or along one axis, with PyTorch 1.13's gradient conventions for ties:
 *
 * <ul>
 *   <li>{@link #apply(Tensor) over all elements} (as {@code torch.max(x)} and {@code torch.amax}):
 *       the gradient is split evenly among all maximal elements;
 *   <li>{@link #apply(Tensor, int, boolean) along an axis} (as {@code torch.max(x, dim).values}):
 *       the whole gradient goes to the first maximal element of each slice, the index torch
 *       returns.
 * </ul>
 *
 * A NaN counts as maximal, so NaN propagates as in PyTorch.
 */
final class Max {
  private Max() {}

  /**
   * Maximum of all elements, a scalar; ties share the gradient equally.
   *
   * @throws IllegalArgumentException for an empty tensor
   */
  static Tensor apply(Tensor x) {
    if (x.numel() == 0) {
      throw new IllegalArgumentException(
          "max: cannot reduce an empty tensor of shape " + Shape.format(x.shape()));
    }
    double[] xs = x.buffer();
    double m = Double.NEGATIVE_INFINITY;
    for (double v : xs) {
      m = Math.max(m, v); // NaN propagates
    }
    double best = m;
    int ties = 0;
    for (double v : xs) {
      if (isMax(v, best)) {
        ties++;
      }
    }
    double share = 1.0 / ties;
    return Tensor.fromOp(
        "max",
        new double[] {m},
        new int[0],
        (g, grads) -> {
          double[] gx = grads[0];
          double gs = g[0] * share;
          for (int i = 0; i < xs.length; i++) {
            if (isMax(xs[i], best)) {
              gx[i] += gs;
            }
          }
        },
        x);
  }

  private static boolean isMax(double v, double max) {
    return v == max || (Double.isNaN(v) && Double.isNaN(max));
  }

  /**
   * Maximum along {@code axis}; the gradient goes to the first maximal element of each slice.
   *
   * @param axis the axis to reduce, negative counting from the end
   * @param keepDim keep the reduced axis with size 1 (else it is removed)
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  static Tensor apply(Tensor x, int axis, boolean keepDim) {
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
    return Tensor.fromOp(
        "max",
        ys,
        Shape.reduce(shape, a, keepDim),
        (g, grads) -> {
          double[] gx = grads[0];
          for (int j = 0; j < arg.length; j++) {
            gx[arg[j]] += g[j];
          }
        },
        x);
  }
}
