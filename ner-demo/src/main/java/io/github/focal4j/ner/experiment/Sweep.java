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
     * The class balance of the training data. Synthetic data: generated with this share of
     * sentences that contain an entity, same size. Real data: every sentence without an entity and
     * this share of those with one (the same sentences for every loss and seed of a value), the
     * epochs scaled so that the number of steps stays the same. Dev and test keep their natural
     * balance.
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

    /** The x-axis label (for {@link #IMBALANCE}: on the built-in synthetic data). */
    public String axis() {
      return axis;
    }

    /**
     * The x-axis label for this data: on real data the imbalance sweep's value is the share of the
     * entity sentences kept.
     */
    public String axis(boolean synthetic) {
      return this == IMBALANCE && !synthetic ? "share of entity sentences kept" : axis;
    }

    /**
     * The default grid (for {@link #IMBALANCE}: of the synthetic data's entity sentence share; on
     * real data the shares of entity sentences kept are 1, 0.1 and 0.03).
     */
    public List<Double> defaultValues(boolean synthetic) {
      if (this == IMBALANCE && !synthetic) {
        return List.of(1.0, 0.1, 0.03);
      }
      return switch (this) {
        case IMBALANCE -> List.of(0.57, 0.4, 0.25, 0.15, 0.08);
        case K -> List.of(0.5, 1.0, 2.0, 4.0, 8.0, 16.0);
        case GAMMA -> List.of(0.0, 0.5, 1.0, 2.0, 3.0, 5.0);
      };
    }

    /** The default series. */
    public List<SeriesSpec> defaultLosses() {
      List<LossSpec> losses =
          switch (this) {
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
      return losses.stream().map(SeriesSpec::of).toList();
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
   *     split is regenerated with each entity sentence share), or null for real data (entity
   *     sentences kept at each share)
   * @param series the losses; for {@link Kind#K} each must be a softened loss, for {@link
   *     Kind#GAMMA} one with γ
   * @throws LossSpecException if a series does not take the swept hyperparameter, or a value is
   *     invalid for it, or two series are the same once it is set ({@code soft,soft(k=3)} for
   *     {@link Kind#K})
   * @throws IllegalArgumentException (imbalance on real data) if a value keeps no entity sentence
   */
  public static List<RunPlan> plans(
      Kind kind,
      List<Double> values,
      NerData data,
      SyntheticCorpusConfig synthetic,
      RunSettings base,
      List<SeriesSpec> series,
      List<Long> seeds) {
    List<String> labels = new ArrayList<>();
    for (SeriesSpec s : series) {
      String label = s.toString(kind.param());
      int earlier = labels.indexOf(label);
      if (earlier >= 0) {
        throw new LossSpecException(
            "--losses",
            "--losses: '"
                + series.get(earlier)
                + "' and '"
                + s
                + "' are the same series once sweep "
                + kind.cliName()
                + " sets "
                + kind.param()
                + "; list each series once");
      }
      labels.add(label);
    }
    List<RunPlan> plans = new ArrayList<>();
    for (double x : values) {
      NerData point = kind == Kind.IMBALANCE ? imbalanced(data, synthetic, x) : data;
      RunSettings settings = sameSteps(base, data, point);
      for (int i = 0; i < series.size(); i++) {
        SeriesSpec s = series.get(i);
        SeriesSpec l =
            switch (kind) {
              case IMBALANCE -> s;
              case K, GAMMA -> s.with(kind.param(), x);
            };
        for (long seed : seeds) {
          plans.add(new RunPlan(labels.get(i), x, point, l.applyTo(settings).withSeed(seed)));
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

  /**
   * The data of one imbalance level: synthetic data regenerated at entity sentence share {@code
   * share}; real data with every entity-free training sentence and a share {@code share} of those
   * with an entity ({@link Subsample#keepEntitySentences}, drawn with the same seed at every level
   * and for every run).
   *
   * @throws IllegalArgumentException (real data) if the share keeps no entity sentence
   */
  static NerData imbalanced(NerData data, SyntheticCorpusConfig synthetic, double share) {
    if (synthetic != null) {
      NerData generated = NerData.synthetic(synthetic.withEntitySentenceShare(share));
      return data.withTrain(generated.train(), data.source());
    }
    if (share == 1) {
      return data;
    }
    return data.withTrain(
        Subsample.keepEntitySentences(data.train(), share, 1L),
        data.source()
            + String.format(
                Locale.ROOT,
                " (training: the entity-free sentences and a share %s of those with an entity)",
                LossSpec.format(share)));
  }
}
