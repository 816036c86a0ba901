package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.MarginLanes;
import io.github.focal4j.loss.engine.PolyLanes;
import io.github.focal4j.loss.engine.Scalar;

/**
 * PolyLoss (Leng et al. 2022): the leading polynomial term of cross-entropy or focal loss,
 * reweighted by ε.
 *
 * <pre>
 *   Poly-1:       CE(z) + ε·(1 − p_t)                         (γ = 0, the default)
 *   poly-focal:   α_t·FL_γ(z) + ε·(1 − p_t)^(γ+1)              (γ &gt; 0)
 *   (1 − p_t)^(γ+1) = exp((γ + 1)·log σ(−z)),   d/dz = −(γ + 1)·(1 − p_t)^(γ+1)·p_t
 * </pre>
 *
 * As in the paper's code, α multiplies the focal term only. ε ≥ −1 (the paper's range: the leading
 * coefficient 1 + ε of the expansion stays ≥ 0), default 1; γ ≥ 0, default 0. No label smoothing
 * (the paper combines them; ask if needed).
 *
 * <pre>{@code
 * BinaryLoss poly1 = PolyLoss.binary().epsilon(1).build();
 * MultiClassLoss polyFocal = PolyLoss.multiClass().gamma(2).epsilon(-1).build();
 * }</pre>
 */
public final class PolyLoss extends BuiltInMargin {

  static final String NAME = "PolyLoss";

  private final double epsilon;
  private final double gamma;

  private PolyLoss(double epsilon, double gamma) {
    this.epsilon = Params.atLeast(NAME, "epsilon", epsilon, -1.0);
    this.gamma = Params.nonNegative(NAME, "gamma", gamma);
  }

  /**
   * The margin function, for composing new losses.
   *
   * @throws IllegalArgumentException for ε &lt; −1 or γ &lt; 0 (or either non-finite)
   */
  public static PolyLoss function(double epsilon, double gamma) {
    return new PolyLoss(epsilon, gamma);
  }

  public static Binary binary() {
    return new Binary();
  }

  public static MultiClass multiClass() {
    return new MultiClass();
  }

  @Override
  public Tensor composed(Tensor z, Tensor alpha) {
    Tensor focal = FocalLoss.modulatingFactor(z, gamma).mul(CrossEntropyLoss.of(z));
    if (alpha != null) {
      focal = alpha.mul(focal);
    }
    return focal.add(FocalLoss.modulatingFactor(z, gamma + 1).mul(epsilon));
  }

  @Override
  public double valueAndSlope(double z, double alpha, double[] slope) {
    double e = Math.exp(-Math.abs(z));
    double r = 1.0 / (1.0 + e);
    double l = Scalar.log1p01(e, r);
    double ce = Math.max(-z, 0.0) + l;
    double logOneMinusP = -(Math.max(z, 0.0) + l);
    double p = Scalar.p(z, e, r);
    double q = Scalar.q(z, e, r);
    double w = Scalar.pow(q, logOneMinusP, gamma); // (1 − p_t)^γ
    double w1 = w * q; // (1 − p_t)^(γ+1)
    slope[0] = -alpha * w * (gamma * p * ce + q) - epsilon * (gamma + 1) * w1 * p;
    return alpha * w * ce + epsilon * w1;
  }

  @Override
  MarginLanes lanes() {
    return new PolyLanes(epsilon, gamma);
  }

  /**
   * PolyLoss's hyperparameters.
   *
   * @param epsilon ε ≥ −1 (the paper's range: the leading coefficient 1 + ε stays ≥ 0); default 1
   * @param gamma γ ≥ 0: 0 gives Poly-1 cross-entropy, &gt; 0 poly-focal; default 0
   */
  public record Config(double epsilon, double gamma) {
    /** Poly-1: ε = 1, γ = 0. */
    public static final Config DEFAULT = new Config(1, 0);

    /**
     * @throws IllegalArgumentException for ε &lt; −1 or γ &lt; 0 (or either non-finite)
     */
    public Config {
      Params.atLeast(NAME, "epsilon", epsilon, -1.0);
      Params.nonNegative(NAME, "gamma", gamma);
    }

    public Config withEpsilon(double e) {
      return new Config(e, gamma);
    }

    public Config withGamma(double g) {
      return new Config(epsilon, g);
    }
  }

  /** {@code poly1(epsilon=1)}: Poly-1, γ fixed at 0. */
  public static final LossType<Config> POLY1 =
      LossType.of(
          "poly1",
          Config.DEFAULT,
          c -> binary().config(c),
          c -> multiClass().config(c),
          Hyperparameter.number("epsilon", Config::epsilon, Config::withEpsilon));

  /** {@code poly-focal(gamma=2,epsilon=1)}: poly-focal, γ = 2 unless set. */
  public static final LossType<Config> POLY_FOCAL =
      LossType.of(
          "poly-focal",
          Config.DEFAULT.withGamma(2),
          c -> binary().config(c),
          c -> multiClass().config(c),
          Hyperparameter.number("gamma", Config::gamma, Config::withGamma),
          Hyperparameter.number("epsilon", Config::epsilon, Config::withEpsilon));

  /** The setters both builders share; each replaces one value of the {@link Config}. */
  public interface Setters<B> {
    /** The hyperparameters set so far. */
    Config config();

    /** Replaces all hyperparameters. */
    B config(Config config);

    /** ε ≥ −1 ({@link Config#epsilon}). Default 1. */
    default B epsilon(double epsilon) {
      return config(config().withEpsilon(epsilon));
    }

    /** γ ≥ 0 ({@link Config#gamma}): 0 gives Poly-1 cross-entropy, &gt; 0 poly-focal. Default 0. */
    default B gamma(double gamma) {
      return config(config().withGamma(gamma));
    }
  }

  /** Builder of the binary PolyLoss. */
  public static final class Binary extends ConfiguredBinaryBuilder<Config, Binary>
      implements Setters<Binary> {
    Binary() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public BinaryLoss build() {
      return build(
          function(config().epsilon(), config().gamma()),
          0.0,
          NAME + ".binary(epsilon=" + config().epsilon() + ", gamma=" + config().gamma());
    }
  }

  /** Builder of the multi-class PolyLoss. */
  public static final class MultiClass extends ConfiguredMultiClassBuilder<Config, MultiClass>
      implements Setters<MultiClass> {
    MultiClass() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public MultiClassLoss build() {
      return build(
          rows(function(config().epsilon(), config().gamma()), 0.0),
          NAME + ".multiClass(epsilon=" + config().epsilon() + ", gamma=" + config().gamma());
    }
  }
}
