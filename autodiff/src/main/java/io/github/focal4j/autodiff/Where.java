package io.github.focal4j.autodiff;

/**
 * {@code mask != 0 ? a : b} elementwise, broadcasting all three. The gradient flows to {@code a}
 * where the mask is set and to {@code b} elsewhere; the mask gets none.
 */
final class Where {
  private Where() {}

  /**
   * @param mask selects {@code a} where non-zero; receives no gradient
   * @return a tensor of the three inputs' broadcast shape
   * @throws IllegalArgumentException if the three shapes do not broadcast together
   */
  static Tensor apply(Tensor mask, Tensor a, Tensor b) {
    int[] outShape =
        Shape.broadcast("where", Shape.broadcast("where", mask.shape(), a.shape()), b.shape());
    int[] im = Shape.broadcastIndex(mask.shape(), outShape);
    int[] ia = Shape.broadcastIndex(a.shape(), outShape);
    int[] ib = Shape.broadcastIndex(b.shape(), outShape);
    double[] ms = mask.buffer();
    double[] as = a.buffer();
    double[] bs = b.buffer();
    double[] ys = new double[Shape.numel(outShape)];
    boolean[] pick = new boolean[ys.length];
    for (int i = 0; i < ys.length; i++) {
      pick[i] = ms[im == null ? i : im[i]] != 0.0;
      ys[i] = pick[i] ? as[ia == null ? i : ia[i]] : bs[ib == null ? i : ib[i]];
    }
    return Tensor.fromOp(
        "where",
        ys,
        outShape,
        (g, grads) -> {
          double[] ga = grads[1];
          double[] gb = grads[2];
          for (int i = 0; i < ys.length; i++) {
            if (pick[i]) {
              if (ga != null) {
                ga[ia == null ? i : ia[i]] += g[i];
              }
            } else if (gb != null) {
              gb[ib == null ? i : ib[i]] += g[i];
            }
          }
        },
        mask,
        a,
        b);
  }
}
