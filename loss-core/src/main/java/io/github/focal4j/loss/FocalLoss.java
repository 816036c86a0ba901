package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.FocalLanes;
import io.github.focal4j.loss.engine.MarginLanes;
import io.github.focal4j.loss.engine.Scalar;
import java.util.OptionalDouble;

/**
 * Focal loss (Lin et al. 2017): cross-entropy down-weighted on easy samples by {@code (1 − p_t)^γ}.
 *
 * <pre>
 *   FL(z) = α_t · (1 − p_t)^γ · CE(z),   p_t = σ(z),   CE(z) = −log σ(z)
 *   (1 − p_t)^γ = exp(γ · log σ(−z))                                  computed in log space
 *   dFL/dz = −α_t (1 − p_t)^γ · (γ p_t · CE(z) + (1 − p_t))
 * </pre>
 *
 * Binary ({@code z = (2y − 1)x}) this is {@code −α(1 − ŷ)^γ log ŷ} for y = 1 and {@code −(1 − α)ŷ^γ
 * log(1 − ŷ)} for y = 0 — torchvision's {@code sigmoid_focal_loss}. Multi-class ({@code z = x_t −
 * log Σ_{j≠t} e^{x_j}}) it is {@code −α_t (1 − softmax(x)_t)^γ log softmax(x)_t}.
 *
 * <p><b>Stability.</b> The factor is {@code exp(γ·log σ(−z))}, never {@code (1 − p)^γ}: for γ = 0
 * and γ ∈ (0, 1) the derivative of {@code (1 − p)^γ} is infinite at p = 1 and a saturated logit
 * gives 0·∞ = NaN (kornia #918, #2115; optax #1267; keras-retinanet #706). In log space the loss
 * and gradient are finite for every finite logit, and multi-class {@code log(1 − p_t) = log
 * σ(−z_t)} stays accurate where p_t rounds to 1 (where {@code log1p(−p_t)} would give −∞).
 *
 * <p><b>Options.</b> γ ≥ 0, default 2 (as torchvision, Keras, kornia). α: off by default
 * (torchvision's default is 0.25; see {@link BinaryLossBuilder#alpha}); per-class α for multi-class
 * ({@link MultiClassLossBuilder#classAlpha}, e.g. from {@link ClassBalanced}). Label smoothing s:
 * {@code Σ_j q_j·FL(z_j)} over the smoothed targets q — Keras's {@code
 * CategoricalFocalCrossentropy}; for binary the two-class form of it, which differs from Keras's
 * {@code BinaryFocalCrossentropy} (that one uses a single factor {@code (1 − p_t')^γ} computed from
 * the smoothed target) so that every binary loss equals its multi-class form on logits [0, x].
 * Reduced focal loss (Sergievskiy and Ponamarev 2019, as segmentation_models_pytorch's {@code
 * reduced_threshold}): the factor is 1 where {@code p_t < th} and {@code ((1 − p_t)/th)^γ}
 * elsewhere, with no gradient through the constant branch. {@link WeightGradient}: {@code DETACHED}
 * stops the gradient through the factor.
 *
 * <p><b>Differences.</b> α off by default; {@link Reduction#MEAN} divides by valid elements only
 * (kornia divides by all, padding included); invalid γ, α or thresholds are errors, not silent NaN.
 *
 * <pre>{@code
 * BinaryLoss fl = FocalLoss.binary().gamma(2).alpha(0.25).build();           // torchvision's defaults
 * MultiClassLoss fl = FocalLoss.multiClass().gamma(2).classAlpha(ClassBalanced.alpha(0.999, counts)).build();
 * }</pre>
 */
public final class FocalLoss extends BuiltInMargin {

  static final String NAME = "FocalLoss";

  private final double gamma;
  private final OptionalDouble reducedThreshold;
  private final double thresholdFactor; // th^−γ (1 when off)
  private final WeightGradient weightGradient;

  private FocalLoss(double gamma, OptionalDouble reducedThreshold, WeightGradient weightGradient) {
    this.gamma = Params.nonNegative(NAME, "gamma", gamma);
    this.reducedThreshold = Params.notNull(NAME, "reducedThreshold", reducedThreshold);
    reducedThreshold.ifPresent(th -> Params.unitOpen(NAME, "reducedThreshold", th));
    this.thresholdFactor =
        reducedThreshold.isPresent() ? Math.pow(reducedThreshold.getAsDouble(), -gamma) : 1.0;
    this.weightGradient = Params.notNull(NAME, "weightGradient", weightGradient);
  }

