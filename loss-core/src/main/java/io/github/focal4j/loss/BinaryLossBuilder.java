package io.github.focal4j.loss;

import java.util.OptionalDouble;

/**
 * Options every binary loss shares: those of {@link LossBuilder} and α (off by default). Each
 * loss's builder ({@code FocalLoss.binary()}, ...) adds its own hyperparameters.
 *
 * @param <B> the concrete builder, for chaining
 */
public abstract class BinaryLossBuilder<B extends BinaryLossBuilder<B>> extends LossBuilder<B> {

  OptionalDouble alpha = OptionalDouble.empty();

  BinaryLossBuilder(String loss) {
    super(loss);
  }

  /**
   * Class balance: positives (y = 1) are weighted by α and negatives by 1 − α, as torchvision's and
   * fvcore's {@code alpha}. Off by default — unlike torchvision (0.25) and Keras (0.25 when
   * enabled): 0.25 was tuned together with γ = 2 for one detector, and equal weighting (α = 0.5,
   * the same as no α up to a factor 2) is the neutral choice without the compute to tune it.
   *
   * @throws IllegalArgumentException unless α ∈ [0, 1]
   */
  public B alpha(double alpha) {
    this.alpha = OptionalDouble.of(Params.unitClosed(loss, "alpha", alpha));
    return self();
  }

  /**
   * Builds the loss.
   *
   * @throws IllegalArgumentException for an inconsistent combination (a non-default normalization
   *     without {@link Reduction#MEAN})
   */
  public abstract BinaryLoss build();

  final BinaryLoss build(MarginFunction f, double smoothing, String description) {
    checkReduction();
    return new BinaryMarginLoss(
        loss, description, f, alpha, smoothing, reduction, normalization, implementation);
  }
}
