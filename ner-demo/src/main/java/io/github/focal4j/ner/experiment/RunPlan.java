package io.github.focal4j.ner.experiment;

import java.util.Objects;

/**
 * One run of an experiment: which series (loss) and point (sweep value) it belongs to, and what to
 * train on.
 *
 * @param series the series label, such as the loss's text form
 * @param x the sweep value of the point (NaN in a plain comparison)
 * @param data the corpora
 * @param settings the settings, seed included
 */
public record RunPlan(String series, double x, NerData data, RunSettings settings) {

  public RunPlan {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(settings, "settings");
  }

  /** The run's seed. */
  public long seed() {
    return settings.trainer().seed();
  }
}