  /**
   * The margin function, for composing new losses.
   *
   * @param reducedThreshold th ∈ (0, 1) for the reduced focal loss, or empty for the plain one
   * @throws IllegalArgumentException for γ &lt; 0 or non-finite, or th outside (0, 1)
   */
  public static FocalLoss function(
      double gamma, OptionalDouble reducedThreshold, WeightGradient weightGradient) {
    return new FocalLoss(gamma, reducedThreshold, weightGradient);
  }

  /**
   * The margin function of a configuration (label smoothing is the driver's, not the function's).
   */
  static FocalLoss function(Config c) {
    return new FocalLoss(c.gamma(), c.reducedThreshold(), c.weightGradient());
  }

  public static Binary binary() {
    return new Binary();
  }

  public static MultiClass multiClass() {
    return new MultiClass();
  }

  /**
   * {@code (1 − p_t)^γ = exp(γ · log σ(−z))}: finite, with a finite gradient, for every finite z
   * and γ ≥ 0.
   */
  public static Tensor modulatingFactor(Tensor z, double gamma) {
    return z.neg().logSigmoid().mul(gamma).exp();
  }

  /**
   * The weight of this configuration: the modulating factor, or for the reduced focal loss {@code
   * p_t < th ? 1 : exp(γ · (log σ(−z) − log th))}; detached if so configured.
   */
  public Tensor weight(Tensor z) {
    Tensor w;
    if (reducedThreshold.isEmpty()) {
      w = modulatingFactor(z, gamma);
    } else {
      double th = reducedThreshold.getAsDouble();
      Tensor easy = z.sigmoid().rsub(th).step(); // 1 where p_t < th
      w =
          Tensor.where(
              easy, Tensor.scalar(1.0), z.neg().logSigmoid().sub(Math.log(th)).mul(gamma).exp());
    }
    return weightGradient == WeightGradient.DETACHED ? w.detach() : w;
  }

  @Override
  public Tensor composed(Tensor z, Tensor alpha) {
    Tensor loss = weight(z).mul(CrossEntropyLoss.of(z));
    return alpha == null ? loss : alpha.mul(loss);
  }

  @Override
  public double valueAndSlope(double z, double alpha, double[] slope) {
    double e = Math.exp(-Math.abs(z));
    double r = 1.0 / (1.0 + e);
    double l = Scalar.log1p01(e, r);
    double ce = Math.max(-z, 0.0) + l; // −log p_t
    double p = Scalar.p(z, e, r);
    double q = Scalar.q(z, e, r); // 1 − p_t
    double w;
    double dw;
    if (reducedThreshold.isPresent() && Scalar.p(z, e) < reducedThreshold.getAsDouble()) {
      w = 1.0;
      dw = 0.0;
    } else {
      double logOneMinusP = -(Math.max(z, 0.0) + l); // log σ(−z)
      w = Scalar.pow(q, logOneMinusP, gamma) * thresholdFactor; // ((1 − p_t)/th)^γ
      dw = weightGradient == WeightGradient.DETACHED ? 0.0 : -gamma * p * w;
    }
    slope[0] = alpha * (dw * ce - w * q);
    return alpha * w * ce;
  }

  @Override
  MarginLanes lanes() {
    return new FocalLanes(
        gamma,
        reducedThreshold.orElse(0.0),
        thresholdFactor,
        weightGradient == WeightGradient.DETACHED);
  }

  String describe() {
    return "gamma="
        + gamma
        + (reducedThreshold.isPresent()
            ? ", reducedThreshold=" + reducedThreshold.getAsDouble()
            : "")
        + ", weightGradient="
        + weightGradient;
  }

