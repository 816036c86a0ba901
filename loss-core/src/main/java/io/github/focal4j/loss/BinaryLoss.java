package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;

/**
 * An elementwise loss over binary logits: logits and 0/1 targets of the same (any) shape, so
 * multilabel problems work unchanged. Implementations are immutable and thread-safe. Gradients flow
 * to the logits only: targets, mask and weights are data.
 */
public interface BinaryLoss {

  /**
   * @param logits raw scores x, with ŷ = σ(x); every value must be finite
   * @param targets 0 or 1, same shape as {@code logits}
   * @return the loss, reduced as configured
   * @throws IllegalArgumentException on mismatched shapes, targets outside {0, 1} or non-finite
   *     logits, naming the loss, the tensor and the element
   */
  Tensor apply(Tensor logits, Tensor targets);

  /**
   * As {@link #apply(Tensor, Tensor)}, counting only elements where {@code mask != 0}.
   *
   * @param mask 0 (padding, ignored) or 1 (valid), same shape; targets under a 0 are not checked
   * @throws IllegalArgumentException also for mask values other than 0 and 1
   */
  Tensor apply(Tensor logits, Tensor targets, Tensor mask);

  /**
   * As {@link #apply(Tensor, Tensor, Tensor)} with per-element weights multiplying each element's
   * loss (as PyTorch's {@code weight} and mmdetection's {@code weight}); {@link Reduction#MEAN}
   * still divides by the {@link Normalization} count, not by the sum of weights.
   *
   * @param mask 0/1 validity, same shape (all ones when every element counts)
   * @param weights finite, non-negative, same shape
   * @throws IllegalArgumentException also for negative or non-finite weights, or a null mask or
   *     weights
   */
  Tensor apply(Tensor logits, Tensor targets, Tensor mask, Tensor weights);
}
