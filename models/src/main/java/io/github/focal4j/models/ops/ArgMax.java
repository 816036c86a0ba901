package io.github.focal4j.models.ops;

/** The softmax head's decoder: each token's highest-scoring tag (the first of equal ones). */
public final class ArgMax {
  private ArgMax() {}

  /**
   * @param scores {@code [N, C]} packed scores, row-major
   * @return the index of each row's maximum (length N)
   * @throws IllegalArgumentException when C &lt; 1 or the length is not a multiple of C
   */
  public static int[] decode(double[] scores, int c) {
    if (c < 1 || scores.length % c != 0) {
      throw new IllegalArgumentException(
          "argmax: " + scores.length + " scores are not rows of " + c + " tags");
    }
    int[] out = new int[scores.length / c];
    for (int r = 0; r < out.length; r++) {
      int best = 0;
      for (int j = 1; j < c; j++) {
        if (scores[r * c + j] > scores[r * c + best]) {
          best = j;
        }
      }
      out[r] = best;
    }
    return out;
  }
}
