package io.github.focal4j.loss;

import java.util.OptionalInt;

/**
 * Options every multi-class loss shares. Defaults: {@link Reduction#MEAN} over {@link
 * Normalization#VALID_ELEMENTS}, {@link Implementation#FUSED}, α off, ignore index −100
 * (PyTorch's). Each loss's builder ({@code FocalLoss.multiClass()}, ...) adds its own
 * hyperparameters. Builders are mutable and not thread-safe; the losses they build are immutable.
 *
 * @param <B> the concrete builder, for chaining
 */
public abstract class MultiClassLossBuilder<B extends MultiClassLossBuilder<B>>
    extends LossBuilder<B> {

  /** PyTorch's default {@code ignore_index}. */
  public static final int DEFAULT_IGNORE_INDEX = -100;

  double[] classAlpha;
  int ignoreIndex = DEFAULT_IGNORE_INDEX;
  OptionalInt backgroundClass = OptionalInt.empty();

  MultiClassLossBuilder(String loss) {
    super(loss);
  }

  /**
   * Per-class weights α_c multiplying the loss of elements of class c (PyTorch's {@code weight};
   * see {@link ClassBalanced} for weights from class counts). Off by default. Unlike PyTorch's
   * {@code CrossEntropyLoss(weight=...)}, {@link Reduction#MEAN} divides by the number of valid
   * elements, not by the sum of their weights, so α scales the loss as it does in the focal-loss
   * paper.
   *
   * @param alpha one finite, non-negative weight per class (the length is checked against C when
   *     applied)
   * @throws IllegalArgumentException for an empty array or a negative or non-finite entry
   */
  public B classAlpha(double... alpha) {
    Params.notNull(loss, "classAlpha", alpha);
    if (alpha.length == 0) {
      throw new IllegalArgumentException(
          loss + ": classAlpha must have one entry per class, got none");
    }
    for (int c = 0; c < alpha.length; c++) {
      Params.nonNegative(loss, "classAlpha[" + c + "]", alpha[c]);
    }
    this.classAlpha = alpha.clone();
    return self();
  }

  /**
   * Targets equal to this index are ignored: loss 0, gradient 0, and they do not count towards the
   * mean. Default {@link #DEFAULT_IGNORE_INDEX}. May be a real class index (e.g. a padding class
   * 0).
   */
  public B ignoreIndex(int ignoreIndex) {
    this.ignoreIndex = ignoreIndex;
    return self();
  }

  /**
   * The class that is not a "positive" for {@link Normalization#POSITIVE_TARGETS} (the 'O' tag in
   * NER, background in detection).
   *
   * @throws IllegalArgumentException for a negative index
   */
  public B backgroundClass(int backgroundClass) {
    if (backgroundClass < 0) {
      throw new IllegalArgumentException(
          loss + ": backgroundClass must be >= 0, got " + backgroundClass);
    }
    this.backgroundClass = OptionalInt.of(backgroundClass);
    return self();
  }

  /**
   * Builds the loss.
   *
   * @throws IllegalArgumentException for an inconsistent combination: a non-default normalization
   *     without {@link Reduction#MEAN}, or {@link Normalization#POSITIVE_TARGETS} without a
   *     background class
   */
  public abstract MultiClassLoss build();

  final MultiClassLoss build(RowKernel kernel, String description) {
    checkReduction();
    if (normalization == Normalization.POSITIVE_TARGETS && backgroundClass.isEmpty()) {
      throw new IllegalArgumentException(
          loss
              + ": normalization POSITIVE_TARGETS needs backgroundClass(c), the class"
              + " that is not a positive");
    }
    return new MultiClassRowLoss(
        loss,
        description,
        kernel,
        classAlpha,
        ignoreIndex,
        backgroundClass,
        reduction,
        normalization,
        implementation);
  }

  /** The margin-loss kernel, label-smoothed when {@code smoothing > 0}. */
  static RowKernel rows(MarginFunction f, double smoothing) {
    return smoothing > 0 ? new SmoothedRows(f, smoothing) : new MarginRows(f);
  }
}
