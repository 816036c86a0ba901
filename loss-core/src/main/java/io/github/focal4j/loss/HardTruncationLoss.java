package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.HardTruncationLanes;
import io.github.focal4j.loss.engine.MarginLanes;
import io.github.focal4j.loss.engine.Scalar;

/**
 * Hard truncation: cross-entropy switched off on samples that are already right.
 *
 * <pre>
 *   L*(z) = λ · CE(z),   λ = θ(m − p_t) = 0 if p_t &gt; m else 1,   p_t = σ(z)
 *   d(L*)/dz = λ · dCE/dz             (λ is a step: its derivative is zero wherever it exists)
 * </pre>
 *
 * Binary, {@code p_t > m} means {@code ŷ > m} for y = 1 and {@code ŷ < 1 − m} for y = 0;
 * multi-class it means {@code softmax(x)_t > m}. λ is built from {@link Tensor#heaviside}, an op
 * whose backward adds nothing, so no gradient can flow through λ: the model is told to stop
 * updating a sample that is right, and nothing tells it to keep it right. That is the weakness
 * {@link SoftenedLoss} repairs.
 *
 * <p>Hyperparameter: threshold m ∈ (0, 1), default 0.5. At {@code p_t = m} exactly the sample is
 * kept (λ = 1). α and the shared options as in {@link BinaryLossBuilder} / {@link
 * MultiClassLossBuilder}.
 *
 * <pre>{@code
 * BinaryLoss l = HardTruncationLoss.binary().threshold(0.6).build();
 * }</pre>
 */
public final class HardTruncationLoss extends BuiltInMargin {

  static final String NAME = "HardTruncationLoss";

  private final double threshold;

  private HardTruncationLoss(double threshold) {
    this.threshold = Params.unitOpen(NAME, "threshold", threshold);
  }

  /**
   * The function with threshold m, for composing new losses.
   *
   * @throws IllegalArgumentException unless m ∈ (0, 1)
   */
  public static HardTruncationLoss function(double threshold) {
    return new HardTruncationLoss(threshold);
  }

  public static Binary binary() {
    return new Binary();
  }

  public static MultiClass multiClass() {
    return new MultiClass();
  }

  /** λ = θ(m − p_t) with θ(0) = 1: a zero-gradient step. */
  public Tensor lambda(Tensor z) {
    return z.sigmoid().rsub(threshold).heaviside(1.0);
  }

  @Override
  public Tensor composed(Tensor z, Tensor alpha) {
    Tensor loss = lambda(z).mul(CrossEntropyLoss.of(z));
    return alpha == null ? loss : alpha.mul(loss);
  }

  @Override
  public double valueAndSlope(double z, double alpha, double[] slope) {
    double e = Math.exp(-Math.abs(z));
    if (Scalar.p(z, e) > threshold) {
      slope[0] = 0.0;
      return 0.0;
    }
    double r = 1.0 / (1.0 + e);
    slope[0] = -alpha * Scalar.q(z, e, r);
    return alpha * (Math.max(-z, 0.0) + Scalar.log1p01(e, r));
  }

  @Override
  MarginLanes lanes() {
    return new HardTruncationLanes(threshold);
  }

  /**
   * Hard truncation's hyperparameters.
   *
   * @param threshold m ∈ (0, 1): samples with p_t &gt; m get no loss; default 0.5
   */
  public record Config(double threshold) {
    /** m = 0.5. */
    public static final Config DEFAULT = new Config(0.5);

    /**
     * @throws IllegalArgumentException unless m ∈ (0, 1)
     */
    public Config {
      Params.unitOpen(NAME, "threshold", threshold);
    }

    public Config withThreshold(double m) {
      return new Config(m);
    }
  }

  /** {@code hard(threshold=0.5)}. */
  public static final LossType<Config> TYPE =
      LossType.of(
          "hard",
          Config.DEFAULT,
          c -> binary().config(c),
          c -> multiClass().config(c),
          Hyperparameter.number("threshold", Config::threshold, Config::withThreshold));

  /** The setters both builders share; each replaces one value of the {@link Config}. */
  public interface Setters<B> {
    /** The hyperparameters set so far. */
    Config config();

    /** Replaces all hyperparameters. */
    B config(Config config);

    /** m ∈ (0, 1) ({@link Config#threshold}): samples with p_t &gt; m get no loss. Default 0.5. */
    default B threshold(double m) {
      return config(config().withThreshold(m));
    }
  }

  /** Builder of the binary hard-truncation loss. */
  public static final class Binary extends ConfiguredBinaryBuilder<Config, Binary>
      implements Setters<Binary> {
    Binary() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public BinaryLoss build() {
      return build(
          function(config().threshold()), 0.0, NAME + ".binary(threshold=" + config().threshold());
    }
  }

  /** Builder of the multi-class hard-truncation loss (p_t = softmax(x)_t). */
  public static final class MultiClass extends ConfiguredMultiClassBuilder<Config, MultiClass>
      implements Setters<MultiClass> {
    MultiClass() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public MultiClassLoss build() {
      return build(
          rows(function(config().threshold()), 0.0),
          NAME + ".multiClass(threshold=" + config().threshold());
    }
  }
}
