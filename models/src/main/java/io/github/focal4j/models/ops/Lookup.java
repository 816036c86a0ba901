package io.github.focal4j.models.ops;

import io.github.focal4j.autodiff.Tensor;
import java.util.Arrays;

/**
 * Embedding lookup {@code out[r] = table[ids[r]]}. Backward scatter-adds into the rows used, and
 * none into {@code paddingIndex} (as PyTorch's {@code padding_idx}): rows never looked up are never
 * written.
 */
public final class Lookup {
  private Lookup() {}

  /**
   * @param table {@code [V, E]}
   * @param ids any length, each in {@code [0, V)}
   * @param paddingIndex a row that gets no gradient, or -1 for none
   * @return {@code [ids.length, E]}
   * @throws IllegalArgumentException naming the position and value of an id out of range
   */
  public static Tensor apply(Tensor table, int[] ids, int paddingIndex) {
    if (table.rank() != 2) {
      throw new IllegalArgumentException(
          "lookup: table must be [V, E], got " + Arrays.toString(table.shape()));
    }
    int v = table.size(0);
    int e = table.size(1);
    for (int r = 0; r < ids.length; r++) {
      if (ids[r] < 0 || ids[r] >= v) {
        throw new IllegalArgumentException(
            "lookup: id " + ids[r] + " at position " + r + " is out of range [0, " + v + ")");
      }
    }
    int[] idx = ids.clone();
    double[] w = table.buffer();
    double[] out = new double[idx.length * e];
    for (int r = 0; r < idx.length; r++) {
      System.arraycopy(w, idx[r] * e, out, r * e, e);
    }
    return Tensor.fromOp(
        "lookup",
        out,
        new int[] {idx.length, e},
        (g, grads) -> {
          double[] gw = grads[0];
          for (int r = 0; r < idx.length; r++) {
            if (idx[r] == paddingIndex) {
              continue;
            }
            int dst = idx[r] * e;
            int src = r * e;
            for (int k = 0; k < e; k++) {
              gw[dst + k] += g[src + k];
            }
          }
        },
        table);
  }
}
