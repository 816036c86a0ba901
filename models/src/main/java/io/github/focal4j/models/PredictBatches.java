package io.github.focal4j.models;

import com.google.common.base.Preconditions;
import java.util.List;

/**
 * How {@link Tagger#predict(List, int)} groups sentences into batches: by length, shortest first,
 * so that the sentences of a batch end at about the same time step and the recurrent products run
 * on full blocks of rows for most of their steps; each batch takes consecutive sentences of that
 * order up to a number of sentences and of tokens (a longer sentence is a batch alone).
 *
 * @param order sentence indices by length, ties in their order (a permutation of {@code [0, n)})
 * @param starts batch {@code b} is {@code order[starts[b] .. starts[b + 1])}; the last entry is n
 */
record PredictBatches(int[] order, int[] starts) {

  /**
   * The batches of sentences with the given token counts.
   *
   * @throws IllegalArgumentException if {@code maxSentences} or {@code maxTokens} is below 1
   */
  static PredictBatches of(List<? extends List<?>> sentences, int maxSentences, int maxTokens) {
    Preconditions.checkArgument(
        maxSentences >= 1, "maxSentences must be >= 1, got %s", maxSentences);
    Preconditions.checkArgument(maxTokens >= 1, "maxTokens must be >= 1, got %s", maxTokens);
    int n = sentences.size();
    int longest = 0;
    for (List<?> s : sentences) {
      longest = Math.max(longest, s.size());
    }
    // a counting sort: stable, so ties keep their order
    int[] first = new int[longest + 2];
    for (List<?> s : sentences) {
      first[s.size() + 1]++;
    }
    for (int length = 1; length < first.length; length++) {
      first[length] += first[length - 1];
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[first[sentences.get(i).size()]++] = i;
    }
    int[] starts = new int[n + 1];
    int batches = 0;
    int tokens = 0;
    for (int k = 0; k < n; k++) {
      int length = sentences.get(order[k]).size();
      if (k == 0 || k - starts[batches - 1] == maxSentences || tokens + length > maxTokens) {
        starts[batches++] = k;
        tokens = 0;
      }
      tokens += length;
    }
    starts[batches] = n;
    return new PredictBatches(order, java.util.Arrays.copyOf(starts, batches + 1));
  }

  /** Number of batches. */
  int count() {
    return starts.length - 1;
  }
}
