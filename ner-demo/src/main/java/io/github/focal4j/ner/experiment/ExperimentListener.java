package io.github.focal4j.ner.experiment;

import io.github.focal4j.models.training.TrainingListener;

/**
 * Progress of an {@link ExperimentRunner}. Runs go in parallel: methods are called from several
 * threads at once and must be thread-safe and quick.
 */
public interface ExperimentListener {

  /** Run {@code index} (0-based, of {@code runs}) starts; {@code totalSteps} is its step budget. */
  default void runStarted(int index, int runs, RunPlan plan, long totalSteps) {}

  /** After each optimisation step of run {@code index}. */
  default void step(int index, TrainingListener.Step step) {}

  /** Run {@code index} ended (or failed: {@link RunSummary#failure()} is set). */
  default void runFinished(int index, RunSummary summary) {}
}
