package io.github.focal4j.autodiff;

/**
 * Picks entries along one axis by index, repeats allowed: {@code table.indexSelect(0, ids)} is an
 * embedding lookup. Backward scatter-adds into the picked entries only; entries never picked
 * receive nothing.
 */
final class IndexSelect {
  private IndexSelect() {}

  /**
   * @throws IllegalArgumentException naming the position and value of an index outside {@code [0,
   *     size(axis))}
   */
  static Tensor apply(Tensor x, int axis, int... indices) {
    int[] s = x.shape();
    int a = Shape.axis("indexSelect", axis, s);
    for (int j = 0; j < indices.length; j++) {
      if (indices[j] < 0 || indices[j] >= s[a]) {
        throw new IllegalArgumentException(
            "indexSelect: index "
                + indices[j]
                + " at position "
                + j
                + " out of range [0, "
                + s[a]
                + ") for axis "
                + axis
                + " of shape "
                + Shape.format(s));
      }
    }
    int[] idx = indices.clone();
    Axes v = Axes.around(s, a);
    int inner = v.inner();
    int[] outShape = s.clone();
    outShape[a] = idx.length;
    double[] xs = x.buffer();
    double[] ys = new double[v.outer() * idx.length * inner];
    for (int o = 0; o < v.outer(); o++) {
      for (int j = 0; j < idx.length; j++) {
        System.arraycopy(xs, v.at(o, idx[j], 0), ys, (o * idx.length + j) * inner, inner);
      }
    }
    return Tensor.fromOp(
        "indexSelect",
        ys,
        outShape,
        (g, grads) -> {
          double[] gx = grads[0];
          for (int o = 0; o < v.outer(); o++) {
            for (int j = 0; j < idx.length; j++) {
              int dst = v.at(o, idx[j], 0);
              int src = (o * idx.length + j) * inner;
              for (int i = 0; i < inner; i++) {
                gx[dst + i] += g[src + i];
              }
            }
          }
        },
        x);
  }
}
