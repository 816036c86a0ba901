package io.github.focal4j.models.ops;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Lengths;
import java.util.Arrays;

/**
 * The highest-scoring tag sequence of each sentence under a linear-chain CRF (the score of {@link
 * CrfNll}), by dynamic programming with back-pointers; disallowed transitions are never chosen.
 * Ties go to the lower tag index.
 */
public final class Viterbi {
  private Viterbi() {}

  /**
   * @param emissions {@code [N, C]} packed scores
   * @return the best tags, packed (length N)
   * @throws IllegalArgumentException on mismatched shapes
   */
  public static int[] decode(
      Tensor emissions,
      Lengths lengths,
      Tensor transitions,
      Tensor start,
      Tensor end,
      TransitionMask mask) {
    int c = transitions.size(0);
    int n = lengths.total();
    if (!Arrays.equals(emissions.shape(), new int[] {n, c}) || mask.numTags() != c) {
      throw new IllegalArgumentException(
          "viterbi: emissions "
              + Arrays.toString(emissions.shape())
              + " do not fit "
              + n
              + " tokens and "
              + c
              + " tags");
    }
    double[] e = emissions.buffer();
    double[] tr = mask.apply(transitions.buffer());
    double[] st = mask.applyStart(start.buffer());
    double[] en = mask.applyEnd(end.buffer());
    int[] best = new int[n];
    int[] back = new int[n * c];
    double[] score = new double[c];
    double[] next = new double[c];
    for (int b = 0; b < lengths.batchSize(); b++) {
      int len = lengths.length(b);
      if (len == 0) {
        continue;
      }
      int o = lengths.offset(b);
      for (int j = 0; j < c; j++) {
        score[j] = st[j] + e[o * c + j];
      }
      for (int t = 1; t < len; t++) {
        int row = (o + t) * c;
        for (int j = 0; j < c; j++) {
          int arg = 0;
          double m = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < c; i++) {
            double s = score[i] + tr[i * c + j];
            if (s > m) {
              m = s;
              arg = i;
            }
          }
          back[row + j] = arg;
          next[j] = m + e[row + j];
        }
        System.arraycopy(next, 0, score, 0, c);
      }
      int arg = 0;
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        double s = score[j] + en[j];
        if (s > m) {
          m = s;
          arg = j;
        }
      }
      best[o + len - 1] = arg;
      for (int t = len - 1; t > 0; t--) {
        arg = back[(o + t) * c + arg];
        best[o + t - 1] = arg;
      }
    }
    return best;
  }
}