  /**
   * Focal loss's hyperparameters.
   *
   * @param gamma γ ≥ 0, the focusing parameter; default 2 (torchvision, Keras, kornia); 0 is
   *     cross-entropy
   * @param reducedThreshold th ∈ (0, 1) of the reduced focal loss (smp's {@code reduced_threshold};
   *     the paper uses 0.5); empty (the default) for the plain focal loss
   * @param labelSmoothing s ∈ [0, 1]; binary targets y(1 − s) + s/2, multi-class (1 − s)·onehot +
   *     s/C (Keras's categorical focal form); default 0
   * @param weightGradient whether the gradient flows through the factor; default {@link
   *     WeightGradient#FULL}
   */
  public record Config(
      double gamma,
      OptionalDouble reducedThreshold,
      double labelSmoothing,
      WeightGradient weightGradient) {
    /** γ = 2, plain focal loss, no smoothing, gradient through the factor. */
    public static final Config DEFAULT =
        new Config(2, OptionalDouble.empty(), 0, WeightGradient.FULL);

    /**
     * @throws IllegalArgumentException for γ &lt; 0, th outside (0, 1), s outside [0, 1], or a null
     */
    public Config {
      Params.nonNegative(NAME, "gamma", gamma);
      Params.notNull(NAME, "reducedThreshold", reducedThreshold)
          .ifPresent(th -> Params.unitOpen(NAME, "reducedThreshold", th));
      Params.unitClosed(NAME, "labelSmoothing", labelSmoothing);
      Params.notNull(NAME, "weightGradient", weightGradient);
    }

    public Config withGamma(double g) {
      return new Config(g, reducedThreshold, labelSmoothing, weightGradient);
    }

    public Config withReducedThreshold(double th) {
      return new Config(gamma, OptionalDouble.of(th), labelSmoothing, weightGradient);
    }

    public Config withLabelSmoothing(double s) {
      return new Config(gamma, reducedThreshold, s, weightGradient);
    }

    public Config withWeightGradient(WeightGradient w) {
      return new Config(gamma, reducedThreshold, labelSmoothing, w);
    }
  }

  /**
   * {@code focal(gamma=2)}, {@code
   * focal(gamma=1,reduced-threshold=0.5,label-smoothing=0.1,detach-weight)}.
   */
  public static final LossType<Config> TYPE =
      LossType.of(
          "focal",
          Config.DEFAULT,
          c -> binary().config(c),
          c -> multiClass().config(c),
          Hyperparameter.number("gamma", Config::gamma, Config::withGamma),
          Hyperparameter.optionalNumber(
              "reduced-threshold", Config::reducedThreshold, Config::withReducedThreshold),
          Hyperparameter.option(
              "label-smoothing", Config::labelSmoothing, Config::withLabelSmoothing),
          Hyperparameter.flag(
              "detach-weight",
              c -> c.weightGradient() == WeightGradient.DETACHED,
              c -> c.withWeightGradient(WeightGradient.DETACHED)));

  /** The setters both builders share; each replaces one value of the {@link Config}. */
  public interface Setters<B> {
    /** The hyperparameters set so far. */
    Config config();

    /** Replaces all hyperparameters. */
    B config(Config config);

    /** γ ≥ 0, the focusing parameter ({@link Config#gamma}). Default 2. γ = 0 is cross-entropy. */
    default B gamma(double gamma) {
      return config(config().withGamma(gamma));
    }

    /** Label smoothing s ∈ [0, 1] ({@link Config#labelSmoothing}). Default 0. */
    default B labelSmoothing(double s) {
      return config(config().withLabelSmoothing(s));
    }

    /**
     * Reduced focal loss with threshold th ∈ (0, 1) on p_t ({@link Config#reducedThreshold}). Off
     * by default.
     */
    default B reducedThreshold(double th) {
      return config(config().withReducedThreshold(th));
    }

    /** Whether the gradient flows through the factor; default {@link WeightGradient#FULL}. */
    default B weightGradient(WeightGradient weightGradient) {
      return config(config().withWeightGradient(weightGradient));
    }
  }

  /** Builder of the binary (sigmoid) focal loss. */
  public static final class Binary extends ConfiguredBinaryBuilder<Config, Binary>
      implements Setters<Binary> {
    Binary() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public BinaryLoss build() {
      FocalLoss f = function(config());
      return build(
          f,
          config().labelSmoothing(),
          NAME + ".binary(" + f.describe() + ", labelSmoothing=" + config().labelSmoothing());
    }
  }

  /** Builder of the multi-class (softmax) focal loss. */
  public static final class MultiClass extends ConfiguredMultiClassBuilder<Config, MultiClass>
      implements Setters<MultiClass> {
    MultiClass() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public MultiClassLoss build() {
      FocalLoss f = function(config());
      return build(
          rows(f, config().labelSmoothing()),
          NAME + ".multiClass(" + f.describe() + ", labelSmoothing=" + config().labelSmoothing());
    }
  }
}
