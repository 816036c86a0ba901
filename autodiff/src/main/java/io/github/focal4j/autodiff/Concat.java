package io.github.focal4j.autodiff;

/**
 * Joins tensors along an existing axis. Backward: each input receives its window of the gradient.
 */
final class Concat {
  private Concat() {}

  /**
   * @throws IllegalArgumentException if no tensors are given, the axis is out of range, ranks
   *     differ, or sizes differ off {@code axis}
   */
  static Tensor apply(int axis, Tensor... tensors) {
    if (tensors.length == 0) {
      throw new IllegalArgumentException("concat: no tensors");
    }
    int[] first = tensors[0].shape();
    int a = Shape.axis("concat", axis, first);
    int total = 0;
    for (int t = 0; t < tensors.length; t++) {
      int[] s = tensors[t].shape();
      boolean ok = s.length == first.length;
      for (int d = 0; ok && d < s.length; d++) {
        ok = d == a || s[d] == first[d];
      }
      if (!ok) {
        throw new IllegalArgumentException(
            "concat: tensor "
                + t
                + " has shape "
                + Shape.format(s)
                + ", incompatible with "
                + Shape.format(first)
                + " along axis "
                + axis);
      }
      total += s[a];
    }
    int[] outShape = first.clone();
    outShape[a] = total;
    int outer = Shape.product(first, 0, a);
    int inner = Shape.product(first, a + 1, first.length);
    int outBlock = total * inner;
    double[] ys = new double[outer * outBlock];
    int[] offsets = new int[tensors.length];
    int off = 0;
    for (int t = 0; t < tensors.length; t++) {
      offsets[t] = off;
      int block = tensors[t].size(a) * inner;
      double[] xs = tensors[t].buffer();
      for (int o = 0; o < outer; o++) {
        System.arraycopy(xs, o * block, ys, o * outBlock + off, block);
      }
      off += block;
    }
    return Tensor.fromOp(
        "concat",
        ys,
        outShape,
        (g, grads) -> {
          for (int t = 0; t < grads.length; t++) {
            double[] gx = grads[t];
            if (gx == null) {
              continue;
            }
            int block = gx.length / Math.max(outer, 1);
            for (int o = 0; o < outer; o++) {
              int src = o * outBlock + offsets[t];
              int dst = o * block;
              for (int i = 0; i < block; i++) {
                gx[dst + i] += g[src + i];
              }
            }
          }
        },
        tensors);
  }
}
