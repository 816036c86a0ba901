package io.github.focal4j.loss;

/**
 * What a {@link Reduction#MEAN} loss divides its sum by. Only meaningful with {@link
 * Reduction#MEAN}; a loss built with another reduction and a non-default normalization is rejected.
 */
public enum Normalization {
  /**
   * The number of valid elements: those with a non-zero mask and (multi-class) a target other than
   * the ignore index. An all-invalid batch gives loss 0 and gradient 0. Unlike kornia's focal loss
   * and DJL's masked losses, padding never enters the count.
   */
  VALID_ELEMENTS,
  /**
   * The number of valid positive targets, at least 1 — mmdetection's {@code avg_factor =
   * max(num_pos, 1)} for dense detectors, where thousands of easy negatives would otherwise swamp
   * the mean. Positive means target 1 for binary losses and a target other than the configured
   * background class for multi-class ones.
   */
  POSITIVE_TARGETS
}
