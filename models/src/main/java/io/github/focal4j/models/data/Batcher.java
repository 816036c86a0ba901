package io.github.focal4j.models.data;

import com.google.common.base.Preconditions;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Splits a data set of {@code size} sentences into batches of {@code batchSize} (the last one may
 * be smaller, as PyTorch's {@code DataLoader(drop_last=False)}), in an order shuffled per epoch by
 * a Fisher–Yates shuffle from the caller's seeded generator.
 */
public final class Batcher {

  private final int size;
  private final int batchSize;

  /**
   * @throws IllegalArgumentException if the data set is empty or the batch size is not positive
   */
  public Batcher(int size, int batchSize) {
    Preconditions.checkArgument(size > 0, "Batcher: the data set is empty");
    Preconditions.checkArgument(
        batchSize > 0, "Batcher: batch size must be positive, got %s", batchSize);
    this.size = size;
    this.batchSize = batchSize;
  }

  public int batchesPerEpoch() {
    return (size + batchSize - 1) / batchSize;
  }

  public int batchSize() {
    return batchSize;
  }

  /** A permutation of {@code 0 .. size-1} drawn from {@code rng}. */
  public int[] shuffledOrder(RandomGenerator rng) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  /** The sentence indices of batch {@code index} of an epoch's {@code order}. */
  public int[] batch(int[] order, int index) {
    Preconditions.checkArgument(
        index >= 0 && index < batchesPerEpoch(),
        "Batcher: batch %s out of range [0, %s)",
        index,
        batchesPerEpoch());
    return Arrays.copyOfRange(order, index * batchSize, Math.min(size, (index + 1) * batchSize));
  }
}
