package io.github.focal4j.models;

import java.util.SplittableRandom;

/**
 * The one source of randomness of a training run: initialisation, dropout masks and the order of
 * the data all come from streams derived from a single seed.
 *
 * <p>Streams are counter-based: the generator for (purpose, counters...) is a pure function of the
 * seed and those numbers, e.g. the dropout stream of shard 1 at step 1234. Nothing carries over
 * from one stream to the next, so a run is reproducible bit for bit whatever the number of threads
 * or the order in which workers finish, and the "RNG state" of a checkpoint is just the step and
 * epoch counters.
 */
public final class RandomSource {

  private static final long INIT = 0x1A2B3C4DL;
  private static final long SHUFFLE = 0x5E6F7081L;
  private static final long DROPOUT = 0x92A3B4C5L;

  private final long seed;

  public RandomSource(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** Parameter initialisation. */
  public SplittableRandom initialization() {
    return stream(INIT);
  }

  /** The data order of epoch {@code epoch} (0-based). */
  public SplittableRandom shuffle(int epoch) {
    return stream(SHUFFLE, epoch);
  }

  /** Dropout masks of shard {@code shard} at optimisation step {@code step} (0-based). */
  public SplittableRandom dropout(long step, int shard) {
    return stream(DROPOUT, step, shard);
  }

  /**
   * A stream for any other purpose: a pure function of the seed, {@code purpose} and the counters.
   */
  public SplittableRandom stream(long purpose, long... counters) {
    long h = mix(seed ^ mix(purpose));
    for (long c : counters) {
      h = mix(h + 0x9E3779B97F4A7C15L * (c + 1));
    }
    return new SplittableRandom(h);
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
