package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;

/**
 * A loss over class scores: logits {@code [..., C]} and integer class targets {@code [...]}.
 * Implementations are immutable and thread-safe.
 */
public interface MultiClassLoss {

  /**
   * @param logits unnormalised scores, shape {@code [..., C]}
   * @param targets class indices in {@code [0, C)} (or the configured ignore index), shape {@code [...]}
   * @return the loss, reduced as configured
   * @throws IllegalArgumentException on mismatched shapes or out-of-range targets, naming them
   */
  Tensor apply(Tensor logits, IntTensor targets);

  /**
   * As {@link #apply(Tensor, IntTensor)}, counting only elements where {@code mask != 0} (padding tokens are
   * 0); a mean divides by the number of valid elements.
   *
   * @param mask shape {@code [...]}, the targets' shape
   */
  Tensor apply(Tensor logits, IntTensor targets, Tensor mask);
}
