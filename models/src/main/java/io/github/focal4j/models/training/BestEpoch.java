package io.github.focal4j.models.training;

import com.google.common.base.Preconditions;

/**
 * The epoch with the best dev score so far (higher is better), an immutable value.
 *
 * @param epoch 0-based, ≥ 0
 * @param devScore what the {@link DevEvaluator} returned for it
 */
public record BestEpoch(int epoch, double devScore) {
  /**
   * @throws IllegalArgumentException for a negative epoch
   */
  public BestEpoch {
    Preconditions.checkArgument(epoch >= 0, "best epoch must be >= 0, got %s", epoch);
  }
}
