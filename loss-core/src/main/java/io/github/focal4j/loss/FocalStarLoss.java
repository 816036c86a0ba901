package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.FocalStarLanes;
import io.github.focal4j.loss.engine.MarginLanes;
import io.github.focal4j.loss.engine.Scalar;

/**
 * FL*, the focal-loss paper's appendix variant (Lin et al. 2017, appendix A), as fvcore's {@code
 * sigmoid_focal_loss_star}: cross-entropy of a sharpened and shifted margin, rescaled.
 *
 * <pre>
 *   FL*(z) = −α_t · log σ(γ·z + β) / γ        binary: z = x_t = (2y − 1)·x
 *   d(FL*)/dz = −α_t · σ(−(γ·z + β))
 * </pre>
 *
 * γ &gt; 0 (default 1, fvcore's: with β = 0 that is plain cross-entropy) and β (default 0; fvcore
 * has no β, the paper's best setting is γ = 2, β = 1). α as in {@link BinaryLossBuilder#alpha}
 * (fvcore's {@code alpha}, off by default there too). The multi-class form applies the same
 * function to the target margin {@code z_t = x_t − log Σ_{j≠t} e^{x_j}}; it is exact for C = 2 and
 * a natural extension beyond (the paper defines FL* for binary logits only).
 *
 * <pre>{@code
 * BinaryLoss star = FocalStarLoss.binary().gamma(2).beta(1).build();
 * }</pre>
 */
public final class FocalStarLoss extends BuiltInMargin {

  static final String NAME = "FocalStarLoss";

  private final double gamma;
  private final double beta;

  private FocalStarLoss(double gamma, double beta) {
    this.gamma = Params.positive(NAME, "gamma", gamma);
    this.beta = Params.finite(NAME, "beta", beta);
  }

  /**
   * The margin function, for composing new losses.
   *
   * @throws IllegalArgumentException unless γ &gt; 0 and finite and β finite
   */
  public static FocalStarLoss function(double gamma, double beta) {
    return new FocalStarLoss(gamma, beta);
  }

  public static Binary binary() {
    return new Binary();
  }

  public static MultiClass multiClass() {
    return new MultiClass();
  }

  @Override
  public Tensor composed(Tensor z, Tensor alpha) {
    Tensor loss = z.mul(gamma).add(beta).logSigmoid().neg().div(gamma);
    return alpha == null ? loss : alpha.mul(loss);
  }

  @Override
  public double valueAndSlope(double z, double alpha, double[] slope) {
    double s = gamma * z + beta;
    double e = Math.exp(-Math.abs(s));
    double r = 1.0 / (1.0 + e);
    slope[0] = -alpha * Scalar.q(s, e, r);
    return alpha * (Math.max(-s, 0.0) + Scalar.log1p01(e, r)) / gamma;
  }

  @Override
  MarginLanes lanes() {
    return new FocalStarLanes(gamma, beta);
  }

  /**
   * FL*'s hyperparameters.
   *
   * @param gamma γ &gt; 0; default 1 (fvcore's: with β = 0 that is plain cross-entropy)
   * @param beta β, the shift, finite; default 0
   */
  public record Config(double gamma, double beta) {
    /** γ = 1, β = 0. */
    public static final Config DEFAULT = new Config(1, 0);

    /**
     * @throws IllegalArgumentException unless γ &gt; 0 and finite and β finite
     */
    public Config {
      Params.positive(NAME, "gamma", gamma);
      Params.finite(NAME, "beta", beta);
    }

    public Config withGamma(double g) {
      return new Config(g, beta);
    }

    public Config withBeta(double b) {
      return new Config(gamma, b);
    }
  }

  /** {@code focal-star(gamma=1,beta=0)}. */
  public static final LossType<Config> TYPE =
      LossType.of(
          "focal-star",
          Config.DEFAULT,
          c -> binary().config(c),
          c -> multiClass().config(c),
          Hyperparameter.number("gamma", Config::gamma, Config::withGamma),
          Hyperparameter.number("beta", Config::beta, Config::withBeta));

  /** The setters both builders share; each replaces one value of the {@link Config}. */
  public interface Setters<B> {
    /** The hyperparameters set so far. */
    Config config();

    /** Replaces all hyperparameters. */
    B config(Config config);

    /** γ &gt; 0 ({@link Config#gamma}). Default 1 (fvcore's). */
    default B gamma(double gamma) {
      return config(config().withGamma(gamma));
    }

    /** β, the shift ({@link Config#beta}). Default 0. */
    default B beta(double beta) {
      return config(config().withBeta(beta));
    }
  }

  /** Builder of the binary FL*. */
  public static final class Binary extends ConfiguredBinaryBuilder<Config, Binary>
      implements Setters<Binary> {
    Binary() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public BinaryLoss build() {
      return build(
          function(config().gamma(), config().beta()),
          0.0,
          NAME + ".binary(gamma=" + config().gamma() + ", beta=" + config().beta());
    }
  }

  /** Builder of the multi-class FL* (on the target margin). */
  public static final class MultiClass extends ConfiguredMultiClassBuilder<Config, MultiClass>
      implements Setters<MultiClass> {
    MultiClass() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public MultiClassLoss build() {
      return build(
          rows(function(config().gamma(), config().beta()), 0.0),
          NAME + ".multiClass(gamma=" + config().gamma() + ", beta=" + config().beta());
    }
  }
}
