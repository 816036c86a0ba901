package io.github.focal4j.loss;

/**
 * How a loss turns per-element values into its result. Masked and ignored elements never count.
 *
 * @see Normalization what {@link #MEAN} divides by
 */
public enum Reduction {
  /** Per-element losses, the shape of the targets (masked and ignored elements are 0). */
  NONE,
  /** Sum over valid elements. */
  SUM,
  /**
   * Sum over valid elements divided by the {@link Normalization} count: by default the number of
   * valid elements, 0 when there are none (never NaN).
   */
  MEAN
}
