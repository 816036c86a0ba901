package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.DiceLanes;
import io.github.focal4j.loss.engine.IndicatorLanes;
import io.github.focal4j.loss.engine.Scalar;

/**
 * Self-adjusting Dice loss, DSC (Li et al. 2020, "Dice Loss for Data-imbalanced NLP Tasks", ACL),
 * per token:
 *
 * <pre>
 *   DSC(p, y) = 1 − (2·p̃·y + γ) / (p̃ + y + γ),      p̃ = (1 − p)^α · p
 *             = (1 − p̃) / (p̃ + 1 + γ)   for y = 1,     p̃ / (p̃ + γ)   for y = 0
 *   log p̃ = log σ(z) + α·log σ(−z)                   computed in log space (p = σ(z))
 *   dDSC/dz = dDSC/dp̃ · p̃·((1 − p) − α·p),   dDSC/dp̃ = −(2 + γ)/(p̃ + 1 + γ)²  (y = 1),  γ/(p̃ + γ)²  (y = 0)
 * </pre>
 *
 * α = 0 is the smoothed per-token Dice loss {@code 1 − (2py + γ)/(p + y + γ)}; α &gt; 0 is the
 * paper's self-adjusting factor, which (like focal loss's) shrinks the push on tokens that are
 * already right. It is a special case of {@link TverskyLoss} at α = 0: {@code DSC_γ = Tversky(½, ½,
 * γ/2)}.
 *
 * <p><b>Binary</b>: p = σ(x) the probability of the positive class and y ∈ {0, 1} the target — the
 * paper's formula verbatim, one term per element. <b>Multi-class</b> (logits {@code [..., C]},
 * targets {@code [...]}): the same formula one-vs-rest for every class, summed over classes, per
 * token: {@code ℓ = Σ_c α_c · DSC(softmax(x)_c, [c = t])} with optional per-class weights α_c
 * ({@link MultiClassLossBuilder#classAlpha}).
 *
 * <p><b>Which variant, and why.</b> Both forms here are <em>per token</em>: every element's loss
 * depends on that element only, so the loss is a sum over tokens like every other loss in this
 * package — masks, weights, the ignore index, every {@link Reduction}, and marginals of a CRF apply
 * unchanged, and a token's loss does not depend on what else is in the batch. The authors' code
 * (ShannonAI/dice_loss_for_NLP, {@code DiceLoss}) differs: its binary form is the set-level Dice of
 * the whole batch, {@code 1 − (2Σp̃y + γ)/(Σp̃ + Σy + γ)} (one number, sums over every element);
 * its multi-class form loops over classes like ours but divides each token's numerator {@code 2p̃_c
 * y_c + γ} by the batch-wide {@code Σ p̃_c + Σ y_c + γ}. The set-level form approximates F1 over
 * the batch and weights each token by the batch's composition; the per-token form is the paper's
 * equation. The multi-class form sums over all classes (not only the gold class's probability) as
 * the authors' code does: the y = 0 terms are what pushes the probability of wrong classes down.
 * {@link MultiClassForm#GOLD_CLASS} is the other per-token reading, the y = 1 term of the gold
 * class alone, {@code ℓ = α_t·DSC(p_t, 1) = α_t·(1 − p̃_t)/(p̃_t + 1 + γ)}: a function of the gold
 * class's probability only ({@link #goldClass}, a {@link MarginFunction}), for heads that expose
 * only that probability (a CRF's gold-tag marginal); it has no term for the other classes and,
 * without the y = 0 terms, nothing of Dice's false-positive penalty beyond what the softmax
 * couples.
 *
 * <p><b>Numerics.</b> {@code (1 − p)^α} is {@code exp(α·log σ(−z))} (by multiplication for integer
 * α ≤ 8), never a power of {@code 1 − p}: finite with a finite gradient at saturated logits (±1e4),
 * where {@code (1 − p)^α} for α &lt; 1 has an infinite derivative. γ &gt; 0 keeps the y = 0 term
 * {@code p̃/(p̃ + γ)} defined where p̃ underflows.
 *
 * <p><b>Where the minimum is.</b> p̃ = (1 − p)^α·p is largest at p = 1/(1 + α), not at p = 1, and
 * falls back to 0 as p → 1. So for α &gt; 0 the y = 1 term is smallest at p = 1/(1 + α) (½ for α =
 * 1: a confident correct positive costs more than an unsure one), and every y = 0 term has a second
 * minimum at p → 1 besides p → 0 — a prediction that is confidently wrong. That is the paper's
 * formula, not a numerical artefact; on an imbalanced toy problem (a linear softmax classifier, 90
 * % majority class) α = 1 learns to predict the majority class only, while the default α = 0.01
 * recalls the minority classes (both tested in {@code NlpLossesTest}). Small α, as the authors use
 * for NER, keeps the optimum near p = 1.
 *
 * <p><b>Options</b> (defaults, {@link Config}): α ≥ 0 ({@link Setters#selfAdjustingAlpha}, default
 * 0.01), γ &gt; 0 ({@link Setters#smooth}, default 1) — the authors' CoNLL-2003 setting ({@code
 * scripts/ner_enconll03/bert_dice.sh}: {@code dice_alpha 0.01}, {@code dice_smooth 1}; their
 * class's own defaults are α = 0, γ = 1e-4). That script also squares the denominator's terms
 * ({@code --dice_square}, V-Net's form); this class does not. The class balance α_t of {@link
 * BinaryLossBuilder#alpha} weights each element's loss (positives α, negatives 1 − α); per-class
 * α_c weights each class's term. Ranges: binary loss per element in [0, 1]; multi-class per token
 * in [0, C] (times α). Invalid hyperparameters throw {@link IllegalArgumentException} naming the
 * loss, the parameter and the value. Fused kernels: binary scalar and Vector API ({@link
 * Implementation#vectorized()}); multi-class scalar (every class's margin per row, as the
 * label-smoothed losses, which have no vector form either).
 *
 * <pre>{@code
 * BinaryLoss dsc = DiceLoss.binary().selfAdjustingAlpha(0.01).smooth(1).build();
 * MultiClassLoss dsc = DiceLoss.multiClass().selfAdjustingAlpha(0.5).ignoreIndex(-100).build();
 * }</pre>
 *
 * <p><b>Text form</b> ({@link Losses#ALL}): {@link #DSC} {@code
 * dsc(self-adjusting-alpha=0.01,smooth=1)} (the defaults; written {@code dsc}) and {@link #DICE}
 * {@code dice(smooth=1)}, the plain Dice loss with α = 0; both the one-vs-rest multi-class form.
 */
