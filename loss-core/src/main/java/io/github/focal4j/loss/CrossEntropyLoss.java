package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.CrossEntropyLanes;
import io.github.focal4j.loss.engine.MarginLanes;
import io.github.focal4j.loss.engine.Scalar;

/**
 * Cross-entropy: {@code CE = −log p_t}, in the margin z = logit(p_t) (see {@link MarginFunction}):
 *
 * <pre>
 *   CE(z) = −log σ(z)                 binary: z = (2y − 1)·x;   multi-class: z = x_t − log Σ_{j≠t} e^{x_j}
 *   dCE/dz = −σ(−z) = −(1 − p_t)
 * </pre>
 *
 * Binary it is {@code −y·log σ(x) − (1 − y)·log σ(−x)} (PyTorch's {@code
 * binary_cross_entropy_with_logits}); multi-class it is {@code −log softmax(x)_t} (PyTorch's {@code
 * cross_entropy}). Options: α (binary) or per-class α (multi-class), label smoothing, and
 * everything in {@link BinaryLossBuilder} / {@link MultiClassLossBuilder}.
 *
 * <pre>{@code
 * BinaryLoss bce = CrossEntropyLoss.binary().build();
 * MultiClassLoss ce = CrossEntropyLoss.multiClass().labelSmoothing(0.1).ignoreIndex(-100).build();
 * Tensor loss = ce.apply(logits, targets, mask);   // logits [B, T, C], targets [B, T], mask [B, T]
 * }</pre>
 *
 * <p>Label smoothing s: binary targets become {@code y(1 − s) + s/2} (Keras's {@code
 * label_smoothing}); multi-class targets become {@code (1 − s)·onehot(t) + s/C} (PyTorch's {@code
 * label_smoothing}; with per-class α, α_j weights each class's term as PyTorch's {@code weight}
 * does). Differences from PyTorch: the mean is over valid elements (mask and ignore index), never
 * over the sum of class weights.
 */
public final class CrossEntropyLoss extends BuiltInMargin {

  static final String NAME = "CrossEntropyLoss";
  private static final CrossEntropyLoss INSTANCE = new CrossEntropyLoss();

  private CrossEntropyLoss() {}

  /** The function itself, for composing new losses. */
  public static CrossEntropyLoss function() {
    return INSTANCE;
  }

  @Override
  MarginLanes lanes() {
    return new CrossEntropyLanes();
  }

  /** A builder for the binary loss (sigmoid cross-entropy). */
  public static Binary binary() {
    return new Binary();
  }

  /** A builder for the multi-class loss (softmax cross-entropy). */
  public static MultiClass multiClass() {
    return new MultiClass();
  }

  /**
   * {@code −log σ(z)}: the cross-entropy at margin z, the factor every loss in this package
   * weights.
   */
  public static Tensor of(Tensor z) {
    return z.logSigmoid().neg();
  }

  @Override
  public Tensor composed(Tensor z, Tensor alpha) {
    Tensor ce = of(z);
    return alpha == null ? ce : alpha.mul(ce);
  }

  @Override
  public double valueAndSlope(double z, double alpha, double[] slope) {
    double e = Math.exp(-Math.abs(z));
    double r = 1.0 / (1.0 + e);
    slope[0] = -alpha * Scalar.q(z, e, r);
    return alpha * (Math.max(-z, 0.0) + Scalar.log1p01(e, r));
  }

  /**
   * Cross-entropy's hyperparameters.
   *
   * @param labelSmoothing s ∈ [0, 1]: binary targets become y(1 − s) + s/2, multi-class targets (1
   *     − s)·onehot + s/C (PyTorch's); default 0
   */
  public record Config(double labelSmoothing) {
    /** No label smoothing. */
    public static final Config DEFAULT = new Config(0);

    /**
     * @throws IllegalArgumentException unless s ∈ [0, 1]
     */
    public Config {
      Params.unitClosed(NAME, "labelSmoothing", labelSmoothing);
    }

    public Config withLabelSmoothing(double s) {
      return new Config(s);
    }
  }

  /** {@code ce}, {@code ce(label-smoothing=0.1)}. */
  public static final LossType<Config> TYPE =
      LossType.of(
          "ce",
          Config.DEFAULT,
          c -> binary().config(c),
          c -> multiClass().config(c),
          Hyperparameter.option(
              "label-smoothing", Config::labelSmoothing, Config::withLabelSmoothing));

  /** The setters both builders share; each replaces one value of the {@link Config}. */
  public interface Setters<B> {
    /** The hyperparameters set so far. */
    Config config();

    /** Replaces all hyperparameters. */
    B config(Config config);

    /** Label smoothing s ∈ [0, 1] ({@link Config#labelSmoothing}). Default 0. */
    default B labelSmoothing(double s) {
      return config(config().withLabelSmoothing(s));
    }
  }

  /** Builder of the binary cross-entropy. */
  public static final class Binary extends ConfiguredBinaryBuilder<Config, Binary>
      implements Setters<Binary> {
    Binary() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public BinaryLoss build() {
      return build(
          INSTANCE,
          config().labelSmoothing(),
          NAME + ".binary(labelSmoothing=" + config().labelSmoothing());
    }
  }

  /** Builder of the multi-class (softmax) cross-entropy. */
  public static final class MultiClass extends ConfiguredMultiClassBuilder<Config, MultiClass>
      implements Setters<MultiClass> {
    MultiClass() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public MultiClassLoss build() {
      return build(
          rows(INSTANCE, config().labelSmoothing()),
          NAME + ".multiClass(labelSmoothing=" + config().labelSmoothing());
    }
  }
}
