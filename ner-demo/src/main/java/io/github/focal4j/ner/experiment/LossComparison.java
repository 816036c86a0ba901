package io.github.focal4j.ner.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code compare}: several losses trained on the same data, with the same seeds and the same step
 * budget, so that the only difference between the rows of the table is the loss.
 */
public final class LossComparison {

  private LossComparison() {}

  /**
   * The default set: cross-entropy; hard truncation (m); the softened loss with the multi-class
   * weight softmax(−Kx)_t of Su Jianlin's article ({@code soft(k=1,soft-weight=softmax)}) and with
   * the margin weight σ(−K·z_t) ({@code soft(k=1)}); focal (γ) without α, with α, and with the
   * weight factor detached.
   */
  public static List<LossSpec> defaultLosses(
      double k, double gamma, double alpha, double threshold) {
    return List.of(
        LossSpec.crossEntropy(),
        LossSpec.builder("hard").set("threshold", threshold).build(),
        LossSpec.builder("soft").set("k", k).set("soft-weight", "softmax").build(),
        LossSpec.builder("soft").set("k", k).set("soft-weight", "margin").build(),
        LossSpec.builder("focal").set("gamma", gamma).build(),
        LossSpec.builder("focal").set("gamma", gamma).alpha(alpha).build(),
        LossSpec.builder("focal").set("gamma", gamma).flag("detach-weight").build());
  }

  /** One plan per series and seed, series-major (all seeds of the first series first). */
  public static List<RunPlan> plans(
      NerData data, RunSettings base, List<SeriesSpec> series, List<Long> seeds) {
    List<RunPlan> plans = new ArrayList<>();
    for (SeriesSpec s : series) {
      RunSettings settings = s.applyTo(base);
      for (long seed : seeds) {
        plans.add(new RunPlan(s.toString(), Double.NaN, data, settings.withSeed(seed)));
      }
    }
    return plans;
  }
}
