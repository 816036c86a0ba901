package io.github.focal4j.models.training;

import com.google.common.base.Preconditions;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Early stopping on a dev score: after each epoch the score either improves on the best so far
 * (higher is better) or counts as a bad epoch; {@code patience} bad epochs in a row stop training.
 * Without a patience training never stops early, but the best epoch is still tracked (the trainer
 * ends on its parameters).
 */
final class EarlyStopping {

  /**
   * The early-stopping part of a run's progress. Immutable.
   *
   * @param best the best epoch so far, empty before the first dev evaluation
   * @param badEpochs epochs since the best one, ≥ 0
   * @param stopped whether training stopped early
   */
  record State(Optional<BestEpoch> best, int badEpochs, boolean stopped) {
    static final State INITIAL = new State(Optional.empty(), 0, false);

    State {
      Preconditions.checkArgument(best != null, "best must not be null (use Optional.empty())");
      Preconditions.checkArgument(badEpochs >= 0, "badEpochs must be >= 0, got %s", badEpochs);
    }

    /**
     * Whether {@code score} is better than the best so far (any score is, before the first or after
     * a NaN).
     */
    boolean isImprovedBy(double score) {
      return best.isEmpty() || Double.isNaN(best.get().devScore()) || score > best.get().devScore();
    }
  }

  private final OptionalInt patience;

  /**
   * @param patience bad epochs (≥ 1) that stop training; empty never stops early
   */
  EarlyStopping(OptionalInt patience) {
    Preconditions.checkArgument(
        patience != null && patience.orElse(1) >= 1, "patience must be >= 1, got %s", patience);
    this.patience = patience;
  }

  /**
   * The state after {@code epoch} scored {@code score} on dev ({@link State#isImprovedBy} decides).
   */
  State afterEpoch(State s, int epoch, double score) {
    if (s.isImprovedBy(score)) {
      return new State(Optional.of(new BestEpoch(epoch, score)), 0, false);
    }
    int bad = s.badEpochs() + 1;
    return new State(s.best(), bad, patience.isPresent() && bad >= patience.getAsInt());
  }

  /** The state after an epoch without dev evaluation: nothing to compare, so never a stop. */
  State afterEpochWithoutDev(State s) {
    return new State(s.best(), s.badEpochs(), false);
  }
}
