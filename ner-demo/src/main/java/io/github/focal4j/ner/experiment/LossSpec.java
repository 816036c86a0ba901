package io.github.focal4j.ner.experiment;

import io.github.focal4j.loss.BinaryLoss;
import io.github.focal4j.loss.ClassBalanced;
import io.github.focal4j.loss.CrossEntropyLoss;
import io.github.focal4j.loss.FocalLoss;
import io.github.focal4j.loss.FocalStarLoss;
import io.github.focal4j.loss.HardTruncationLoss;
import io.github.focal4j.loss.MultiClassLoss;
import io.github.focal4j.loss.MultiClassLossBuilder;
import io.github.focal4j.loss.PolyLoss;
import io.github.focal4j.loss.SoftenedLoss;
import io.github.focal4j.loss.WeightGradient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A loss of loss-core with all its hyperparameters, resolved and validated: what {@code train
 * --loss ...} and each row of {@code compare} train with. Immutable; build it with {@link
 * #builder(LossKind)} or {@link #parse(String)}.
 *
 * <p>Hyperparameters that do not apply to the kind are {@code NaN} (numbers) or {@code null}; the
 * builder refuses to set them ({@link LossSpecException} naming the flag). Defaults are
 * loss-core's: K = 1, m = 0.5, γ = 2 for focal and poly-focal, γ = 1 and β = 0 for FL*, ε = 1,
 * softened weight {@code softmax}, no α, no label smoothing, gradient through the weight.
 *
 * <p><b>α for tags.</b> The scalar {@code --alpha A} is the binary α with "entity" as the positive
 * class: every entity tag is weighted A and {@code O} is weighted 1 − A. {@code --class-alpha}
 * weights classes by tag ({@code B-PER}), entity type ({@code PER}, all its tags) or {@code O};
 * unlisted classes get 1. {@code --class-balanced β} computes α per tag from the training counts
 * ({@link ClassBalanced#alpha}). At most one of the three.
 *
 * <p><b>Text form.</b> {@link #toString()} is {@code kind(key=value,...)} with the keys of {@link
 * LossParam#key()} — e.g. {@code focal(gamma=2,alpha=0.75)} or {@code soft(k=1,detach-weight)} —
 * and {@link #parse(String)} reads it back, so a row name of a comparison table is the argument that
 * reproduces it.
 *
 * @param kind the loss
 * @param k σ(Kx)'s K (soft only)
 * @param gamma γ (focal, focal-star, poly-focal)
 * @param alpha the entity weight, O gets 1 − α; NaN when off
 * @param classAlpha weights by tag, type or {@code O}; empty when off
 * @param classBalancedBeta β of the class-balanced α; NaN when off
 * @param threshold hard truncation's m (hard only)
 * @param reducedThreshold the reduced focal loss's threshold (focal only); NaN when off
 * @param labelSmoothing s, 0 when off (ce and focal)
 * @param weightGradient whether the gradient flows through the weight factor (soft and focal)
 * @param epsilon PolyLoss's ε (poly1, poly-focal)
 * @param beta FL*'s β (focal-star)
 * @param softWeight the softened loss's multi-class weight (soft only)
 */
public record LossSpec(
    LossKind kind,
    double k,
    double gamma,
    double alpha,
    Map<String, Double> classAlpha,
    double classBalancedBeta,
    double threshold,
    double reducedThreshold,
    double labelSmoothing,
    WeightGradient weightGradient,
    double epsilon,
    double beta,
    SoftenedLoss.MultiClassWeight softWeight) {

  /**
   * Validates every value by handing it to loss-core's builders.
   *
   * @throws LossSpecException naming the flag and value of the first invalid hyperparameter
   */
  public LossSpec {
    if (kind == null) {
      throw new LossSpecException("--loss", "--loss must be set");
    }
    classAlpha = Collections.unmodifiableMap(new LinkedHashMap<>(classAlpha));
    int alphas = (Double.isNaN(alpha) ? 0 : 1) + (classAlpha.isEmpty() ? 0 : 1)
        + (Double.isNaN(classBalancedBeta) ? 0 : 1);
    if (alphas > 1) {
      throw new LossSpecException("--alpha",
          "--alpha, --class-alpha and --class-balanced exclude each other; give at most one");
    }
    // Every value goes through the loss-core setter that owns its rule, wrapped to name the flag.
    LossKind kd = kind;
    check(LossParam.K, k, v -> SoftenedLoss.binary().k(v));
    check(LossParam.GAMMA, gamma, v -> {
      switch (kd) {
        case FOCAL_STAR -> FocalStarLoss.binary().gamma(v);
        case POLY_FOCAL -> PolyLoss.binary().gamma(v);
        default -> FocalLoss.binary().gamma(v);
      }
    });
    check(LossParam.ALPHA, alpha, v -> CrossEntropyLoss.binary().alpha(v));
    for (Map.Entry<String, Double> e : classAlpha.entrySet()) {
      if (e.getKey().isEmpty()) {
        throw new LossSpecException("--class-alpha", "--class-alpha: empty class name");
      }
      wrap(LossParam.CLASS_ALPHA, e.getKey() + "=" + e.getValue(),
          () -> CrossEntropyLoss.multiClass().classAlpha(e.getValue()));
    }
    check(LossParam.CLASS_BALANCED, classBalancedBeta, v -> ClassBalanced.alpha(v, 1, 1));
    check(LossParam.THRESHOLD, threshold, v -> HardTruncationLoss.binary().threshold(v));
    check(LossParam.REDUCED_THRESHOLD, reducedThreshold, v -> FocalLoss.binary().reducedThreshold(v));
    wrap(LossParam.LABEL_SMOOTHING, format(labelSmoothing),
        () -> CrossEntropyLoss.binary().labelSmoothing(labelSmoothing));
    check(LossParam.EPSILON, epsilon, v -> PolyLoss.binary().epsilon(v));
    check(LossParam.BETA, beta, v -> FocalStarLoss.binary().beta(v));
    requireApplicable(kind, LossParam.K, !Double.isNaN(k));
    requireApplicable(kind, LossParam.GAMMA, !Double.isNaN(gamma));
    requireApplicable(kind, LossParam.THRESHOLD, !Double.isNaN(threshold));
    requireApplicable(kind, LossParam.REDUCED_THRESHOLD, !Double.isNaN(reducedThreshold));
    requireApplicable(kind, LossParam.LABEL_SMOOTHING, labelSmoothing != 0);
    requireApplicable(kind, LossParam.DETACH_WEIGHT, weightGradient == WeightGradient.DETACHED);
    requireApplicable(kind, LossParam.EPSILON, !Double.isNaN(epsilon));
    requireApplicable(kind, LossParam.BETA, !Double.isNaN(beta));
    requireApplicable(kind, LossParam.SOFT_WEIGHT, softWeight != null);
    if (weightGradient == null) {
      throw new LossSpecException("--detach-weight", "the weight gradient must be set");
    }
    // The kind's own hyperparameters must be present.
    for (LossParam p : required(kind)) {
      boolean missing = switch (p) {
        case K -> Double.isNaN(k);
        case GAMMA -> Double.isNaN(gamma);
        case THRESHOLD -> Double.isNaN(threshold);
        case EPSILON -> Double.isNaN(epsilon);
        case BETA -> Double.isNaN(beta);
        case SOFT_WEIGHT -> softWeight == null;
        default -> false;
      };
      if (missing) {
        throw new LossSpecException(p.flag(), kind.cliName() + " needs " + p.flag());
      }
    }
  }

  private interface DoubleCheck {
    void apply(double v);
  }

  private static void check(LossParam p, double v, DoubleCheck c) {
    if (!Double.isNaN(v)) {
      wrap(p, format(v), () -> c.apply(v));
    }
  }

  private static void wrap(LossParam p, String value, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      throw new LossSpecException(p.flag(), p.flag() + " " + value + ": " + e.getMessage());
    }
  }

  private static void requireApplicable(LossKind kind, LossParam p, boolean given) {
    if (given && !p.appliesTo(kind)) {
      throw new LossSpecException(p.flag(), p.flag() + " does not apply to --loss " + kind.cliName()
          + " (it applies to " + p.kindNames() + ")");
    }
  }

  /** The hyperparameters a kind always has (with defaults). */
  private static Set<LossParam> required(LossKind kind) {
    return switch (kind) {
      case CE -> EnumSet.noneOf(LossParam.class);
      case HARD -> EnumSet.of(LossParam.THRESHOLD);
      case SOFT -> EnumSet.of(LossParam.K, LossParam.SOFT_WEIGHT);
      case FOCAL -> EnumSet.of(LossParam.GAMMA);
      case FOCAL_STAR -> EnumSet.of(LossParam.GAMMA, LossParam.BETA);
      case POLY1 -> EnumSet.of(LossParam.EPSILON);
      case POLY_FOCAL -> EnumSet.of(LossParam.GAMMA, LossParam.EPSILON);
    };
  }

  /** A builder for {@code kind} with loss-core's defaults. */
  public static Builder builder(LossKind kind) {
    return new Builder(kind);
  }

  /** Cross-entropy with no options. */
  public static LossSpec crossEntropy() {
    return builder(LossKind.CE).build();
  }

  /** A builder holding this spec's values (to change one and build again). */
  public Builder toBuilder() {
    Builder b = new Builder(kind);
    b.putIfSet(LossParam.K, k);
    b.putIfSet(LossParam.GAMMA, gamma);
    b.putIfSet(LossParam.ALPHA, alpha);
    b.putIfSet(LossParam.CLASS_BALANCED, classBalancedBeta);
    b.putIfSet(LossParam.THRESHOLD, threshold);
    b.putIfSet(LossParam.REDUCED_THRESHOLD, reducedThreshold);
    if (labelSmoothing != 0) {
      b.putIfSet(LossParam.LABEL_SMOOTHING, labelSmoothing);
    }
    b.putIfSet(LossParam.EPSILON, epsilon);
    b.putIfSet(LossParam.BETA, beta);
    b.classAlpha = new LinkedHashMap<>(classAlpha);
    b.weightGradient = weightGradient;
    b.softWeight = softWeight;
    return b;
  }

  // ------------------------------------------------------------------------------ building losses

  /**
   * The multi-class loss for a tag set (mean over valid tokens, loss-core's default).
   *
   * @param tags the model's tags in id order ({@code O} is the outside tag)
   * @param counts training tokens per tag, in the same order (used by {@code --class-balanced})
   * @throws LossSpecException if a {@code --class-alpha} key is neither a tag, a type nor {@code O}
   */
  public MultiClassLoss multiClass(List<String> tags, long[] counts) {
    MultiClassLossBuilder<?> b = switch (kind) {
      case CE -> CrossEntropyLoss.multiClass().labelSmoothing(labelSmoothing);
      case HARD -> HardTruncationLoss.multiClass().threshold(threshold);
      case SOFT -> SoftenedLoss.multiClass().k(k).weight(softWeight).weightGradient(weightGradient);
      case FOCAL -> {
        FocalLoss.MultiClass f = FocalLoss.multiClass().gamma(gamma).labelSmoothing(labelSmoothing)
            .weightGradient(weightGradient);
        yield Double.isNaN(reducedThreshold) ? f : f.reducedThreshold(reducedThreshold);
      }
      case FOCAL_STAR -> FocalStarLoss.multiClass().gamma(gamma).beta(beta);
      case POLY1 -> PolyLoss.multiClass().gamma(0).epsilon(epsilon);
      case POLY_FOCAL -> PolyLoss.multiClass().gamma(gamma).epsilon(epsilon);
    };
    double[] weights = classWeights(tags, counts);
    if (weights != null) {
      b.classAlpha(weights);
    }
    return b.build();
  }

  /** Per-tag α, or null when no α option is set. */
  double[] classWeights(List<String> tags, long[] counts) {
    if (!Double.isNaN(alpha)) {
      double[] w = new double[tags.size()];
      for (int c = 0; c < w.length; c++) {
        w[c] = tags.get(c).equals("O") ? 1 - alpha : alpha;
      }
      return w;
    }
    if (!Double.isNaN(classBalancedBeta)) {
      return ClassBalanced.alpha(classBalancedBeta, counts);
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
        throw new LossSpecException("--class-alpha", "--class-alpha: '" + key
            + "' is neither a tag nor an entity type of the training data " + known);
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
   * @throws LossSpecException for {@code --class-alpha} or {@code --class-balanced}
   */
  public BinaryLoss binary() {
    if (!classAlpha.isEmpty()) {
      throw new LossSpecException("--class-alpha", "--class-alpha applies to multi-class training only");
    }
    if (!Double.isNaN(classBalancedBeta)) {
      throw new LossSpecException("--class-balanced", "--class-balanced applies to multi-class training only");
    }
    BinaryLoss loss = switch (kind) {
      case CE -> alpha(CrossEntropyLoss.binary().labelSmoothing(labelSmoothing)).build();
      case HARD -> alpha(HardTruncationLoss.binary().threshold(threshold)).build();
      case SOFT -> alpha(SoftenedLoss.binary().k(k).weightGradient(weightGradient)).build();
      case FOCAL -> {
        FocalLoss.Binary f = FocalLoss.binary().gamma(gamma).labelSmoothing(labelSmoothing)
            .weightGradient(weightGradient);
        yield alpha(Double.isNaN(reducedThreshold) ? f : f.reducedThreshold(reducedThreshold)).build();
      }
      case FOCAL_STAR -> alpha(FocalStarLoss.binary().gamma(gamma).beta(beta)).build();
      case POLY1 -> alpha(PolyLoss.binary().gamma(0).epsilon(epsilon)).build();
      case POLY_FOCAL -> alpha(PolyLoss.binary().gamma(gamma).epsilon(epsilon)).build();
    };
    return loss;
  }

  private <B extends io.github.focal4j.loss.BinaryLossBuilder<B>> B alpha(B b) {
    return Double.isNaN(alpha) ? b : b.alpha(alpha);
  }

  // ------------------------------------------------------------------------------ text form

  /** {@code kind(key=value,...)}: the kind's own hyperparameters, then the options that are on. */
  @Override
  public String toString() {
    return toString(null);
  }

  /**
   * The text form without one hyperparameter: the name of a series whose {@code omitted} varies
   * ({@code soft(soft-weight=margin)} for a K sweep).
   */
  public String toString(LossParam omitted) {
    List<String> parts = new ArrayList<>();
    double nan = Double.NaN;
    add(parts, LossParam.K, omitted == LossParam.K ? nan : k);
    add(parts, LossParam.THRESHOLD, omitted == LossParam.THRESHOLD ? nan : threshold);
    add(parts, LossParam.GAMMA, omitted == LossParam.GAMMA ? nan : gamma);
    add(parts, LossParam.BETA, beta);
    add(parts, LossParam.EPSILON, epsilon);
    add(parts, LossParam.ALPHA, alpha);
    add(parts, LossParam.CLASS_BALANCED, classBalancedBeta);
    if (!classAlpha.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      classAlpha.forEach((c, v) -> pairs.add(c + ":" + format(v)));
      parts.add(LossParam.CLASS_ALPHA.key() + "=" + String.join("/", pairs));
    }
    add(parts, LossParam.REDUCED_THRESHOLD, reducedThreshold);
    if (labelSmoothing != 0) {
      add(parts, LossParam.LABEL_SMOOTHING, labelSmoothing);
    }
    if (softWeight != null && softWeight != SoftenedLoss.MultiClassWeight.SOFTMAX) {
      parts.add(LossParam.SOFT_WEIGHT.key() + "=" + softWeight.name().toLowerCase(Locale.ROOT));
    }
    if (weightGradient == WeightGradient.DETACHED) {
      parts.add(LossParam.DETACH_WEIGHT.key());
    }
    return parts.isEmpty() ? kind.cliName() : kind.cliName() + "(" + String.join(",", parts) + ")";
  }

  private static void add(List<String> parts, LossParam p, double v) {
    if (!Double.isNaN(v)) {
      parts.add(p.key() + "=" + format(v));
    }
  }

  /** A number as short as it reads: {@code 2}, {@code 0.75}, {@code 1.0E-4}. */
  public static String format(double v) {
    if (Double.isFinite(v) && Math.abs(v) < 1e7 && (v == 0 || Math.abs(v) >= 1e-4)) {
      return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
    return Double.toString(v);
  }

  /**
   * Reads the {@link #toString()} form: {@code ce}, {@code focal(gamma=1)}, {@code
   * soft(k=2,detach-weight)}, {@code ce(class-alpha=PER:0.5/O:0.2)}. Omitted hyperparameters take
   * the defaults.
   *
   * @throws LossSpecException for an unknown loss or key, a malformed value, or an invalid spec
   */
  public static LossSpec parse(String text) {
    String s = text.trim();
    int open = s.indexOf('(');
    String name = open < 0 ? s : s.substring(0, open).trim();
    LossKind kind;
    try {
      kind = LossKind.parse(name);
    } catch (IllegalArgumentException e) {
      throw new LossSpecException("--loss", e.getMessage());
    }
    Builder b = builder(kind);
    if (open >= 0) {
      if (!s.endsWith(")")) {
        throw new LossSpecException("--loss", "'" + text + "': expected name(key=value,...)");
      }
      String inner = s.substring(open + 1, s.length() - 1).trim();
      for (String item : inner.isEmpty() ? new String[0] : inner.split(",")) {
        String[] kv = item.split("=", 2);
        String key = kv[0].trim();
        LossParam p = LossParam.byKey(key);
        if (p == null) {
          throw new LossSpecException("--loss", "'" + text + "': unknown key '" + key + "'; expected one of "
              + keys());
        }
        if (p == LossParam.DETACH_WEIGHT) {
          if (kv.length == 2) {
            throw new LossSpecException(p.flag(), "'" + text + "': detach-weight takes no value");
          }
          b.detachWeight();
          continue;
        }
        if (kv.length != 2) {
          throw new LossSpecException(p.flag(), "'" + text + "': " + key + " needs a value (" + key + "=...)");
        }
        b.setText(p, kv[1].trim());
      }
    }
    return b.build();
  }

  /**
   * A comma-separated list of specs; commas inside parentheses belong to a spec: {@code
   * ce,focal(gamma=2,alpha=0.75)}.
   *
   * @throws LossSpecException for an empty list or any invalid spec
   */
  public static List<LossSpec> parseList(String text) {
    List<LossSpec> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String item = text.substring(start, i).trim();
        if (!item.isEmpty()) {
          out.add(parse(item));
        }
        start = i + 1;
      }
    }
    if (out.isEmpty()) {
      throw new LossSpecException("--losses", "--losses: no loss given");
    }
    return out;
  }

  private static String keys() {
    List<String> k = new ArrayList<>();
    for (LossParam p : LossParam.values()) {
      k.add(p.key());
    }
    return String.join(", ", k);
  }

  /**
   * Collects hyperparameters; {@link #build()} fills in the kind's defaults and validates. Setters
   * record what was given, so a hyperparameter that does not apply to the kind fails in {@link
   * #build()} with a message naming its flag.
   */
  public static final class Builder {
    private final LossKind kind;
    private final Map<LossParam, Double> values = new java.util.EnumMap<>(LossParam.class);
    private Map<String, Double> classAlpha = new LinkedHashMap<>();
    private WeightGradient weightGradient = WeightGradient.FULL;
    private SoftenedLoss.MultiClassWeight softWeight;

    private Builder(LossKind kind) {
      if (kind == null) {
        throw new LossSpecException("--loss", "--loss must be set");
      }
      this.kind = kind;
    }

    /**
     * Sets a numeric hyperparameter (K, γ, α, m, ε, β, label smoothing, class-balanced β, ...).
     *
     * @throws LossSpecException for NaN (every hyperparameter must be a number)
     */
    public Builder set(LossParam p, double value) {
      if (p == LossParam.CLASS_ALPHA || p == LossParam.DETACH_WEIGHT || p == LossParam.SOFT_WEIGHT) {
        throw new IllegalArgumentException(p + " is not a number; use its own setter");
      }
      if (Double.isNaN(value)) {
        throw new LossSpecException(p.flag(), p.flag() + " NaN: must be a number");
      }
      values.put(p, value);
      return this;
    }

    private void putIfSet(LossParam p, double value) {
      if (!Double.isNaN(value)) {
        values.put(p, value);
      }
    }

    public Builder k(double v) {
      return set(LossParam.K, v);
    }

    public Builder gamma(double v) {
      return set(LossParam.GAMMA, v);
    }

    public Builder alpha(double v) {
      return set(LossParam.ALPHA, v);
    }

    public Builder threshold(double v) {
      return set(LossParam.THRESHOLD, v);
    }

    public Builder classBalanced(double beta) {
      return set(LossParam.CLASS_BALANCED, beta);
    }

    /** Weights by tag, entity type or {@code O} (unlisted classes get 1). */
    public Builder classAlpha(Map<String, Double> weights) {
      this.classAlpha = new LinkedHashMap<>(weights);
      return this;
    }

    /** Stops the gradient through the weight factor (soft, focal). */
    public Builder detachWeight() {
      this.weightGradient = WeightGradient.DETACHED;
      return this;
    }

    /** The softened loss's multi-class weight. */
    public Builder softWeight(SoftenedLoss.MultiClassWeight w) {
      this.softWeight = w;
      return this;
    }

    private void setText(LossParam p, String value) {
      if (p == LossParam.SOFT_WEIGHT) {
        try {
          softWeight(SoftenedLoss.MultiClassWeight.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new LossSpecException(p.flag(), p.flag() + " " + value + ": expected softmax or margin");
        }
        return;
      }
      if (p == LossParam.CLASS_ALPHA) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String pair : value.split("/")) {
          String[] cv = pair.split(":", 2);
          if (cv.length != 2) {
            throw new LossSpecException(p.flag(), "class-alpha=" + value + ": expected CLASS:WEIGHT/CLASS:WEIGHT...");
          }
          m.put(cv[0].trim(), number(p, cv[1].trim()));
        }
        classAlpha(m);
        return;
      }
      set(p, number(p, value));
    }

    private static double number(LossParam p, String value) {
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new LossSpecException(p.flag(), p.flag() + " '" + value + "' is not a number");
      }
    }

    /**
     * The spec.
     *
     * @throws LossSpecException naming the flag of a hyperparameter that does not apply to the kind
     *     or is out of range
     */
    public LossSpec build() {
      for (LossParam p : values.keySet()) {
        if (!p.appliesTo(kind) && !isNeutral(p, values.get(p))) {
          throw new LossSpecException(p.flag(), p.flag() + " does not apply to --loss " + kind.cliName()
              + " (it applies to " + p.kindNames() + ")");
        }
      }
      if (!classAlpha.isEmpty() && !LossParam.CLASS_ALPHA.appliesTo(kind)) {
        throw new LossSpecException("--class-alpha", "--class-alpha does not apply to --loss " + kind.cliName());
      }
      if (weightGradient == WeightGradient.DETACHED && !LossParam.DETACH_WEIGHT.appliesTo(kind)) {
        throw new LossSpecException("--detach-weight", "--detach-weight does not apply to --loss "
            + kind.cliName() + " (it applies to " + LossParam.DETACH_WEIGHT.kindNames() + ")");
      }
      if (softWeight != null && !LossParam.SOFT_WEIGHT.appliesTo(kind)) {
        throw new LossSpecException("--soft-weight", "--soft-weight does not apply to --loss " + kind.cliName());
      }
      return new LossSpec(kind,
          value(LossParam.K, 1.0),
          value(LossParam.GAMMA, kind == LossKind.FOCAL_STAR ? 1.0 : 2.0),
          optional(LossParam.ALPHA),
          classAlpha,
          optional(LossParam.CLASS_BALANCED),
          value(LossParam.THRESHOLD, 0.5),
          optional(LossParam.REDUCED_THRESHOLD),
          LossParam.LABEL_SMOOTHING.appliesTo(kind) ? values.getOrDefault(LossParam.LABEL_SMOOTHING, 0.0) : 0.0,
          LossParam.DETACH_WEIGHT.appliesTo(kind) ? weightGradient : WeightGradient.FULL,
          value(LossParam.EPSILON, 1.0),
          value(LossParam.BETA, 0.0),
          LossParam.SOFT_WEIGHT.appliesTo(kind)
              ? (softWeight == null ? SoftenedLoss.MultiClassWeight.SOFTMAX : softWeight) : null);
    }

    /** A value that changes nothing (label smoothing 0), accepted for any kind. */
    private static boolean isNeutral(LossParam p, double v) {
      return p == LossParam.LABEL_SMOOTHING && v == 0;
    }

    /** The given value or the default when the parameter applies to the kind; NaN otherwise. */
    private double value(LossParam p, double dflt) {
      return p.appliesTo(kind) ? values.getOrDefault(p, dflt) : Double.NaN;
    }

    private double optional(LossParam p) {
      return p.appliesTo(kind) ? values.getOrDefault(p, Double.NaN) : Double.NaN;
    }
  }
}
