package io.github.focal4j.models.ops;

import io.github.focal4j.models.data.Lengths;
import java.util.Arrays;

/**
 * Which sentences of a {@link Lengths} layout are still running at each time step, as recurrent
 * kernels need it: sentences sorted by length (longest first, ties by index) make those a prefix of
 * {@link #order()} of size {@link #activeAt(int)}. Immutable. Used by {@link LstmSequence} and the
 * float32 tagger.
 */
public final class RunningSentences {

  private final int[] order;
  private final int[] active;

  public RunningSentences(Lengths lengths) {
    int batch = lengths.batchSize();
    Integer[] idx = new Integer[batch];
    for (int b = 0; b < batch; b++) {
      idx[b] = b;
    }
    Arrays.sort(
        idx,
        (x, y) ->
            lengths.length(x) != lengths.length(y)
                ? Integer.compare(lengths.length(y), lengths.length(x))
                : Integer.compare(x, y));
    this.order = new int[batch];
    for (int i = 0; i < batch; i++) {
      order[i] = idx[i];
    }
    int steps = lengths.maxLength();
    this.active = new int[steps];
    for (int t = 0; t < steps; t++) {
      int a = 0;
      while (a < batch && lengths.length(order[a]) > t) {
        a++;
      }
      active[t] = a;
    }
  }

  /** Sentence indices sorted by length, longest first (ties by index). Do not modify. */
  public int[] order() {
    return order;
  }

  /** Number of sentences with {@code length > t}: they are {@code order()[0 .. activeAt(t))}. */
  public int activeAt(int t) {
    return active[t];
  }
}