public final class DiceLoss implements IndicatorFunction {

  static final String NAME = "DiceLoss";

  private final double alpha;
  private final double gamma;

  private DiceLoss(double alpha, double gamma) {
    this.alpha = Params.nonNegative(NAME, "selfAdjustingAlpha", alpha);
    this.gamma = Params.positive(NAME, "smooth", gamma);
  }

  /**
   * The per-element function, for composing new losses.
   *
   * @param alpha the self-adjusting exponent α ≥ 0
   * @param gamma the smoothing γ &gt; 0
   * @throws IllegalArgumentException for α &lt; 0, γ ≤ 0 or either non-finite
   */
  public static DiceLoss function(double alpha, double gamma) {
    return new DiceLoss(alpha, gamma);
  }

  /** A builder of the binary (sigmoid) DSC loss. */
  public static Binary binary() {
    return new Binary();
  }

  /** A builder of the multi-class (softmax, one-vs-rest) DSC loss. */
  public static MultiClass multiClass() {
    return new MultiClass();
  }

  /**
   * The gold-class form as a {@link MarginFunction} of the gold class's margin z = logit(p_t):
   * {@code α_t·(1 − p̃)/(p̃ + 1 + γ)}, {@code p̃ = σ(z)·σ(−z)^α}.
   *
   * @throws IllegalArgumentException for α &lt; 0, γ ≤ 0 or either non-finite
   */
  public static MarginFunction goldClass(double alpha, double gamma) {
    return new GoldClass(function(alpha, gamma));
  }

  /** The multi-class forms; see the class documentation. */
  public enum MultiClassForm {
    /** {@code Σ_c α_c·DSC(softmax(x)_c, [c = t])}, every class's term (the default). */
    ONE_VS_REST,
    /** {@code α_t·DSC(softmax(x)_t, 1)}, the gold class's term only. */
    GOLD_CLASS
  }

  /**
   * {@link #goldClass}: the y = 1 branch of {@link #composed} and {@link #valueAndSlope}, times
   * α_t.
   */
  private record GoldClass(DiceLoss f) implements MarginFunction {
    @Override
    public Tensor composed(Tensor z, Tensor alpha) {
      Tensor loss = f.composed(z, Tensor.scalar(1.0));
      return alpha == null ? loss : alpha.mul(loss);
    }

    @Override
    public double valueAndSlope(double z, double alpha, double[] slope) {
      double l = f.valueAndSlope(z, true, slope);
      slope[0] *= alpha;
      return alpha * l;
    }
  }

  /** {@code p̃ = (1 − p)^α·p = exp(log σ(z) + α·log σ(−z))} from autodiff primitives. */
  public static Tensor adjustedProbability(Tensor z, double alpha) {
    return z.logSigmoid().add(z.neg().logSigmoid().mul(alpha)).exp();
  }

  /** The paper's formula, {@code 1 − (2p̃y + γ)/(p̃ + y + γ)}, from autodiff primitives. */
  @Override
  public Tensor composed(Tensor z, Tensor y) {
    Tensor pt = adjustedProbability(z, alpha);
    Tensor yd = y.detach();
    return pt.mul(yd).mul(2.0).add(gamma).div(pt.add(yd).add(gamma)).rsub(1.0);
  }

