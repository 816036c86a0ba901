package io.github.focal4j.models.training;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param stop why training ended
 * @param epochs epochs completed
 * @param steps optimisation steps done in total (including before a resume)
 * @param tokens training tokens processed by this run (since start or resume)
 * @param seconds training time of this run, without dev evaluation and checkpoints
 * @param bestDevScore the best dev score (NaN without an evaluator)
 * @param bestEpoch its 0-based epoch (-1 without an evaluator); the model holds that epoch's parameters
 */
public record TrainingResult(Stop stop, int epochs, long steps, long tokens, double seconds, double bestDevScore,
    int bestEpoch) {

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
    /** {@link Trainer#requestStop()} was called (a final checkpoint was written if checkpointing is on). */
    STOP_REQUESTED
  }
}
