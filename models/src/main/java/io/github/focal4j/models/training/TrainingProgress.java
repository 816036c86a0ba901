package io.github.focal4j.models.training;

import com.google.common.base.Preconditions;
import java.util.OptionalLong;

/**
 * Where a training run stands: everything a checkpoint carries besides the model, the trainer
 * configuration, the optimizer state and the best parameters ({@link TrainingProgressCodec} writes
 * it as the {@code PROG} section). The data order and the dropout streams are functions of the seed
 * and these counters, which is why a resumed run continues exactly. Immutable; the trainer replaces
 * it after every step and every epoch.
 *
 * @param epoch the epoch in progress, 0-based, ≥ 0
 * @param batchInEpoch batches of that epoch done, ≥ 0
 * @param step optimisation steps done in total, ≥ 0
 * @param dataFingerprint the hash of the encoded training data, once {@link Trainer#fit} has seen
 *     it
 * @param epochLossSum Σ batch loss × batch tokens over the batches of this epoch so far
 * @param epochTokens tokens of the batches of this epoch so far, ≥ 0
 * @param earlyStopping the best dev epoch so far, the bad epochs since and whether training stopped
 *     early
 */
record TrainingProgress(
    int epoch,
    int batchInEpoch,
    long step,
    OptionalLong dataFingerprint,
    double epochLossSum,
    long epochTokens,
    EarlyStopping.State earlyStopping) {

  /**
   * @throws IllegalArgumentException naming the first invalid field and its value
   */
  TrainingProgress {
    Preconditions.checkArgument(epoch >= 0, "epoch must be >= 0, got %s", epoch);
    Preconditions.checkArgument(
        batchInEpoch >= 0, "batchInEpoch must be >= 0, got %s", batchInEpoch);
    Preconditions.checkArgument(step >= 0, "step must be >= 0, got %s", step);
    Preconditions.checkArgument(
        dataFingerprint != null, "dataFingerprint must not be null (use empty)");
    Preconditions.checkArgument(epochTokens >= 0, "epochTokens must be >= 0, got %s", epochTokens);
    Preconditions.checkArgument(earlyStopping != null, "earlyStopping must not be null");
  }

  /** A run that has not started. */
  static TrainingProgress start() {
    return new TrainingProgress(0, 0, 0, OptionalLong.empty(), 0, 0, EarlyStopping.State.INITIAL);
  }

  /**
   * The progress after one more step of {@code tokens} tokens whose mean loss per token was {@code
   * loss}.
   */
  TrainingProgress afterStep(double loss, int tokens) {
    return new TrainingProgress(
        epoch,
        batchInEpoch + 1,
        step + 1,
        dataFingerprint,
        epochLossSum + loss * tokens,
        epochTokens + tokens,
        earlyStopping);
  }

  /** The start of the next epoch, with the early-stopping state after the finished one. */
  TrainingProgress nextEpoch(EarlyStopping.State after) {
    return new TrainingProgress(epoch + 1, 0, step, dataFingerprint, 0, 0, after);
  }

  TrainingProgress withDataFingerprint(long fingerprint) {
    return new TrainingProgress(
        epoch,
        batchInEpoch,
        step,
        OptionalLong.of(fingerprint),
        epochLossSum,
        epochTokens,
        earlyStopping);
  }

  /** The mean loss per token over the epoch's batches so far (NaN before the first). */
  double epochMeanLoss() {
    return epochTokens == 0 ? Double.NaN : epochLossSum / epochTokens;
  }
}
