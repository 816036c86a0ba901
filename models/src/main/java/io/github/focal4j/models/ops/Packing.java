package io.github.focal4j.models.ops;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Lengths;
import java.util.Arrays;

/**
 * Converts between the padded view {@code [B, T, D]} of a batch and its packed view {@code [N, D]}
 * (see {@link Lengths}). Both are ops: the backward of a pack is an unpack of the gradient and vice
 * versa; padding positions of an unpacked tensor are 0 and receive no gradient.
 */
public final class Packing {
  private Packing() {}

  /**
   * @param padded {@code [B, T, D]} with {@code B = lengths.batchSize()} and {@code T >=
   *     lengths.maxLength()}
   * @return {@code [N, D]}, the real tokens in sentence order
   */
  public static Tensor pack(Tensor padded, Lengths lengths) {
    int[] s = padded.shape();
    if (s.length != 3 || s[0] != lengths.batchSize() || s[1] < lengths.maxLength()) {
      throw new IllegalArgumentException(
          "pack: expected ["
              + lengths.batchSize()
              + ", >="
              + lengths.maxLength()
              + ", D], got "
              + Arrays.toString(s));
    }
    int t = s[1];
    int d = s[2];
    double[] xs = padded.buffer();
    double[] ys = new double[lengths.total() * d];
    for (int b = 0; b < lengths.batchSize(); b++) {
      System.arraycopy(xs, b * t * d, ys, lengths.offset(b) * d, lengths.length(b) * d);
    }
    return Tensor.fromOp(
        "pack",
        ys,
        new int[] {lengths.total(), d},
        (g, grads) -> {
          double[] gx = grads[0];
          for (int b = 0; b < lengths.batchSize(); b++) {
            int src = lengths.offset(b) * d;
            int dst = b * t * d;
            for (int i = 0; i < lengths.length(b) * d; i++) {
              gx[dst + i] += g[src + i];
            }
          }
        },
        padded);
  }

  /**
   * @param packed {@code [N, D]} with {@code N = lengths.total()}
   * @param steps T, at least {@code lengths.maxLength()}
   * @return {@code [B, T, D]}, zero at padding positions
   */
  public static Tensor unpack(Tensor packed, Lengths lengths, int steps) {
    int[] s = packed.shape();
    if (s.length != 2 || s[0] != lengths.total() || steps < lengths.maxLength()) {
      throw new IllegalArgumentException(
          "unpack: expected ["
              + lengths.total()
              + ", D] and at least "
              + lengths.maxLength()
              + " steps, got "
              + Arrays.toString(s)
              + " and "
              + steps);
    }
    int d = s[1];
    double[] xs = packed.buffer();
    double[] ys = new double[lengths.batchSize() * steps * d];
    for (int b = 0; b < lengths.batchSize(); b++) {
      System.arraycopy(xs, lengths.offset(b) * d, ys, b * steps * d, lengths.length(b) * d);
    }
    return Tensor.fromOp(
        "unpack",
        ys,
        new int[] {lengths.batchSize(), steps, d},
        (g, grads) -> {
          double[] gx = grads[0];
          for (int b = 0; b < lengths.batchSize(); b++) {
            int src = b * steps * d;
            int dst = lengths.offset(b) * d;
            for (int i = 0; i < lengths.length(b) * d; i++) {
              gx[dst + i] += g[src + i];
            }
          }
        },
        packed);
  }
}
