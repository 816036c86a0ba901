package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;

/**
 * An elementwise loss over binary logits: logits and 0/1 targets of the same (any) shape, so multilabel
 * problems work unchanged. Implementations are immutable and thread-safe.
 */
public interface BinaryLoss {

  /**
   * @param logits raw scores x, with ŷ = σ(x)
   * @param targets 0 or 1, same shape as {@code logits}
   * @return the loss, reduced as configured
   * @throws IllegalArgumentException on mismatched shapes or targets outside {0, 1}
   */
  Tensor apply(Tensor logits, Tensor targets);

  /** As {@link #apply(Tensor, Tensor)}, counting only elements where {@code mask != 0}. */
  Tensor apply(Tensor logits, Tensor targets, Tensor mask);
}
