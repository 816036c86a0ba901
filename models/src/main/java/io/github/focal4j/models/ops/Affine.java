package io.github.focal4j.models.ops;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.autodiff.kernels.Gemm;
import java.util.Arrays;

/**
 * {@code y = x Wᵀ + b} over the last dimension (PyTorch's {@code F.linear}), with W stored {@code
 * [out, in]}. Forward and the three gradients are one {@link Gemm} each: {@code dx = dy W}, {@code
 * dW = dyᵀ x}, {@code db = Σ dy}.
 */
public final class Affine {
  private Affine() {}

  /**
   * @param x {@code [..., in]} (rank 1 to 4)
   * @param weight {@code [out, in]}
   * @param bias {@code [out]}
   * @return {@code [..., out]}
   */
  public static Tensor apply(Tensor x, Tensor weight, Tensor bias) {
    int[] xs = x.shape();
    int in = weight.rank() == 2 ? weight.size(1) : -1;
    int out = weight.rank() == 2 ? weight.size(0) : -1;
    if (xs.length == 0
        || xs[xs.length - 1] != in
        || !Arrays.equals(bias.shape(), new int[] {out})) {
      throw new IllegalArgumentException(
          "linear: x "
              + Arrays.toString(xs)
              + ", weight "
              + Arrays.toString(weight.shape())
              + " (expected [out, in] with in = the last dimension of x), bias "
              + Arrays.toString(bias.shape())
              + " (expected [out])");
    }
    int rows = x.numel() / Math.max(in, 1);
    double[] xd = x.buffer();
    double[] w = weight.buffer();
    double[] b = bias.buffer();
    double[] y = new double[rows * out];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(b, 0, y, r * out, out);
    }
    Gemm.gemm(false, true, rows, out, in, xd, 0, in, w, 0, in, y, 0, out);
    int[] ys = xs.clone();
    ys[ys.length - 1] = out;
    return Tensor.fromOp(
        "linear",
        y,
        ys,
        (g, grads) -> {
          if (grads[0] != null) {
            Gemm.gemm(false, false, rows, in, out, g, 0, out, w, 0, in, grads[0], 0, in);
          }
          if (grads[1] != null) {
            Gemm.gemm(true, false, out, in, rows, g, 0, out, xd, 0, in, grads[1], 0, in);
          }
          double[] gb = grads[2];
          if (gb != null) {
            for (int r = 0; r < rows; r++) {
              for (int j = 0; j < out; j++) {
                gb[j] += g[r * out + j];
              }
            }
          }
        },
        x,
        weight,
        bias);
  }
}
