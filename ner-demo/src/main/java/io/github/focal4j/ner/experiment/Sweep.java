package io.github.focal4j.ner.experiment;

import io.github.focal4j.ner.synth.SyntheticCorpusConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code sweep}: one hyperparameter of the data or the loss varied over a grid, every other setting
 * held fixed, each point trained with the same seeds and budget.
 */
public final class Sweep {

  private Sweep() {}

  /** What is varied. */
  public enum Kind {
    /**
     * The class balance of the training data: the share of training sentences that contain an
     * entity (synthetic data: generated so, same size; real data: subsampled, with the epochs
     * scaled so that the number of steps stays the same). Dev and test keep their natural balance.
     */
    IMBALANCE("imbalance", "entity sentence share of training data"),
    /** K of the softened loss. */
    K("k", "K"),
    /** γ of the focal loss (or FL*, poly-focal). */
    GAMMA("gamma", "gamma");

    private final String cliName;
    private final String axis;

    Kind(String cliName, String axis) {
      this.cliName = cliName;
      this.axis = axis;
    }

    public String cliName() {
      return cliName;
    }

    /** The key of the loss hyperparameter varied, or null for the data. */
    public String param() {
      return switch (this) {
        case IMBALANCE -> null;
        case K -> "k";
        case GAMMA -> "gamma";
      };
    }

    /** The x-axis label. */
    public String axis() {
      return axis;
    }

    /** The default grid. */
    public List<Double> defaultValues() {
      return switch (this) {
        case IMBALANCE -> List.of(0.57, 0.4, 0.25, 0.15, 0.08);
        case K -> List.of(0.5, 1.0, 2.0, 4.0, 8.0, 16.0);
        case GAMMA -> List.of(0.0, 0.5, 1.0, 2.0, 3.0, 5.0);
      };
    }

    /** The default series. */
    public List<LossSpec> defaultLosses() {
      return switch (this) {
        case IMBALANCE ->
            List.of(
                LossSpec.crossEntropy(),
                LossSpec.builder("hard").build(),
                LossSpec.builder("soft").set("soft-weight", "margin").build(),
                LossSpec.builder("focal").build(),
                LossSpec.builder("focal").alpha(0.75).build());
        case K ->
            List.of(
                LossSpec.builder("soft").set("soft-weight", "softmax").build(),
                LossSpec.builder("soft").set("soft-weight", "margin").build());
        case GAMMA -> List.of(LossSpec.builder("focal").build());
      };
    }

    /**
     * The kind named {@code name}.
     *
     * @throws IllegalArgumentException naming the value and the kinds
     */
    public static Kind parse(String name) {
      for (Kind k : values()) {
        if (k.cliName.equalsIgnoreCase(name.trim())) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "unknown sweep '" + name + "'; expected imbalance, k or gamma");
    }
  }

  /**
   * The plans of a sweep: for each value, each series (loss) and each seed.
   *
   * @param synthetic the generator settings when the data is the built-in corpus (its training
   *     split is regenerated with each entity sentence share), or null for real data (subsampled)
   * @param series the losses; for {@link Kind#K} each must be a softened loss, for {@link
   *     Kind#GAMMA} one with γ
   * @throws LossSpecException if a series does not take the swept hyperparameter, or a value is
   *     invalid for it
   */
  public static List<RunPlan> plans(
      Kind kind,
      List<Double> values,
      NerData data,
      SyntheticCorpusConfig synthetic,
      RunSettings base,
      List<LossSpec> series,
      List<Long> seeds) {
    List<RunPlan> plans = new ArrayList<>();
    for (double x : values) {
      NerData point = kind == Kind.IMBALANCE ? imbalanced(data, synthetic, x) : data;
      RunSettings settings = sameSteps(base, data, point);
      for (LossSpec loss : series) {
        LossSpec l =
            switch (kind) {
              case IMBALANCE -> loss;
              case K, GAMMA -> loss.with(kind.param(), x);
            };
        for (long seed : seeds) {
          plans.add(
              new RunPlan(
                  loss.toString(kind.param()), x, point, settings.withLoss(l).withSeed(seed)));
        }
      }
    }
    return plans;
  }

  /**
   * The settings with as many epochs as keep the step budget of {@code full} on the (subsampled,
   * smaller) training split of {@code point}: more passes over fewer sentences, so that every point
   * of an imbalance sweep gets about the same number of optimisation steps.
   */
  static RunSettings sameSteps(RunSettings base, NerData full, NerData point) {
    int b = base.trainer().batchSize();
    long fullSteps = (long) base.trainer().epochs() * ((full.train().size() + b - 1) / b);
    int perEpoch = (point.train().size() + b - 1) / b;
    int epochs = (int) Math.max(1, Math.round((double) fullSteps / perEpoch));
    if (epochs == base.trainer().epochs()) {
      return base;
    }
    return new RunSettings(
        base.model(),
        base.trainer().toBuilder().epochs(epochs).build(),
        base.tagging(),
        base.loss(),
        base.selection(),
        base.evalEvery(),
        base.crfMix());
  }

  /** The data with its training split at entity sentence share {@code share}. */
  static NerData imbalanced(NerData data, SyntheticCorpusConfig synthetic, double share) {
    if (synthetic != null) {
      NerData generated = NerData.synthetic(synthetic.withEntitySentenceShare(share));
      return data.withTrain(generated.train(), data.source());
    }
    return data.withTrain(
        Subsample.toEntitySentenceShare(data.train(), share, 1L),
        data.source()
            + String.format(
                Locale.ROOT,
                " (training sentences subsampled to entity share %s)",
                LossSpec.format(share)));
  }
}
