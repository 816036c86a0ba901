package io.github.focal4j.models.training;

import com.google.common.base.Preconditions;

/**
 * A factor on the base learning rate as a function of the optimisation step (0-based) and the run's
 * total number of steps, as PyTorch's {@code LambdaLR}.
 */
public sealed interface LearningRateSchedule {

  /** The factor at {@code step} of {@code totalSteps}. */
  double factor(long step, long totalSteps);

  /** Always 1. */
  static LearningRateSchedule constant() {
    return new Constant();
  }

  /** From 1 at the first step down linearly to {@code endFactor} at the last. */
  static LearningRateSchedule linearDecay(double endFactor) {
    return new LinearDecay(endFactor);
  }

  /**
   * {@code (step + 1) / steps} for the first {@code steps} steps, then {@code after} (counted from
   * 0).
   */
  static LearningRateSchedule warmup(int steps, LearningRateSchedule after) {
    return new Warmup(steps, after);
  }

  record Constant() implements LearningRateSchedule {
    @Override
    public double factor(long step, long totalSteps) {
      return 1.0;
    }
  }

  record LinearDecay(double endFactor) implements LearningRateSchedule {
    public LinearDecay {
      Preconditions.checkArgument(
          endFactor >= 0 && endFactor <= 1,
          "linear decay: end factor must be in [0, 1]," + " got %s",
          endFactor);
    }

    @Override
    public double factor(long step, long totalSteps) {
      if (totalSteps <= 1) {
        return 1.0;
      }
      double frac = Math.min(1.0, (double) step / (totalSteps - 1));
      return 1.0 - (1.0 - endFactor) * frac;
    }
  }

  record Warmup(int steps, LearningRateSchedule after) implements LearningRateSchedule {
    public Warmup {
      Preconditions.checkArgument(steps >= 0, "warm-up steps must be >= 0, got %s", steps);
      Preconditions.checkArgument(after != null, "warm-up needs the schedule that follows it");
    }

    @Override
    public double factor(long step, long totalSteps) {
      if (step < steps) {
        return (step + 1.0) / steps;
      }
      return after.factor(step - steps, Math.max(1, totalSteps - steps));
    }
  }
}
