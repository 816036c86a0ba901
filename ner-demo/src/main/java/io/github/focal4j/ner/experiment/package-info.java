/**
 * Training runs and experiments of the demo, independent of the command line: a loss of loss-core
 * with its hyperparameters ({@link io.github.focal4j.ner.experiment.LossSpec}), presets, one run
 * with dev scoring and checkpoints ({@link io.github.focal4j.ner.experiment.TrainingRun}), and many
 * seeded runs side by side ({@link io.github.focal4j.ner.experiment.ExperimentRunner}) for {@link
 * io.github.focal4j.ner.experiment.LossComparison} and {@link
 * io.github.focal4j.ner.experiment.Sweep}, summarised over seeds ({@link
 * io.github.focal4j.ner.experiment.SeriesStats}) and reported as Markdown and JSON ({@link
 * io.github.focal4j.ner.experiment.ExperimentReport}).
 */
package io.github.focal4j.ner.experiment;
