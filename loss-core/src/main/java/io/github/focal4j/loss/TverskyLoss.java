package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.IndicatorLanes;
import io.github.focal4j.loss.engine.Scalar;
import io.github.focal4j.loss.engine.TverskyLanes;

/**
 * Tversky loss (Salehi, Erdogmus and Gholipour 2017, "Tversky loss function for image segmentation
 * using 3D fully convolutional deep networks"; the Tversky index is Tversky 1977), per token: one
 * minus the Tversky index, which weights false positives by α and false negatives by β:
 *
 * <pre>
 *   TL(p, y) = 1 − TI,   TI = (p·y + γ) / (p·y + α·p·(1 − y) + β·(1 − p)·y + γ),     p = σ(z)
 *            = β·(1 − p) / (p + β·(1 − p) + γ)   for y = 1,      α·p / (α·p + γ)   for y = 0
 *   dTL/dz = −β·(1 + γ)·p(1 − p) / (p + β(1 − p) + γ)²   (y = 1),   α·γ·p(1 − p) / (α·p + γ)²   (y = 0)
 * </pre>
 *
 * α = β = ½ is the smoothed Dice loss: {@code Tversky(½, ½, γ) = 1 − (2py + 2γ)/(p + y + 2γ)}, i.e.
 * {@link DiceLoss} with self-adjusting α = 0 and smoothing 2γ. β &gt; α penalises missed positives
 * (false negatives) more, the usual setting for a rare positive class (Salehi et al. use α = 0.3, β
 * = 0.7). {@code 1 − p = σ(−z)} is never computed as a difference, so the loss and its gradient are
 * accurate at saturated logits (±1e4).
 *
 * <p><b>Binary</b>: p = σ(x), y ∈ {0, 1}, one term per element. <b>Multi-class</b>: one-vs-rest per
 * class, summed over classes per token, {@code ℓ = Σ_c α_c · TL(softmax(x)_c, [c = t])} with
 * optional per-class weights α_c — per token, not over the batch (see {@link DiceLoss} for why, and
 * how the set-level form differs).
 *
 * <p><b>Options</b> (defaults, {@link Config}; text form {@code tversky(false-positive-weight=0.3,
 * false-negative-weight=0.7,smooth=1)}, {@link #TYPE}): false-positive weight α ≥ 0 ({@link
 * Setters#falsePositiveWeight}, default ½), false-negative weight β ≥ 0 ({@link
 * Setters#falseNegativeWeight}, default ½), smoothing γ &gt; 0 ({@link Setters#smooth}, default 1;
 * γ = 0 would make the y = 0 term 0/0 where p underflows). Class balance α_t ({@link
 * BinaryLossBuilder#alpha}) weights each element's loss; per-class α_c weights each class's term.
 * Binary loss per element in [0, 1); multi-class per token in [0, C). Invalid hyperparameters throw
 * {@link IllegalArgumentException} naming the loss, the parameter and the value. Fused kernels:
 * binary scalar and Vector API; multi-class scalar.
 *
 * <pre>{@code
 * BinaryLoss tl = TverskyLoss.binary().falsePositiveWeight(0.3).falseNegativeWeight(0.7).build();
 * }</pre>
 */
public final class TverskyLoss implements IndicatorFunction {

  static final String NAME = "TverskyLoss";

  private final double alpha;
  private final double beta;
  private final double gamma;

  private TverskyLoss(double alpha, double beta, double gamma) {
    this.alpha = Params.nonNegative(NAME, "falsePositiveWeight", alpha);
    this.beta = Params.nonNegative(NAME, "falseNegativeWeight", beta);
    this.gamma = Params.positive(NAME, "smooth", gamma);
  }

  /**
   * The per-element function, for composing new losses.
   *
   * @throws IllegalArgumentException for α or β negative or non-finite, γ ≤ 0 or non-finite
   */
  public static TverskyLoss function(double alpha, double beta, double gamma) {
    return new TverskyLoss(alpha, beta, gamma);
  }

  /** A builder of the binary (sigmoid) Tversky loss. */
  public static Binary binary() {
    return new Binary();
  }

  /** A builder of the multi-class (softmax, one-vs-rest) Tversky loss. */
  public static MultiClass multiClass() {
    return new MultiClass();
  }

  /** {@code 1 − (py + γ)/(py + α·p(1 − y) + β·(1 − p)y + γ)} from autodiff primitives. */
  @Override
  public Tensor composed(Tensor z, Tensor y) {
    Tensor yd = y.detach();
    Tensor p = z.sigmoid();
    Tensor q = z.neg().sigmoid(); // 1 − p
    Tensor tp = p.mul(yd);
    Tensor fp = p.mul(yd.rsub(1.0)).mul(alpha);
    Tensor fn = q.mul(yd).mul(beta);
    return tp.add(gamma).div(tp.add(fp).add(fn).add(gamma)).rsub(1.0);
  }

