package io.github.focal4j.loss.engine;

import java.util.stream.IntStream;

/**
 * Runs a kernel over {@code [0, n)} in chunks of a fixed size, in parallel on the common fork-join
 * pool when there is more than one chunk. The chunk boundaries depend only on n and the grain,
 * never on the number of threads, and each chunk writes its own partial results; callers combine
 * the partials in chunk order. So every result — sums included — is bit-identical across runs and
 * across thread counts.
 *
 * <p>The system property {@code focal4j.loss.threads=1} forces serial execution (benchmarks use it
 * to measure one core).
 */
public final class Chunks {

  /** Elements per chunk for elementwise kernels: 128 KiB of doubles per array, L2-sized. */
  public static final int GRAIN = 1 << 14;

  private static final boolean SERIAL = "1".equals(System.getProperty("focal4j.loss.threads"));

  @FunctionalInterface
  public interface Body {
    void run(int chunk, int from, int to);
  }

  private Chunks() {}

  public static int count(int n, int grain) {
    return n == 0 ? 0 : (n - 1) / grain + 1;
  }

  /**
   * Runs {@code body} on every chunk. An IllegalArgumentException from a chunk (bad input) is
   * rethrown in the caller's thread as the same object; when several chunks throw, the lowest
   * chunk's wins, so the error does not depend on scheduling.
   */
  public static void run(int n, int grain, Body body) {
    int chunks = count(n, grain);
    if (chunks <= 1 || SERIAL) {
      for (int c = 0; c < chunks; c++) {
        body.run(c, c * grain, Math.min(n, (c + 1) * grain));
      }
      return;
    }
    IllegalArgumentException[] errors = new IllegalArgumentException[chunks];
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              try {
                body.run(c, c * grain, Math.min(n, (c + 1) * grain));
              } catch (IllegalArgumentException e) {
                errors[c] = e;
              }
            });
    for (IllegalArgumentException e : errors) {
      if (e != null) {
        throw e;
      }
    }
  }

  /**
   * A chunk's partial results: its loss sum and its counts of valid elements and positive targets.
   */
  public static final class Partial {
    public double sum;
    public long valid;
    public long positives;

    /** The partials added in chunk order. */
    public static Partial total(Partial[] partials) {
      Partial t = new Partial();
      for (Partial p : partials) {
        t.sum += p.sum;
        t.valid += p.valid;
        t.positives += p.positives;
      }
      return t;
    }
  }
}
