package io.github.focal4j.autodiff;

/**
 * Elements {@code [start, end)} along one axis. Backward: the gradient written into that window.
 */
final class Slice {
  private Slice() {}

  /**
   * @return a copy of elements {@code [start, end)} along {@code axis}
   * @throws IllegalArgumentException for a bad axis, or unless {@code 0 <= start <= end <=
   *     size(axis)}
   */
  static Tensor apply(Tensor x, int axis, int start, int end) {
    int[] s = x.shape();
    int a = Shape.axis("slice", axis, s);
    if (start < 0 || start > end || end > s[a]) {
      throw new IllegalArgumentException(
          "slice: range ["
              + start
              + ", "
              + end
              + ") out of bounds for axis "
              + axis
              + " of shape "
              + Shape.format(s));
    }
    Axes v = Axes.around(s, a);
    int len = end - start;
    int[] outShape = s.clone();
    outShape[a] = len;
    double[] xs = x.buffer();
    double[] ys = new double[v.outer() * len * v.inner()];
    int block = len * v.inner();
    for (int o = 0; o < v.outer(); o++) {
      System.arraycopy(xs, v.at(o, start, 0), ys, o * block, block);
    }
    return Tensor.fromOp(
        "slice",
        ys,
        outShape,
        (g, grads) -> {
          double[] gx = grads[0];
          for (int o = 0; o < v.outer(); o++) {
            int src = o * block;
            int dst = v.at(o, start, 0);
            for (int i = 0; i < block; i++) {
              gx[dst + i] += g[src + i];
            }
          }
        },
        x);
  }
}