  @Override
  public double valueAndSlope(double z, boolean positive, double[] slope) {
    double e = Math.exp(-Math.abs(z));
    double r = 1.0 / (1.0 + e);
    double p = Scalar.p(z, e, r);
    double q = Scalar.q(z, e, r);
    if (positive) {
      double d = p + beta * q + gamma;
      slope[0] = -beta * (1.0 + gamma) * p * q / (d * d);
      return beta * q / d;
    }
    double d = alpha * p + gamma;
    slope[0] = alpha * gamma * p * q / (d * d);
    return alpha * p / d;
  }

  IndicatorLanes lanes() {
    return new TverskyLanes(alpha, beta, gamma);
  }

  @Override
  public String describe() {
    return "falsePositiveWeight=" + alpha + ", falseNegativeWeight=" + beta + ", smooth=" + gamma;
  }

  /**
   * TverskyLoss's hyperparameters.
   *
   * @param falsePositiveWeight the Tversky α ≥ 0, weight of false positives {@code p·(1 − y)};
   *     default ½
   * @param falseNegativeWeight the Tversky β ≥ 0, weight of false negatives {@code (1 − p)·y};
   *     default ½
   * @param smooth γ &gt; 0 added to numerator and denominator; default 1
   */
  public record Config(double falsePositiveWeight, double falseNegativeWeight, double smooth) {
    /** α = β = ½ (the smoothed Dice loss), γ = 1. */
    public static final Config DEFAULT = new Config(0.5, 0.5, 1);

    /**
     * @throws IllegalArgumentException for α or β negative, γ ≤ 0, or any non-finite
     */
    public Config {
      Params.nonNegative(NAME, "falsePositiveWeight", falsePositiveWeight);
      Params.nonNegative(NAME, "falseNegativeWeight", falseNegativeWeight);
      Params.positive(NAME, "smooth", smooth);
    }

    public Config withFalsePositiveWeight(double a) {
      return new Config(a, falseNegativeWeight, smooth);
    }

    public Config withFalseNegativeWeight(double b) {
      return new Config(falsePositiveWeight, b, smooth);
    }

    public Config withSmooth(double g) {
      return new Config(falsePositiveWeight, falseNegativeWeight, g);
    }
  }

  /** {@code tversky}, {@code tversky(false-positive-weight=0.3,false-negative-weight=0.7)}. */
  public static final LossType<Config> TYPE =
      LossType.of(
          "tversky",
          Config.DEFAULT,
          c -> binary().config(c),
          c -> multiClass().config(c),
          Hyperparameter.option(
              "false-positive-weight",
              Config::falsePositiveWeight,
              Config::withFalsePositiveWeight),
          Hyperparameter.option(
              "false-negative-weight",
              Config::falseNegativeWeight,
              Config::withFalseNegativeWeight),
          Hyperparameter.option("smooth", Config::smooth, Config::withSmooth));

  /** The setters both builders share; each replaces one value of the {@link Config}. */
  public interface Setters<B> {
    /** The hyperparameters set so far. */
    Config config();

    /** Replaces all hyperparameters. */
    B config(Config config);

    /** The Tversky α ≥ 0, weight of false positives {@code p·(1 − y)}; default ½. */
    default B falsePositiveWeight(double alpha) {
      return config(config().withFalsePositiveWeight(alpha));
    }

    /** The Tversky β ≥ 0, weight of false negatives {@code (1 − p)·y}; default ½. */
    default B falseNegativeWeight(double beta) {
      return config(config().withFalseNegativeWeight(beta));
    }

    /** The smoothing γ &gt; 0 added to numerator and denominator; default 1. */
    default B smooth(double gamma) {
      return config(config().withSmooth(gamma));
    }
  }

  /** Builder of the binary Tversky loss. */
  public static final class Binary extends ConfiguredBinaryBuilder<Config, Binary>
      implements Setters<Binary> {
    Binary() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public BinaryLoss build() {
      TverskyLoss f =
          function(
              config().falsePositiveWeight(), config().falseNegativeWeight(), config().smooth());
      return BinaryIndicatorLoss.of(this, f, NAME + ".binary(" + f.describe());
    }
  }

  /** Builder of the multi-class (one-vs-rest, summed over classes) Tversky loss. */
  public static final class MultiClass extends ConfiguredMultiClassBuilder<Config, MultiClass>
      implements Setters<MultiClass> {
    MultiClass() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public MultiClassLoss build() {
      TverskyLoss f =
          function(
              config().falsePositiveWeight(), config().falseNegativeWeight(), config().smooth());
      return build(new OneVsRestRows(f), NAME + ".multiClass(" + f.describe());
    }
  }
}
