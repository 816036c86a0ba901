package io.github.focal4j.models.data;

import io.github.focal4j.autodiff.Tensor;
import java.util.Arrays;

/**
 * The layout of a batch of variable-length sentences, packed: sentence {@code b} occupies rows
 * {@code offset(b) .. offset(b) + length(b) - 1} of a {@code [N, D]} tensor ({@code N = total()}),
 * in sentence order, so token-wise layers run on real tokens only and padding costs nothing. The
 * padded view of the same batch is {@code [B, T, D]} with {@code T = maxLength()} and a mask of
 * ones followed by zeros in each row ({@code models.ops.Packing} converts). Immutable.
 */
public final class Lengths {

  private final int[] lengths;
  private final int[] offsets;
  private final int total;
  private final int max;

  private Lengths(int[] lengths) {
    this.lengths = lengths;
    this.offsets = new int[lengths.length];
    long sum = 0;
    int m = 0;
    for (int b = 0; b < lengths.length; b++) {
      if (lengths[b] < 0) {
        throw new IllegalArgumentException(
            "Lengths: sentence " + b + " has negative length " + lengths[b]);
      }
      offsets[b] = (int) sum;
      sum += lengths[b];
      m = Math.max(m, lengths[b]);
    }
    if (sum > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Lengths: more than 2^31-1 tokens in one batch");
    }
    this.total = (int) sum;
    this.max = m;
  }

  /**
   * @throws IllegalArgumentException for a negative length
   */
  public static Lengths of(int... lengths) {
    return new Lengths(lengths.clone());
  }

  /**
   * The lengths of a padded batch's mask {@code [B, T]}: each row must be ones (any non-zero)
   * followed by zeros.
   *
   * @throws IllegalArgumentException if the mask is not rank 2 or a row has a non-zero after a zero
   */
  public static Lengths fromMask(Tensor mask) {
    if (mask.rank() != 2) {
      throw new IllegalArgumentException(
          "Lengths.fromMask: mask must be [B, T], got shape " + Arrays.toString(mask.shape()));
    }
    int bs = mask.size(0);
    int t = mask.size(1);
    double[] m = mask.buffer();
    int[] len = new int[bs];
    for (int b = 0; b < bs; b++) {
      int l = 0;
      while (l < t && m[b * t + l] != 0) {
        l++;
      }
      for (int j = l; j < t; j++) {
        if (m[b * t + j] != 0) {
          throw new IllegalArgumentException(
              "Lengths.fromMask: row "
                  + b
                  + " of the mask is not ones followed by"
                  + " zeros (position "
                  + j
                  + " is "
                  + m[b * t + j]
                  + " after a zero at "
                  + l
                  + ")");
        }
      }
      len[b] = l;
    }
    return new Lengths(len);
  }

  /** Number of sentences B. */
  public int batchSize() {
    return lengths.length;
  }

  /** Number of tokens N over all sentences. */
  public int total() {
    return total;
  }

  /** The longest sentence's length T (0 for an empty batch). */
  public int maxLength() {
    return max;
  }

  public int length(int b) {
    return lengths[b];
  }

  /** First packed row of sentence {@code b}. */
  public int offset(int b) {
    return offsets[b];
  }

  /**
   * Packed row of step {@code t} of sentence {@code b} ({@code 0 <= t < length(b)}), counting from
   * its first token, or from its last when {@code fromEnd} (a backward recurrence's order).
   */
  public int row(int b, int t, boolean fromEnd) {
    return offsets[b] + (fromEnd ? lengths[b] - 1 - t : t);
  }

  /** A copy of the lengths. */
  public int[] toArray() {
    return lengths.clone();
  }

  /** The mask {@code [B, T]} of this layout padded to {@code t >= maxLength()} steps. */
  public Tensor mask(int t) {
    if (t < max) {
      throw new IllegalArgumentException("Lengths.mask: " + t + " steps < longest sentence " + max);
    }
    double[] m = new double[lengths.length * t];
    for (int b = 0; b < lengths.length; b++) {
      Arrays.fill(m, b * t, b * t + lengths[b], 1.0);
    }
    return Tensor.of(m, lengths.length, t);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lengths l && Arrays.equals(lengths, l.lengths);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lengths);
  }

  @Override
  public String toString() {
    return "Lengths" + Arrays.toString(lengths);
  }
}
