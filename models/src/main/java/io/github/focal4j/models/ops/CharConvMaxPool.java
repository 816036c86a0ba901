package io.github.focal4j.models.ops;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.autodiff.kernels.Gemm;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * The character features of words, as one op: each word's characters are looked up in a character
 * table, convolved with F filters of odd width w (zero padding of {@code (w-1)/2} on both sides, so
 * there is one output per character, like PyTorch's {@code Conv1d(E, F, w, padding=(w-1)/2)}), and
 * max-pooled over the word's own characters only — padding never wins the max:
 *
 * <pre>
 *   conv[p, f] = b[f] + Σ_{e,k} W[f, e, k] · table[char[p + k − (w−1)/2], e]
 *   out[word, f] = max_{p in word} conv[p, f]
 * </pre>
 *
 * The convolution of every character of the batch is one {@link Gemm} on an im2col matrix {@code
 * [P, E·w]}. Backward: the gradient goes to the arg-max position of each (word, filter), then
 * {@code dW = dconvᵀ·cols}, {@code db = Σ dconv}, and {@code dcols = dconv·W} is scattered back
 * into the table rows of the characters (window positions outside the word receive nothing).
 */
public final class CharConvMaxPool {
  private CharConvMaxPool() {}

  /** {@link #apply(Tensor, int[], int[], Tensor, Tensor, Precision)} in float64. */
  public static Tensor apply(
      Tensor table, int[] chars, int[] wordOffsets, Tensor weight, Tensor bias) {
    return apply(table, chars, wordOffsets, weight, bias, Precision.FLOAT64);
  }

  /**
   * @param table {@code [V, E]} character embeddings
   * @param chars character ids of all words, concatenated
   * @param wordOffsets {@code W + 1} non-decreasing offsets into {@code chars}: word i is {@code
   *     chars[wordOffsets[i] .. wordOffsets[i+1])}, at least one character long
   * @param weight {@code [F, E, w]} with w odd (PyTorch's Conv1d layout)
   * @param bias {@code [F]}
   * @param precision what the op computes in ({@link Precision#FLOAT32}: {@code CharConvFloat32})
   * @return {@code [W, F]}
   * @throws IllegalArgumentException for bad shapes, an empty word, an even width or an id out of
   *     range
   * @throws IllegalStateException for {@link Precision#FLOAT32} on a JVM without the Vector API
   */
  public static Tensor apply(
      Tensor table,
      int[] chars,
      int[] wordOffsets,
      Tensor weight,
      Tensor bias,
      Precision precision) {
    int[] ws = weight.shape();
    if (table.rank() != 2
        || ws.length != 3
        || ws[1] != table.size(1)
        || ws[2] % 2 == 0
        || !Arrays.equals(bias.shape(), new int[] {ws[0]})) {
      throw new IllegalArgumentException(
          "charConv: table "
              + Arrays.toString(table.shape())
              + ", weight "
              + Arrays.toString(ws)
              + " (expected [F, E, w] with E the table's width and w odd), bias "
              + Arrays.toString(bias.shape())
              + " (expected [F])");
    }
    int f = ws[0];
    int e = ws[1];
    int w = ws[2];
    int v = table.size(0);
    int words = wordOffsets.length - 1;
    if (words < 0 || wordOffsets[0] != 0 || wordOffsets[words] != chars.length) {
      throw new IllegalArgumentException(
          "charConv: word offsets must start at 0 and end at " + chars.length);
    }
    for (int i = 0; i < words; i++) {
      if (wordOffsets[i + 1] <= wordOffsets[i]) {
        throw new IllegalArgumentException("charConv: word " + i + " has no characters");
      }
    }
    for (int p = 0; p < chars.length; p++) {
      if (chars[p] < 0 || chars[p] >= v) {
        throw new IllegalArgumentException(
            "charConv: character id "
                + chars[p]
                + " at position "
                + p
                + " is out of range [0, "
                + v
                + ")");
      }
    }
    int[] cid = chars.clone();
    int[] offs = wordOffsets.clone();
    if (precision == Precision.FLOAT32) {
      precision.requireAvailable("charConv");
      return CharConvFloat32.apply(table, cid, offs, weight, bias);
    }
    int positions = cid.length;
    int width = e * w;
    double[] tab = table.buffer();
    double[] cols = new double[positions * width];
    forEachTap(
        offs,
        w,
        (p, k, q) -> {
          for (int j = 0, src = cid[q] * e, dst = p * width + k; j < e; j++) {
            cols[dst + j * w] = tab[src + j];
          }
        });
    double[] wt = weight.buffer();
    double[] conv = new double[positions * f];
    Gemm.gemm(false, true, positions, f, width, cols, 0, width, wt, 0, width, conv, 0, f);
    double[] out = new double[words * f];
    int[] arg = new int[words * f];
    maxPool(offs, f, i -> conv[i], f, bias.buffer(), out, arg);
    return Tensor.fromOp(
        "charConvMaxPool",
        out,
        new int[] {words, f},
        (g, grads) -> {
          double[] dconv = new double[positions * f];
          double[] gb = grads[2];
          for (int i = 0; i < arg.length; i++) {
            int j = i % f;
            dconv[arg[i] * f + j] += g[i];
            if (gb != null) {
              gb[j] += g[i];
            }
          }
          if (grads[1] != null) {
            Gemm.gemm(
                true, false, f, width, positions, dconv, 0, f, cols, 0, width, grads[1], 0, width);
          }
          double[] gt = grads[0];
          if (gt != null) {
            double[] dcols = new double[positions * width];
            Gemm.gemm(
                false, false, positions, width, f, dconv, 0, f, wt, 0, width, dcols, 0, width);
            scatterToTable(offs, w, e, cid, i -> dcols[i], gt);
          }
        },
        table,
        weight,
        bias);
  }

  /**
   * What {@link #forEachTap} calls: tap {@code k} of position {@code p} reads character {@code q}.
   */
  interface Tap {
    void at(int p, int k, int q);
  }

  /**
   * Calls {@code tap} for every character position p of every word and every tap k of a width-w
   * window whose character {@code q = p + k − (w−1)/2} lies inside the same word, in ascending p,
   * then k: the im2col matrix's non-zero entries, and where their gradients go back to.
   */
  static void forEachTap(int[] offs, int w, Tap tap) {
    int half = (w - 1) / 2;
    for (int wd = 0; wd + 1 < offs.length; wd++) {
      for (int p = offs[wd]; p < offs[wd + 1]; p++) {
        for (int k = 0; k < w; k++) {
          int q = p + k - half;
          if (q >= offs[wd] && q < offs[wd + 1]) {
            tap.at(p, k, q);
          }
        }
      }
    }
  }

  /**
   * The backward of the im2col gather: adds each window entry's gradient, {@code dcols(p·E·w + k +
   * j·w)} for tap k and embedding element j, to the table row of the character it read ({@code
   * dtable[cid[q]·E + j]}), in {@link #forEachTap}'s order.
   */
  static void scatterToTable(
      int[] offs, int w, int e, int[] cid, IntToDoubleFunction dcols, double[] dtable) {
    int width = e * w;
    forEachTap(
        offs,
        w,
        (p, k, q) -> {
          for (int j = 0, dst = cid[q] * e, src = p * width + k; j < e; j++) {
            dtable[dst + j] += dcols.applyAsDouble(src + j * w);
          }
        });
  }

  /**
   * Each word's max over its own positions, per filter: {@code out[wd·f + j] = max_p conv(p·stride
   * + j) + bias[j]}, with the arg-max position in {@code arg} (the first of equal maxima; a NaN
   * wins).
   */
  static void maxPool(
      int[] offs,
      int f,
      IntToDoubleFunction conv,
      int stride,
      double[] bias,
      double[] out,
      int[] arg) {
    for (int wd = 0; wd + 1 < offs.length; wd++) {
      for (int j = 0; j < f; j++) {
        int best = offs[wd];
        double m = conv.applyAsDouble(best * stride + j);
        for (int p = offs[wd] + 1; p < offs[wd + 1]; p++) {
          double x = conv.applyAsDouble(p * stride + j);
          if (x > m || Double.isNaN(x)) {
            m = x;
            best = p;
          }
        }
        out[wd * f + j] = m + bias[j];
        arg[wd * f + j] = best;
      }
    }
  }
}
