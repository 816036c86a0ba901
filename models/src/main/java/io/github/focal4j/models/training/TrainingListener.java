package io.github.focal4j.models.training;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Progress hooks of a {@link Trainer}, called on the training thread between steps (keep them
 * quick).
 */
public interface TrainingListener {

  /**
   * After each optimisation step.
   *
   * @param epoch 0-based epoch
   * @param batch 0-based batch within the epoch
   * @param step 1-based global step count after this step
   * @param loss the batch's mean loss per token
   * @param tokens real tokens in the batch
   * @param tokensPerSecond training tokens over training time since this run (or resume) started
   * @param learningRate the rate used for this step
   * @param gradientNorm global gradient norm before clipping
   */
  record Step(
      int epoch,
      int batch,
      int batchesPerEpoch,
      long step,
      long totalSteps,
      double loss,
      int tokens,
      double tokensPerSecond,
      double learningRate,
      double gradientNorm) {}

  /**
   * After each epoch (and its dev evaluation).
   *
   * @param devScore the evaluator's score, empty without an evaluator
   * @param improved whether the score is the best so far
   */
  record Epoch(
      int epoch,
      double meanLoss,
      OptionalDouble devScore,
      boolean improved,
      double tokensPerSecond) {}

  default void onStep(Step step) {}

  default void onEpoch(Epoch epoch) {}

  /** After a checkpoint was written. */
  default void onCheckpoint(Path file, long step) {}
}
