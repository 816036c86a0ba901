package io.github.focal4j.ner.experiment;

import io.github.focal4j.loss.BinaryLoss;
import io.github.focal4j.loss.BinaryLossBuilder;
import io.github.focal4j.loss.ClassBalanced;
import io.github.focal4j.loss.CrossEntropyLoss;
import io.github.focal4j.loss.Hyperparameter;
import io.github.focal4j.loss.LossChoice;
import io.github.focal4j.loss.LossText;
import io.github.focal4j.loss.LossType;
import io.github.focal4j.loss.Losses;
import io.github.focal4j.loss.MultiClassLoss;
import io.github.focal4j.loss.MultiClassLossBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A loss of loss-core with its hyperparameters, plus how the demo weights tags: what {@code train
 * --loss ...} and each row of {@code compare} train with. Immutable; build it with {@link
 * #builder(String)} or {@link #parse(String)}.
 *
 * <p>The loss, its hyperparameters, their defaults, ranges and keys are loss-core's ({@link
 * LossChoice}, declared beside each loss and listed in {@link Losses#ALL}); a command-line flag is
 * {@code --} and a key ({@code --gamma}). This class adds only the three ways to weight tags, which
 * apply to every loss:
 *
 * <p><b>α for tags.</b> The scalar {@code --alpha A} is the binary α with "entity" as the positive
 * class: every entity tag is weighted A and {@code O} is weighted 1 − A. {@code --class-alpha}
 * weights classes by tag ({@code B-PER}), entity type ({@code PER}, all its tags) or {@code O};
 * unlisted classes get 1. {@code --class-balanced β} computes α per tag from the training counts
 * ({@link ClassBalanced#alpha}). At most one of the three.
 *
 * <p><b>Text form.</b> {@link #toString()} is loss-core's text form with the tag weights after the
 * loss's numbers — e.g. {@code focal(gamma=2,alpha=0.75)} or {@code soft(k=1,detach-weight)} — and
 * {@link #parse(String)} reads it back, so a row name of a comparison table is the argument that
 * reproduces it.
 *
 * @param loss the loss and its hyperparameters
 * @param alpha the entity weight, O gets 1 − α; empty when off
 * @param classAlpha weights by tag, type or {@code O}; empty when off
 * @param classBalancedBeta β of the class-balanced α; empty when off
 */
public record LossSpec(
    LossChoice<?> loss,
    OptionalDouble alpha,
    Map<String, Double> classAlpha,
    OptionalDouble classBalancedBeta) {

  private static final String ALPHA = "alpha";
  private static final String CLASS_ALPHA = "class-alpha";
  private static final String CLASS_BALANCED = "class-balanced";

  /**
   * Validates the tag weights.
   *
   * @throws LossSpecException naming the flag and value of the first invalid one
   */
  public LossSpec {
    if (loss == null) {
      throw new LossSpecException("--loss", "--loss must be set");
    }
    Objects.requireNonNull(alpha, "alpha");
    Objects.requireNonNull(classBalancedBeta, "classBalancedBeta");
    classAlpha = Collections.unmodifiableMap(new LinkedHashMap<>(classAlpha));
    int alphas =
        (alpha.isPresent() ? 1 : 0)
            + (classAlpha.isEmpty() ? 0 : 1)
            + (classBalancedBeta.isPresent() ? 1 : 0);
    if (alphas > 1) {
      throw new LossSpecException(
          "--alpha",
          "--alpha, --class-alpha and --class-balanced exclude each other; give at most one");
    }
    // The entity α follows the rule of loss-core's binary α; per-class weights that of classAlpha.
    alpha.ifPresent(
        v -> wrap(ALPHA, Hyperparameter.format(v), () -> CrossEntropyLoss.binary().alpha(v)));
    for (Map.Entry<String, Double> e : classAlpha.entrySet()) {
      if (e.getKey().isEmpty()) {
        throw new LossSpecException("--class-alpha", "--class-alpha: empty class name");
      }
      wrap(
          CLASS_ALPHA,
          e.getKey() + "=" + e.getValue(),
          () -> CrossEntropyLoss.multiClass().classAlpha(e.getValue()));
    }
    classBalancedBeta.ifPresent(
        v -> wrap(CLASS_BALANCED, Hyperparameter.format(v), () -> ClassBalanced.alpha(v, 1, 1)));
  }

  /** Runs {@code r}, turning its IllegalArgumentException into one naming {@code --key value}. */
  private static void wrap(String key, String value, Runnable r) {
    try {
      r.run();
    } catch (NumberFormatException e) {
      throw new LossSpecException("--" + key, "--" + key + " '" + value + "' is not a number");
    } catch (IllegalArgumentException e) {
      throw new LossSpecException(
          "--" + key, "--" + key + (value.isEmpty() ? "" : " " + value) + ": " + e.getMessage());
    }
  }

  /** The loss's name, such as {@code focal}. */
  public String name() {
    return loss.type().name();
  }

  /**
   * A builder for the loss named {@code name} at its defaults.
   *
   * @throws LossSpecException for an unknown name
   */
  public static Builder builder(String name) {
    return new Builder(
        Losses.named(name)
            .orElseThrow(
                () ->
                    new LossSpecException(
                        "--loss", "unknown loss '" + name + "'; expected one of " + Losses.names()))
            .choice());
  }

  /** Cross-entropy with no options. */
  public static LossSpec crossEntropy() {
    return builder(CrossEntropyLoss.TYPE.name()).build();
  }

  /** A builder holding this spec's values (to change one and build again). */
  public Builder toBuilder() {
    Builder b = new Builder(loss);
    b.alpha = alpha;
    b.classAlpha = new LinkedHashMap<>(classAlpha);
    b.classBalancedBeta = classBalancedBeta;
    return b;
  }

  /**
   * This spec with one number of the loss set.
   *
   * @throws LossSpecException if the loss has no such hyperparameter, or for an invalid value
   */
  public LossSpec with(String key, double value) {
    return toBuilder().set(key, value).build();
  }

  // ------------------------------------------------------------------------------ building losses

  /**
   * The multi-class loss for a tag set (mean over valid tokens, loss-core's default).
   *
   * @param tags the model's tags in id order ({@code O} is the outside tag)
   * @param counts training tokens per tag, in the same order (used by {@code --class-balanced})
   * @throws LossSpecException if a {@code --class-alpha} key is neither a tag, a type nor {@code O}
   * @throws IllegalArgumentException for {@code mom} when the tags have no {@code O} (its majority
   *     class)
   */
  public MultiClassLoss multiClass(List<String> tags, long[] counts) {
    MultiClassLossBuilder<?> b = loss.multiClass();
    double[] weights = classWeights(tags, counts);
    if (weights != null) {
      b.classAlpha(weights);
    }
    int outside = tags.indexOf("O");
    if (outside >= 0) {
      b.backgroundClass(
          outside); // the majority class of mom; the class that is not an entity for every loss
    }
    return b.build();
  }

  /** Per-tag α, or null when no α option is set. */
  double[] classWeights(List<String> tags, long[] counts) {
    if (alpha.isPresent()) {
      double a = alpha.getAsDouble();
      double[] w = new double[tags.size()];
      for (int c = 0; c < w.length; c++) {
        w[c] = tags.get(c).equals("O") ? 1 - a : a;
      }
      return w;
    }
    if (classBalancedBeta.isPresent()) {
      return ClassBalanced.alpha(classBalancedBeta.getAsDouble(), counts);
    }
    if (classAlpha.isEmpty()) {
      return null;
    }
    Set<String> known = new TreeSet<>();
    for (String tag : tags) {
      known.add(tag);
      known.add(typeOf(tag));
    }
    known.remove("");
    for (String key : classAlpha.keySet()) {
      if (!known.contains(key)) {
        throw new LossSpecException(
            "--class-alpha",
            "--class-alpha: '"
                + key
                + "' is neither a tag nor an entity type of the training data "
                + known);
      }
    }
    double[] w = new double[tags.size()];
    for (int c = 0; c < w.length; c++) {
      String tag = tags.get(c);
      Double v = classAlpha.get(tag);
      if (v == null) {
        v = classAlpha.get(typeOf(tag));
      }
      w[c] = v == null ? 1.0 : v;
    }
    return w;
  }

  private static String typeOf(String tag) {
    int hyphen = tag.indexOf('-');
    return hyphen < 0 ? "" : tag.substring(hyphen + 1);
  }

  /**
   * The binary form of this loss (for {@code curves}): logits x, targets y ∈ {0, 1}; the scalar α
   * weights positives. Per-class α does not exist for it.
   *
   * @throws LossSpecException for {@code --class-alpha} or {@code --class-balanced}, or a loss
   *     without a binary form
   */
  public BinaryLoss binary() {
    if (!classAlpha.isEmpty()) {
      throw new LossSpecException(
          "--class-alpha", "--class-alpha applies to multi-class training only");
    }
    if (classBalancedBeta.isPresent()) {
      throw new LossSpecException(
          "--class-balanced", "--class-balanced applies to multi-class training only");
    }
    if (!loss.type().hasBinary()) {
      throw new LossSpecException("--loss", "--loss " + name() + " has no binary form");
    }
    BinaryLossBuilder<?> b = loss.binary();
    alpha.ifPresent(b::alpha);
    return b.build();
  }

  // ------------------------------------------------------------------------------ text form

  /** The loss's numbers, then the tag weights that are on, then the loss's options that are set. */
  @Override
  public String toString() {
    return toString(null);
  }

  /**
   * The text form without one hyperparameter: the name of a series whose {@code omitted} varies
   * ({@code soft(detach-weight)} for a K sweep).
   *
   * @param omitted a key such as {@code k}, or null
   */
  public String toString(String omitted) {
    List<String> shared = new ArrayList<>();
    alpha.ifPresent(v -> shared.add(ALPHA + "=" + Hyperparameter.format(v)));
    classBalancedBeta.ifPresent(v -> shared.add(CLASS_BALANCED + "=" + Hyperparameter.format(v)));
    if (!classAlpha.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      classAlpha.forEach((c, v) -> pairs.add(c + ":" + format(v)));
      shared.add(CLASS_ALPHA + "=" + String.join("/", pairs));
    }
    return loss.text(shared, omitted).toString();
  }

  /** A number as short as it reads: {@code 2}, {@code 0.75}, {@code 1.0E-4}. */
  public static String format(double v) {
    return Hyperparameter.format(v);
  }

  /**
   * Reads the {@link #toString()} form: {@code ce}, {@code focal(gamma=1)}, {@code
   * soft(k=2,detach-weight)}, {@code ce(class-alpha=PER:0.5/O:0.2)}. Omitted hyperparameters take
   * the defaults.
   *
   * @throws LossSpecException for an unknown loss or key, a malformed value, or an invalid spec
   */
  public static LossSpec parse(String text) {
    LossText t;
    try {
      t = LossText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new LossSpecException("--loss", e.getMessage());
    }
    Builder b = builder(t.name());
    for (LossText.Item item : t.items()) {
      if (!isTagWeight(item.key()) && Losses.having(item.key()).isEmpty()) {
        throw new LossSpecException(
            "--loss",
            "'"
                + text
                + "': unknown key '"
                + item.key()
                + "'; "
                + t.name()
                + " takes "
                + String.join(", ", b.keysOfLoss()));
      }
      b.setItem(item.key(), item.value());
    }
    return b.build();
  }

  /** Whether {@code key} is one of the tag weights, which apply to every loss. */
  static boolean isTagWeight(String key) {
    return key.equals(ALPHA) || key.equals(CLASS_ALPHA) || key.equals(CLASS_BALANCED);
  }

  /**
   * Collects hyperparameters, each checked as it is set: a hyperparameter that does not apply to
   * the loss, or a value out of range, fails with a {@link LossSpecException} naming its flag.
   */
  public static final class Builder {
    private LossChoice<?> loss;
    private OptionalDouble alpha = OptionalDouble.empty();
    private Map<String, Double> classAlpha = new LinkedHashMap<>();
    private OptionalDouble classBalancedBeta = OptionalDouble.empty();

    private Builder(LossChoice<?> loss) {
      this.loss = loss;
    }

    /**
     * Sets a number: a hyperparameter of the loss (K, γ, m, ε, β, label smoothing, ...), {@code
     * alpha} or {@code class-balanced}.
     *
     * @throws LossSpecException for NaN, a value out of range, or a key the loss does not have
     */
    public Builder set(String key, double value) {
      if (Double.isNaN(value)) {
        throw new LossSpecException("--" + key, "--" + key + " NaN: must be a number");
      }
      switch (key) {
        case ALPHA -> alpha = OptionalDouble.of(value);
        case CLASS_BALANCED -> classBalancedBeta = OptionalDouble.of(value);
        default -> {
          applies(key);
          wrap(key, format(value), () -> loss = loss.set(key, value));
        }
      }
      return this;
    }

    /** Whether the loss has a hyperparameter {@code key}. */
    public boolean has(String key) {
      return loss.has(key);
    }

    /** The keys of the loss's text form: its hyperparameters, then the tag weights. */
    private List<String> keysOfLoss() {
      List<String> k = new ArrayList<>();
      loss.type().hyperparameters().forEach(h -> k.add(h.key()));
      k.addAll(List.of(ALPHA, CLASS_ALPHA, CLASS_BALANCED));
      return k;
    }

    /**
     * Sets {@code key} if the loss has it (the {@code curves} figure applies shared flags this
     * way).
     */
    public Builder setIfApplicable(String key, double value) {
      return isTagWeight(key) || loss.has(key) ? set(key, value) : this;
    }

    /** The scalar entity weight. */
    public Builder alpha(double v) {
      return set(ALPHA, v);
    }

    /** α per tag from the effective number of samples with this β. */
    public Builder classBalanced(double beta) {
      return set(CLASS_BALANCED, beta);
    }

    /** Weights by tag, entity type or {@code O} (unlisted classes get 1). */
    public Builder classAlpha(Map<String, Double> weights) {
      this.classAlpha = new LinkedHashMap<>(weights);
      return this;
    }

    /**
     * Adds the weight of one tag, entity type or {@code O}, as written ({@code --class-alpha
     * PER=2}, {@code class-alpha=PER:2}).
     *
     * @throws LossSpecException for a class that already has a weight or a weight that is not a
     *     number
     */
    public Builder classAlpha(String name, String weight) {
      if (classAlpha.containsKey(name)) {
        throw new LossSpecException(
            "--" + CLASS_ALPHA,
            "--" + CLASS_ALPHA + ": " + name + " is given twice; give each class once");
      }
      classAlpha.put(name, number(CLASS_ALPHA, weight));
      return this;
    }

    /**
     * Sets a choice ({@code soft-weight}, by name) or a number from its text.
     *
     * @throws LossSpecException for a key the loss does not have, an unknown choice or a bad number
     */
    public Builder set(String key, String value) {
      setItem(key, Optional.of(value));
      return this;
    }

    /**
     * Turns a flag on ({@code detach-weight}).
     *
     * @throws LossSpecException for a flag the loss does not have
     */
    public Builder flag(String key) {
      setItem(key, Optional.empty());
      return this;
    }

    /** One item of the text form: {@code key=value}, or a bare key. */
    private void setItem(String key, Optional<String> given) {
      if (isTagWeight(key) && given.isEmpty()) {
        throw new LossSpecException("--" + key, key + " needs a value (" + key + "=...)");
      }
      if (key.equals(CLASS_ALPHA)) {
        String value = given.get();
        classAlpha = new LinkedHashMap<>();
        for (String pair : value.split("/")) {
          String[] cv = pair.split(":", 2);
          if (cv.length != 2) {
            throw new LossSpecException(
                "--" + key, key + "=" + value + ": expected CLASS:WEIGHT/CLASS:WEIGHT...");
          }
          classAlpha(cv[0].trim(), cv[1].trim());
        }
        return;
      }
      if (isTagWeight(key)) {
        set(key, number(key, given.get()));
        return;
      }
      applies(key);
      wrap(key, given.orElse(""), () -> loss = loss.set(new LossText.Item(key, given)));
    }

    private static double number(String key, String value) {
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new LossSpecException("--" + key, "--" + key + " '" + value + "' is not a number");
      }
    }

    /** Throws unless the loss has a hyperparameter {@code key}. */
    private void applies(String key) {
      if (!loss.has(key)) {
        String having =
            Losses.having(key).stream().map(LossType::name).collect(Collectors.joining(", "));
        throw new LossSpecException(
            "--" + key,
            "--"
                + key
                + " does not apply to --loss "
                + loss.type().name()
                + (having.isEmpty() ? "" : " (it applies to " + having + ")"));
      }
    }

    /**
     * The spec.
     *
     * @throws LossSpecException naming the flag of an invalid tag weight or a conflict between them
     */
    public LossSpec build() {
      return new LossSpec(loss, alpha, classAlpha, classBalancedBeta);
    }
  }
}
