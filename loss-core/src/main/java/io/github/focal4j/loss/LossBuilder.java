package io.github.focal4j.loss;

/**
 * Options every loss shares: reduction, normalization and implementation. Defaults: {@link
 * Reduction#MEAN} over {@link Normalization#VALID_ELEMENTS}, {@link Implementation#FUSED}. Builders
 * are mutable and not thread-safe; the losses they build are immutable.
 *
 * @param <B> the concrete builder, for chaining
 */
public abstract class LossBuilder<B extends LossBuilder<B>> {

  final String loss;
  Reduction reduction = Reduction.MEAN;
  Normalization normalization = Normalization.VALID_ELEMENTS;
  Implementation implementation = Implementation.FUSED;

  LossBuilder(String loss) {
    this.loss = loss;
  }

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  /** How per-element losses are combined; default {@link Reduction#MEAN}. */
  public B reduction(Reduction reduction) {
    this.reduction = Params.notNull(loss, "reduction", reduction);
    return self();
  }

  /** What {@link Reduction#MEAN} divides by; default {@link Normalization#VALID_ELEMENTS}. */
  public B normalization(Normalization normalization) {
    this.normalization = Params.notNull(loss, "normalization", normalization);
    return self();
  }

  /** Fused kernel (default) or the composed reference graph. */
  public B implementation(Implementation implementation) {
    this.implementation = Params.notNull(loss, "implementation", implementation);
    return self();
  }

  /**
   * @throws IllegalArgumentException for a non-default normalization without {@link Reduction#MEAN}
   */
  final void checkReduction() {
    if (normalization != Normalization.VALID_ELEMENTS && reduction != Reduction.MEAN) {
      throw new IllegalArgumentException(
          loss
              + ": normalization "
              + normalization
              + " only applies to Reduction.MEAN, got reduction "
              + reduction);
    }
  }
}
