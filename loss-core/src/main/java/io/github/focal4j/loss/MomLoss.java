package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * MoM, majority-or-minority learning (Nemoto, Kitada and Iyatomi 2024, "Majority or Minority: Data
 * Imbalance Learning Method for Named Entity Recognition", IEEE Access): a base loss plus λ times
 * the same loss summed only over the elements whose gold class is the majority class (the {@code O}
 * tag in NER), both terms with the conventional loss's normalizer (the paper divides both by the
 * padded sentence length M):
 *
 * <pre>
 *   L_MoM = (1/N)·Σ_i w_i ℓ_i  +  λ·(1/N)·Σ_{i : t_i = O} w_i ℓ_i  =  (1/N)·Σ_i w_i·(1 + λ·[t_i = O])·ℓ_i
 *   ∂L_MoM/∂x_i = (1 + λ·[t_i = O]) · w_i/N · ∂ℓ_i/∂x_i
 * </pre>
 *
 * ℓ is any {@link MultiClassLoss} (or {@link BinaryLoss}, with the majority class 0 or 1) with its
 * own reduction, normalization N, ignore index, α, label smoothing and implementation; w the
 * caller's weights. {@link Reduction#NONE} gives element i {@code (1 + λ·[t_i = O])·w_i ℓ_i},
 * {@link Reduction#SUM} their sum, {@link Reduction#MEAN} their sum over the base's count (valid
 * elements, or positives).
 *
 * <p><b>Implementation.</b> As the formula shows, MoM is the base loss with every majority-class
 * element's weight multiplied by {@code 1 + λ}: MoM calls the base once with those weights, so a
 * base built with {@link Implementation#FUSED} runs its fused kernel (one pass, its hand-derived
 * backward) and one built with {@link Implementation#COMPOSED} its reference graph. The same
 * identity means that for cross-entropy MoM is per-class α with {@code α_O = 1 + λ} and 1 elsewhere
 * ({@link MultiClassLossBuilder#classAlpha}; PyTorch's weighted {@code cross_entropy} would differ
 * under MEAN, as it divides by the sum of the weights).
 *
 * <p><b>Options.</b> The majority class has no default and must be set ({@link
 * MultiClass#majorityClass}); λ ≥ 0 finite, default 1 (Focal4J's choice, equal weight of the two
 * terms; the paper tunes λ per data set). λ = 0 is the base loss. Invalid values throw {@link
 * IllegalArgumentException} naming the loss, the parameter and the value; a majority class outside
 * the logits' C classes is reported when the loss is applied, as are negative or non-finite weights
 * (where the mask is not 0), before the base sees them.
 *
 * <pre>{@code
 * MultiClassLoss mom = MomLoss.multiClass().base(CrossEntropyLoss.multiClass().build())
 *     .majorityClass(oTagIndex).lambda(1).build();
 * }</pre>
 *
 * <p><b>Text form</b> ({@link #TYPE}, {@code mom(lambda=1,base=focal)}): MoM over one of the
 * registered losses ({@link Base}) at its defaults, configured by a {@link Config}; the majority
 * class is then the builder's {@link MultiClassLossBuilder#backgroundClass} ({@link #configured}).
 */
public final class MomLoss {

  static final String NAME = "MomLoss";

  private MomLoss() {}

  /** A builder of MoM over a binary base loss. */
  public static Binary binary() {
    return new Binary();
  }

  /** A builder of MoM over a multi-class base loss. */
  public static MultiClass multiClass() {
    return new MultiClass();
  }

  /** λ ≥ 0 and finite. */
  static double checkLambda(double lambda) {
    return Params.nonNegative(NAME, "lambda", lambda);
  }

  /**
   * The base's weights times {@code 1 + λ·[target = majority]}. Checks the caller's weights first
   * (shape, then finite and ≥ 0 where the mask is not 0), so that an error names the value the
   * caller passed.
   */
  static Tensor weights(
      Tensor weights, Tensor mask, int[] targetShape, double lambda, IntPredicate isMajority) {
    Inputs.optional(NAME, "weights", weights, targetShape);
    Inputs.optional(NAME, "mask", mask, targetShape);
    int n =
        Math.toIntExact(
            java.util.Arrays.stream(targetShape).asLongStream().reduce(1, (x, y) -> x * y));
    double[] given = weights == null ? null : weights.buffer();
    double[] ms = mask == null ? null : mask.buffer();
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double wi = given == null ? 1.0 : given[i];
      if ((ms == null || ms[i] != 0.0) && !(wi >= 0 && wi < Double.POSITIVE_INFINITY)) {
        throw Inputs.badWeight(NAME, i, targetShape, wi);
      }
      w[i] = isMajority.test(i) ? wi * (1.0 + lambda) : wi;
    }
    return Tensor.of(w, targetShape);
  }

  /**
   * The loss MoM wraps, when MoM is configured by its {@link Config} (the text form {@code
   * mom(base=focal)}): one of the registered losses at its defaults, named as in {@link
   * Losses#ALL}.
   */
  public enum Base {
    CE(() -> CrossEntropyLoss.TYPE),
    FOCAL(() -> FocalLoss.TYPE),
    DSC(() -> DiceLoss.DSC),
    DICE(() -> DiceLoss.DICE),
    TVERSKY(() -> TverskyLoss.TYPE);

    private final Supplier<LossType<?>> type;

    Base(Supplier<LossType<?>> type) {
      this.type = type;
    }

    /** The registered type, such as {@link CrossEntropyLoss#TYPE}. */
    public LossType<?> type() {
      return type.get();
    }

    /** A multi-class builder of this loss at its defaults. */
    MultiClassLossBuilder<?> builder() {
      return builder(type());
    }

    private static <C> MultiClassLossBuilder<?> builder(LossType<C> t) {
      return t.multiClass(t.defaults());
    }
  }

  /**
   * MoM's hyperparameters when it is configured as a {@link LossType}.
   *
   * @param lambda λ ≥ 0, the weight of the majority-class term; default 1
   * @param base the wrapped loss, at its defaults; default {@link Base#CE} (the paper's
   *     conventional loss)
   */
  public record Config(double lambda, Base base) {
    /** λ = 1 over cross-entropy. */
    public static final Config DEFAULT = new Config(1, Base.CE);

    /**
     * @throws IllegalArgumentException for λ &lt; 0 or non-finite, or a null base
     */
    public Config {
      checkLambda(lambda);
      Params.notNull(NAME, "base", base);
    }

    public Config withLambda(double l) {
      return new Config(l, base);
    }

    public Config withBase(Base b) {
      return new Config(lambda, b);
    }
  }

  /**
   * {@code mom}, {@code mom(lambda=0.5,base=focal)}: MoM over a registered loss at its defaults.
   * Multi-class only; the majority class is the builder's {@link
   * MultiClassLossBuilder#backgroundClass} (the {@code O} tag), which must be set.
   */
  public static final LossType<Config> TYPE =
      LossType.multiClassOnly(
          "mom",
          Config.DEFAULT,
          MomLoss::configured,
          Hyperparameter.option("lambda", Config::lambda, Config::withLambda),
          Hyperparameter.choice("base", Base.class, Config::base, Config::withBase));

  /**
   * A multi-class builder of MoM holding {@code config}; its shared options go to the base loss.
   */
  public static Configured configured(Config config) {
    return new Configured().config(config);
  }

  /**
   * MoM configured by a {@link Config}: the base loss is the configured {@link Base} at its
   * defaults, with this builder's per-class α, ignore index, reduction, normalization and
   * implementation; the majority class is {@link #backgroundClass} (required).
   */
  public static final class Configured extends ConfiguredMultiClassBuilder<Config, Configured> {
    Configured() {
      super(NAME, Config.DEFAULT);
    }

    /**
     * @throws IllegalArgumentException when {@link #backgroundClass} (the majority class) is not
     *     set
     */
    @Override
    public MultiClassLoss build() {
      if (backgroundClass.isEmpty()) {
        throw new IllegalArgumentException(
            NAME
                + ": the majority class must be set: backgroundClass(c), the O"
                + " class; there is no default");
      }
      MultiClassLossBuilder<?> b = config().base().builder();
      if (classAlpha != null) {
        b.classAlpha(classAlpha);
      }
      b.ignoreIndex(ignoreIndex)
          .backgroundClass(backgroundClass.getAsInt())
          .reduction(reduction)
          .normalization(normalization)
          .implementation(implementation);
      return new MultiMom(b.build(), backgroundClass.getAsInt(), config().lambda());
    }
  }

  /** MoM over a binary base loss: the majority class is 0 or 1. */
  public static final class Binary {
    private BinaryLoss base;
    private Integer majority;
    private double lambda = 1.0;

    Binary() {}

    /** The base loss L (required). */
    public Binary base(BinaryLoss base) {
      this.base = Params.notNull(NAME, "base", base);
      return this;
    }

    /**
     * The majority class, 0 or 1 (required; usually 0, the negatives).
     *
     * @throws IllegalArgumentException for anything but 0 or 1
     */
    public Binary majorityClass(int majority) {
      if (majority != 0 && majority != 1) {
        throw new IllegalArgumentException(
            NAME + ": majorityClass of a binary loss must be 0 or 1, got " + majority);
      }
      this.majority = majority;
      return this;
    }

    /** λ ≥ 0, the weight of the majority-class term; default 1. */
    public Binary lambda(double lambda) {
      this.lambda = checkLambda(lambda);
      return this;
    }

    /**
     * @throws IllegalArgumentException when the base loss or the majority class is not set
     */
    public BinaryLoss build() {
      if (base == null) {
        throw new IllegalArgumentException(NAME + ": base loss must be set (base(loss))");
      }
      if (majority == null) {
        throw new IllegalArgumentException(
            NAME + ": majorityClass must be set (0 or 1); there is no default");
      }
      return new BinaryMom(base, majority, lambda);
    }
  }

  /** MoM over a multi-class base loss. */
  public static final class MultiClass {
    private MultiClassLoss base;
    private Integer majority;
    private double lambda = 1.0;

    MultiClass() {}

    /** The base loss L (required). */
    public MultiClass base(MultiClassLoss base) {
      this.base = Params.notNull(NAME, "base", base);
      return this;
    }

    /**
     * The majority class index, the {@code O} tag in NER (required; checked against C when
     * applied).
     *
     * @throws IllegalArgumentException for a negative index
     */
    public MultiClass majorityClass(int majority) {
      if (majority < 0) {
        throw new IllegalArgumentException(NAME + ": majorityClass must be >= 0, got " + majority);
      }
      this.majority = majority;
      return this;
    }

    /** λ ≥ 0, the weight of the majority-class term; default 1. */
    public MultiClass lambda(double lambda) {
      this.lambda = checkLambda(lambda);
      return this;
    }

    /**
     * @throws IllegalArgumentException when the base loss or the majority class is not set
     */
    public MultiClassLoss build() {
      if (base == null) {
        throw new IllegalArgumentException(NAME + ": base loss must be set (base(loss))");
      }
      if (majority == null) {
        throw new IllegalArgumentException(
            NAME + ": majorityClass must be set (the O class index); there is no" + " default");
      }
      return new MultiMom(base, majority, lambda);
    }
  }

  private record BinaryMom(BinaryLoss base, int majority, double lambda) implements BinaryLoss {
    @Override
    public Tensor apply(Tensor logits, Tensor targets) {
      return run(logits, targets, null, null);
    }

    @Override
    public Tensor apply(Tensor logits, Tensor targets, Tensor mask) {
      Inputs.notNull(NAME, "mask", mask);
      return run(logits, targets, mask, null);
    }

    @Override
    public Tensor apply(Tensor logits, Tensor targets, Tensor mask, Tensor weights) {
      Inputs.notNull(NAME, "mask", mask);
      Inputs.notNull(NAME, "weights", weights);
      return run(logits, targets, mask, weights);
    }

    /** mask and weights may be null here (all valid, all 1); the base gets neither null. */
    private Tensor run(Tensor logits, Tensor targets, Tensor mask, Tensor weights) {
      Inputs.notNull(NAME, "targets", targets);
      double[] y = targets.buffer();
      Tensor w = MomLoss.weights(weights, mask, targets.shape(), lambda, i -> y[i] == majority);
      return mask == null
          ? base.apply(logits, targets, Tensor.ones(targets.shape()), w)
          : base.apply(logits, targets, mask, w);
    }

    @Override
    public String toString() {
      return NAME
          + ".binary(majorityClass="
          + majority
          + ", lambda="
          + lambda
          + ", base="
          + base
          + ")";
    }
  }

  private record MultiMom(MultiClassLoss base, int majority, double lambda)
      implements MultiClassLoss {
    @Override
    public Tensor apply(Tensor logits, IntTensor targets) {
      return run(logits, targets, null, null);
    }

    @Override
    public Tensor apply(Tensor logits, IntTensor targets, Tensor mask) {
      Inputs.notNull(NAME, "mask", mask);
      return run(logits, targets, mask, null);
    }

    @Override
    public Tensor apply(Tensor logits, IntTensor targets, Tensor mask, Tensor weights) {
      Inputs.notNull(NAME, "mask", mask);
      Inputs.notNull(NAME, "weights", weights);
      return run(logits, targets, mask, weights);
    }

    /** mask and weights may be null here (all valid, all 1); the base gets neither null. */
    private Tensor run(Tensor logits, IntTensor targets, Tensor mask, Tensor weights) {
      Inputs.notNull(NAME, "logits", logits);
      Inputs.notNull(NAME, "targets", targets);
      int classes = logits.rank() == 0 ? 0 : logits.size(logits.rank() - 1);
      if (logits.rank() > 0 && majority >= classes) {
        throw new IllegalArgumentException(
            NAME
                + ": majorityClass "
                + majority
                + " is not a class of logits "
                + Shape.format(logits.shape())
                + " (C = "
                + classes
                + ")");
      }
      int[] t = targets.buffer();
      Tensor w = MomLoss.weights(weights, mask, targets.shape(), lambda, i -> t[i] == majority);
      return mask == null
          ? base.apply(logits, targets, Tensor.ones(targets.shape()), w)
          : base.apply(logits, targets, mask, w);
    }

    @Override
    public String toString() {
      return NAME
          + ".multiClass(majorityClass="
          + majority
          + ", lambda="
          + lambda
          + ", base="
          + base
          + ")";
    }
  }
}
