package io.github.focal4j.ner.experiment;

import java.util.List;
import java.util.Objects;

/**
 * How an experiment was run, in words and numbers, for the header of its reports.
 *
 * @param data where the data came from
 * @param corpora one summary line per corpus ({@code CorpusStats.summary()})
 * @param model the model and training setup, in words (preset and changes)
 * @param budget the step budget of every run, in words
 * @param seeds the seeds every series was trained with
 * @param heldOut the split the final figures are on ({@code test}, or {@code dev} without test
 *     data)
 * @param targetF1 the dev F1 (percent) whose first step is reported
 * @param evalEvery the dev set was scored every this many steps (and at epoch ends)
 * @param command the command line that reproduces the experiment
 */
public record ExperimentSetup(
    String data,
    List<String> corpora,
    String model,
    String budget,
    List<Long> seeds,
    String heldOut,
    double targetF1,
    int evalEvery,
    String command) {

  public ExperimentSetup {
    Objects.requireNonNull(data, "data");
    corpora = List.copyOf(corpora);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(budget, "budget");
    seeds = List.copyOf(seeds);
    Objects.requireNonNull(heldOut, "heldOut");
    Objects.requireNonNull(command, "command");
  }

  /**
   * This setup with a sentence on the series that choose their own head appended to {@link
   * #model()}, when any does (the model line describes the command's head).
   */
  public ExperimentSetup withSeriesHeads(List<SeriesSpec> series) {
    List<String> own =
        series.stream().filter(x -> x.head().isPresent()).map(SeriesSpec::toString).toList();
    if (own.isEmpty()) {
      return this;
    }
    String note =
        "; the series "
            + own.stream()
                .map(x -> "`" + x + "`")
                .collect(java.util.stream.Collectors.joining(", "))
            + " train their own head (crf: a CRF with the transition constraints of the tags)";
    return new ExperimentSetup(
        data, corpora, model + note, budget, seeds, heldOut, targetF1, evalEvery, command);
  }
}
