package io.github.focal4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PredictBatchesTest {

  /** Sentences of the given lengths (their tokens do not matter here). */
  private static List<List<String>> sentences(List<Integer> lengths) {
    List<List<String>> out = new ArrayList<>();
    for (int length : lengths) {
      out.add(Collections.nCopies(length, "w"));
    }
    return out;
  }

  @Property(tries = 300)
  void batchesAreSortedRunsWithinTheLimits(
      @ForAll @Size(max = 300) List<@IntRange(max = 40) Integer> lengths,
      @ForAll @IntRange(min = 1, max = 70) int maxSentences,
      @ForAll @IntRange(min = 1, max = 200) int maxTokens) {
    List<List<String>> s = sentences(lengths);
    PredictBatches plan = PredictBatches.of(s, maxSentences, maxTokens);
    int n = lengths.size();
    int[] order = plan.order();
    // a permutation, by length, ties in their order
    assertArrayEquals(
        java.util.stream.IntStream.range(0, n).toArray(),
        java.util.Arrays.stream(order).sorted().toArray());
    for (int k = 1; k < n; k++) {
      int a = lengths.get(order[k - 1]);
      int b = lengths.get(order[k]);
      assertTrue(a < b || (a == b && order[k - 1] < order[k]), "order at " + k);
    }
    // consecutive batches covering the order, each within the limits (a longer sentence alone),
    // and each as large as the limits allow (the next sentence would not fit)
    int[] starts = plan.starts();
    assertEquals(0, starts[0]);
    assertEquals(n, starts[starts.length - 1]);
    assertEquals(n == 0 ? 0 : starts.length - 1, plan.count());
    for (int b = 0; b < plan.count(); b++) {
      int from = starts[b];
      int to = starts[b + 1];
      assertTrue(to > from, "batch " + b + " is empty");
      int tokens = 0;
      for (int k = from; k < to; k++) {
        tokens += lengths.get(order[k]);
      }
      assertTrue(to - from <= maxSentences, "batch " + b + ": " + (to - from) + " sentences");
      assertTrue(tokens <= maxTokens || to - from == 1, "batch " + b + ": " + tokens + " tokens");
      if (to < n) {
        assertTrue(
            to - from == maxSentences || tokens + lengths.get(order[to]) > maxTokens,
            "batch " + b + " could have taken the next sentence");
      }
    }
  }

  @Test
  void shortestFirstTiesInOrder() {
    PredictBatches plan = PredictBatches.of(sentences(List.of(3, 0, 5, 3, 1)), 2, 100);
    assertArrayEquals(new int[] {1, 4, 0, 3, 2}, plan.order());
    assertArrayEquals(new int[] {0, 2, 4, 5}, plan.starts());
  }

  @Test
  void aSentenceLongerThanTheTokenLimitIsABatchAlone() {
    PredictBatches plan = PredictBatches.of(sentences(List.of(2, 9, 2)), 64, 4);
    assertArrayEquals(new int[] {0, 2, 1}, plan.order());
    assertArrayEquals(new int[] {0, 2, 3}, plan.starts());
  }

  @Test
  void limitsMustBePositive() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PredictBatches.of(List.of(), 0, 5));
    assertEquals("maxSentences must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PredictBatches.of(List.of(), 5, 0));
    assertEquals("maxTokens must be >= 1, got 0", e.getMessage());
  }
}
