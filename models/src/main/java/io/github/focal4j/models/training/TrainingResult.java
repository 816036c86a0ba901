package io.github.focal4j.models.training;

import com.google.common.base.Preconditions;
import java.util.Optional;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param stop why training ended
 * @param epochs epochs completed
 * @param steps optimisation steps done in total (including before a resume)
 * @param tokens training tokens processed by this run (since start or resume)
 * @param seconds training time of this run, without dev evaluation and checkpoints
 * @param best the epoch with the best dev score, whose parameters the model holds; empty without a
 *     dev evaluator
 */
public record TrainingResult(
    Stop stop, int epochs, long steps, long tokens, double seconds, Optional<BestEpoch> best) {

  /**
   * @throws IllegalArgumentException if {@code best} is null (use empty)
   */
  public TrainingResult {
    Preconditions.checkArgument(stop != null, "stop must be set");
    Preconditions.checkArgument(
        best != null, "best must not be null (empty without a dev evaluator)");
  }

  /** Training tokens per second of training time. */
  public double tokensPerSecond() {
    return seconds > 0 ? tokens / seconds : 0;
  }

  /** Why training ended. */
  public enum Stop {
    /** All epochs done. */
    COMPLETED,
    /** No dev improvement for {@code patience} epochs. */
    EARLY_STOPPED,
    /**
     * {@link Trainer#requestStop()} was called (a final checkpoint was written if checkpointing is
     * on).
     */
    STOP_REQUESTED
  }
}
