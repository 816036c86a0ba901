package io.github.focal4j.autodiff;

/**
 * Sum over all elements or along one axis. Backward: every summed element receives the slice's
 * gradient.
 */
final class Sum {
  private Sum() {}

  /** Sum of all elements, a scalar. @throws IllegalArgumentException for an empty tensor */
  static Tensor apply(Tensor x) {
    if (x.numel() == 0) {
      throw new IllegalArgumentException(
          "sum: cannot reduce an empty tensor of shape " + Shape.format(x.shape()));
    }
    double[] xs = x.buffer();
    double s = 0;
    for (double v : xs) {
      s += v;
    }
    return Tensor.fromOp(
        "sum",
        new double[] {s},
        new int[0],
        (g, grads) -> {
          double[] gx = grads[0];
          for (int i = 0; i < gx.length; i++) {
            gx[i] += g[0];
          }
        },
        x);
  }

  /**
   * Sum along {@code axis} (negative counts from the end); the axis is removed unless {@code
   * keepDim}.
   *
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  static Tensor apply(Tensor x, int axis, boolean keepDim) {
    int[] shape = x.shape();
    int a = Shape.axis("sum", axis, shape);
    Axes v = Axes.around(shape, a);
    Axes.requireNonEmpty("sum", shape, a);
    double[] xs = x.buffer();
    double[] ys = new double[v.outer() * v.inner()];
    for (int o = 0; o < v.outer(); o++) {
      for (int k = 0; k < v.n(); k++) {
        int src = v.at(o, k, 0);
        int dst = v.slice(o, 0);
        for (int i = 0; i < v.inner(); i++) {
          ys[dst + i] += xs[src + i];
        }
      }
    }
    return Tensor.fromOp(
        "sum",
        ys,
        Shape.reduce(shape, a, keepDim),
        (g, grads) -> {
          double[] gx = grads[0];
          for (int o = 0; o < v.outer(); o++) {
            for (int k = 0; k < v.n(); k++) {
              int dst = v.at(o, k, 0);
              int src = v.slice(o, 0);
              for (int i = 0; i < v.inner(); i++) {
                gx[dst + i] += g[src + i];
              }
            }
          }
        },
        x);
  }
}
