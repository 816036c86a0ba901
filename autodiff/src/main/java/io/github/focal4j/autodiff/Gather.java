package io.github.focal4j.autodiff;

/**
 * {@code out[o, j, i] = x[o, index[o, j, i], i]} along an axis, as {@code torch.gather}: the output
 * has the index's shape, which must equal the input's shape on every other axis. Picking the target
 * class's log-probability is {@code logp.gather(-1, targets.unsqueeze(-1))}. Backward scatter-adds.
 */
final class Gather {
  private Gather() {}

  /**
   * @throws IllegalArgumentException for a bad axis, if the ranks differ, a non-axis dimension
   *     differs, or an index is out of range (the message names its position and value)
   */
  static Tensor apply(Tensor x, int axis, IntTensor index) {
    int[] s = x.shape();
    int a = Shape.axis("gather", axis, s);
    int[] is = index.shape();
    boolean ok = is.length == s.length;
    for (int d = 0; ok && d < s.length; d++) {
      ok = d == a || is[d] == s[d];
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "gather: index shape "
              + Shape.format(is)
              + " does not match input shape "
              + Shape.format(s)
              + " off axis "
              + axis);
    }
    int[] ix = index.buffer();
    Axes in = Axes.around(s, a);
    Axes out = Axes.around(is, a);
    int[] src = new int[ix.length];
    for (int o = 0; o < out.outer(); o++) {
      for (int j = 0; j < out.n(); j++) {
        for (int i = 0; i < out.inner(); i++) {
          int p = out.at(o, j, i);
          int k = ix[p];
          if (k < 0 || k >= s[a]) {
            throw new IllegalArgumentException(
                "gather: index "
                    + k
                    + " at flat position "
                    + p
                    + " out of range [0, "
                    + s[a]
                    + ") for axis "
                    + axis
                    + " of shape "
                    + Shape.format(s));
          }
          src[p] = in.at(o, k, i);
        }
      }
    }
    double[] xs = x.buffer();
    double[] ys = new double[src.length];
    for (int p = 0; p < src.length; p++) {
      ys[p] = xs[src[p]];
    }
    return Tensor.fromOp(
        "gather",
        ys,
        is,
        (g, grads) -> {
          double[] gx = grads[0];
          for (int p = 0; p < src.length; p++) {
            gx[src[p]] += g[p];
          }
        },
        x);
  }
}
