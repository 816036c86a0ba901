package io.github.focal4j.autodiff;

import io.github.focal4j.autodiff.kernels.Gemm;

/**
 * Matrix product C = A·B for [m,k]·[k,n], batched [b,m,k]·[b,k,n], and [b,m,k]·[k,n] (B shared by
 * the batch). Backward: dA = dC·Bᵀ, dB = Aᵀ·dC (summed over the batch when B is shared). All three
 * run on {@link Gemm}.
 */
final class MatMul {
  private MatMul() {}

  /**
   * @throws IllegalArgumentException naming both shapes for unsupported ranks or mismatched
   *     dimensions
   */
  static Tensor apply(Tensor a, Tensor b) {
    int[] as = a.shape();
    int[] bs = b.shape();
    boolean ok =
        (as.length == 2 && bs.length == 2)
            || (as.length == 3 && (bs.length == 2 || bs.length == 3));
    if (!ok) {
      throw new IllegalArgumentException(
          "matmul: unsupported ranks, shapes "
              + Shape.format(as)
              + " and "
              + Shape.format(bs)
              + " (expected [m,k]·[k,n], [b,m,k]·[b,k,n] or [b,m,k]·[k,n])");
    }
    int batch = as.length == 3 ? as[0] : 1;
    boolean shared = bs.length == 2;
    int m = as[as.length - 2];
    int k = as[as.length - 1];
    int kb = bs[bs.length - 2];
    int n = bs[bs.length - 1];
    if (k != kb || (!shared && bs[0] != batch)) {
      throw new IllegalArgumentException(
          "matmul: shapes "
              + Shape.format(as)
              + " and "
              + Shape.format(bs)
              + " do not match ("
              + (k != kb
                  ? "inner dimensions " + k + " != " + kb
                  : "batch " + batch + " != " + bs[0])
              + ")");
    }
    double[] ad = a.buffer();
    double[] bd = b.buffer();
    int[] outShape = as.length == 2 ? new int[] {m, n} : new int[] {batch, m, n};
    double[] cd = new double[batch * m * n];
    if (shared) {
      // [b,m,k]·[k,n] is one [(b·m),k]·[k,n] product.
      Gemm.gemm(false, false, batch * m, n, k, ad, 0, k, bd, 0, n, cd, 0, n);
    } else {
      for (int t = 0; t < batch; t++) {
        Gemm.gemm(false, false, m, n, k, ad, t * m * k, k, bd, t * k * n, n, cd, t * m * n, n);
      }
    }
    return Tensor.fromOp(
        "matmul",
        cd,
        outShape,
        (g, grads) -> {
          double[] ga = grads[0];
          double[] gb = grads[1];
          if (shared) {
            if (ga != null) {
              Gemm.gemm(false, true, batch * m, k, n, g, 0, n, bd, 0, n, ga, 0, k);
            }
            if (gb != null) {
              Gemm.gemm(true, false, k, n, batch * m, ad, 0, k, g, 0, n, gb, 0, n);
            }
            return;
          }
          for (int t = 0; t < batch; t++) {
            if (ga != null) {
              Gemm.gemm(false, true, m, k, n, g, t * m * n, n, bd, t * k * n, n, ga, t * m * k, k);
            }
            if (gb != null) {
              Gemm.gemm(true, false, k, n, m, ad, t * m * k, k, g, t * m * n, n, gb, t * k * n, n);
            }
          }
        },
        a,
        b);
  }
}
