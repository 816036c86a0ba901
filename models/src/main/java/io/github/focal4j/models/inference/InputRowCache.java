package io.github.focal4j.models.inference;

import com.google.common.base.Preconditions;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The LSTM input rows of tokens seen before, for {@link FloatTagger}: a token's row (its word,
 * casing and character shares of both directions' input projection, bias included) depends only on
 * its word id, casing id and character ids, so a token met again is a copy instead of a character
 * convolution and a product. Text repeats its words (a few thousand distinct tokens make up most of
 * any news text), so after the first few thousand sentences most tokens are copies.
 *
 * <p>The rows are the ones {@link FloatTagger} computed, stored as they are, so a cached row has
 * the same bits as a recomputed one. The first {@code capacity} distinct tokens are kept and none
 * is evicted: in text the frequent tokens come early, and without eviction a lookup takes no lock.
 * Thread-safe: two threads that miss the same token both compute it (the same bits) and the first
 * to store it wins.
 */
final class InputRowCache {

  private final ConcurrentHashMap<Key, float[]> rows = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;

  /**
   * @param capacity the most rows kept, ≥ 0
   * @throws IllegalArgumentException for a negative capacity
   */
  InputRowCache(int capacity) {
    Preconditions.checkArgument(capacity >= 0, "capacity must be >= 0, got %s", capacity);
    this.capacity = capacity;
  }

  /**
   * The rows that fit {@code budgetBytes} of heap, at {@code rowFloats} floats a row plus the key
   * and the map's entry (about 128 bytes, counted generously).
   */
  static int capacityFor(long budgetBytes, int rowFloats) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, budgetBytes) / (4L * rowFloats + 128));
  }

  /** The row of the token with this key, if it is kept. */
  Optional<float[]> get(Key key) {
    return Optional.ofNullable(rows.get(key));
  }

  /**
   * Keeps {@code row} (not copied; the caller must not change it) for the token with this key if
   * there is room and it is not kept yet.
   */
  void offer(Key key, float[] row) {
    if (size.get() < capacity && rows.putIfAbsent(key, row) == null) {
      size.incrementAndGet(); // racing threads may overshoot the capacity by one row each
    }
  }

  /** Whether {@link #offer} would keep no more rows. */
  boolean isFull() {
    return size.get() >= capacity;
  }

  /** The rows kept. */
  int size() {
    return size.get();
  }

  /** What a token's input row depends on: its word id, casing id and character ids. */
  static final class Key {
    private final int[] ids;
    private final int hash;

    /**
     * The key of a token with word id {@code word}, casing id {@code casing} and the character ids
     * {@code chars[from, to)}.
     */
    Key(int word, int casing, int[] chars, int from, int to) {
      ids = new int[2 + to - from];
      ids[0] = word;
      ids[1] = casing;
      System.arraycopy(chars, from, ids, 2, to - from);
      hash = Arrays.hashCode(ids);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && Arrays.equals(k.ids, ids);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