  @Override
  public double valueAndSlope(double z, boolean positive, double[] slope) {
    double e = Math.exp(-Math.abs(z));
    double r = 1.0 / (1.0 + e);
    double l = Scalar.log1p01(e, r);
    double p = Scalar.p(z, e, r);
    double q = Scalar.q(z, e, r);
    double logQ = -(Math.max(z, 0.0) + l); // log σ(−z)
    double pt = p * Scalar.pow(q, logQ, alpha); // p̃ = (1 − p)^α·p
    double dpt = pt * (q - alpha * p); // dp̃/dz
    if (positive) {
      double d = pt + 1.0 + gamma;
      slope[0] = -(2.0 + gamma) / (d * d) * dpt;
      return (1.0 - pt) / d;
    }
    double d = pt + gamma;
    slope[0] = gamma / (d * d) * dpt;
    return pt / d;
  }

  IndicatorLanes lanes() {
    return new DiceLanes(alpha, gamma);
  }

  @Override
  public String describe() {
    return "selfAdjustingAlpha=" + alpha + ", smooth=" + gamma;
  }

  /**
   * DiceLoss's hyperparameters.
   *
   * @param selfAdjustingAlpha α ≥ 0 of the self-adjusting factor {@code (1 − p)^α}; default 0.01
   *     (the authors' CoNLL-2003 setting); 0 is the plain smoothed Dice loss
   * @param smooth γ &gt; 0 added to numerator and denominator; default 1
   */
  public record Config(double selfAdjustingAlpha, double smooth) {
    /** α = 0.01, γ = 1: the self-adjusting Dice loss (DSC) as the authors train CoNLL-2003. */
    public static final Config DEFAULT = new Config(0.01, 1);

    /**
     * @throws IllegalArgumentException for α &lt; 0, γ ≤ 0 or either non-finite
     */
    public Config {
      Params.nonNegative(NAME, "selfAdjustingAlpha", selfAdjustingAlpha);
      Params.positive(NAME, "smooth", smooth);
    }

    public Config withSelfAdjustingAlpha(double a) {
      return new Config(a, smooth);
    }

    public Config withSmooth(double g) {
      return new Config(selfAdjustingAlpha, g);
    }
  }

  /**
   * {@code dsc}, {@code dsc(self-adjusting-alpha=0.1,smooth=0.5)}: the self-adjusting Dice loss.
   */
  public static final LossType<Config> DSC =
      LossType.of(
          "dsc",
          Config.DEFAULT,
          c -> binary().config(c),
          c -> multiClass().config(c),
          Hyperparameter.option(
              "self-adjusting-alpha", Config::selfAdjustingAlpha, Config::withSelfAdjustingAlpha),
          Hyperparameter.option("smooth", Config::smooth, Config::withSmooth));

  /** {@code dice}, {@code dice(smooth=0.5)}: the plain smoothed Dice loss, α fixed at 0. */
  public static final LossType<Config> DICE =
      LossType.of(
          "dice",
          Config.DEFAULT.withSelfAdjustingAlpha(0),
          c -> binary().config(c),
          c -> multiClass().config(c),
          Hyperparameter.option("smooth", Config::smooth, Config::withSmooth));

  /** The setters both builders share; each replaces one value of the {@link Config}. */
  public interface Setters<B> {
    /** The hyperparameters set so far. */
    Config config();

    /** Replaces all hyperparameters. */
    B config(Config config);

    /**
     * The self-adjusting exponent α ≥ 0 of {@code (1 − p)^α}; default 0.01; 0 is the plain smoothed
     * Dice loss.
     */
    default B selfAdjustingAlpha(double alpha) {
      return config(config().withSelfAdjustingAlpha(alpha));
    }

    /** The smoothing γ &gt; 0 added to numerator and denominator; default 1. */
    default B smooth(double gamma) {
      return config(config().withSmooth(gamma));
    }
  }

  /** Builder of the binary DSC loss. */
  public static final class Binary extends ConfiguredBinaryBuilder<Config, Binary>
      implements Setters<Binary> {
    Binary() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public BinaryLoss build() {
      DiceLoss f = function(config().selfAdjustingAlpha(), config().smooth());
      return BinaryIndicatorLoss.of(this, f, NAME + ".binary(" + f.describe());
    }
  }

  /**
   * Builder of the multi-class DSC loss (one-vs-rest summed over classes, or the gold class's
   * term).
   */
  public static final class MultiClass extends ConfiguredMultiClassBuilder<Config, MultiClass>
      implements Setters<MultiClass> {
    private MultiClassForm form = MultiClassForm.ONE_VS_REST;

    MultiClass() {
      super(NAME, Config.DEFAULT);
    }

    /** Which multi-class form; default {@link MultiClassForm#ONE_VS_REST}. */
    public MultiClass form(MultiClassForm form) {
      this.form = Params.notNull(loss, "form", form);
      return this;
    }

    @Override
    public MultiClassLoss build() {
      DiceLoss f = function(config().selfAdjustingAlpha(), config().smooth());
      String description = NAME + ".multiClass(" + f.describe() + ", form=" + form;
      return form == MultiClassForm.GOLD_CLASS
          ? build(rows(new GoldClass(f), 0), description)
          : build(new OneVsRestRows(f), description);
    }
  }
}
