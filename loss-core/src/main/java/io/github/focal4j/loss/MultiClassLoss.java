package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;

/**
 * A loss over class scores: logits {@code [..., C]} (C ≥ 2) and integer class targets {@code
 * [...]}. Implementations are immutable and thread-safe. Gradients flow to the logits only.
 */
public interface MultiClassLoss {

  /**
   * @param logits unnormalised scores, shape {@code [..., C]}; every value must be finite
   * @param targets class indices in {@code [0, C)} (or the configured ignore index), shape {@code
   *     [...]}
   * @return the loss, reduced as configured
   * @throws IllegalArgumentException on mismatched shapes, out-of-range targets or non-finite
   *     logits, naming the loss, the tensor and the element
   */
  Tensor apply(Tensor logits, IntTensor targets);

  /**
   * As {@link #apply(Tensor, IntTensor)}, counting only elements where {@code mask != 0} (padding
   * tokens are 0); a mean divides by the number of valid elements.
   *
   * @param mask shape {@code [...]}, the targets' shape; values 0 or 1. Targets under a 0 are not
   *     checked.
   */
  Tensor apply(Tensor logits, IntTensor targets, Tensor mask);

  /**
   * As {@link #apply(Tensor, IntTensor, Tensor)} with per-element weights multiplying each
   * element's loss; {@link Reduction#MEAN} still divides by the {@link Normalization} count.
   *
   * @param mask 0/1 validity of shape {@code [...]} (all ones when every element counts)
   * @param weights finite, non-negative, shape {@code [...]}
   * @throws IllegalArgumentException also for negative or non-finite weights, or a null mask or
   *     weights
   */
  Tensor apply(Tensor logits, IntTensor targets, Tensor mask, Tensor weights);
}
