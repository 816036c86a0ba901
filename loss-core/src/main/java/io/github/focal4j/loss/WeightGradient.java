package io.github.focal4j.loss;

/**
 * Whether gradients flow through a loss's weight factor — σ(−Kz) of the softened loss, (1 − p_t)^γ
 * of the focal loss. With the factor written w(z) and the cross-entropy ce(z), the two choices
 * differ by exactly the term {@code w'(z)·ce(z)} of the gradient: the term that tells the model to
 * keep an easy sample easy.
 */
public enum WeightGradient {
  /**
   * d/dz [w·ce] = w'·ce + w·ce': the loss as a function (the default, as in every reference
   * library).
   */
  FULL,
  /** w is treated as a constant (stop-gradient): d/dz = w·ce', as hard truncation's λ always is. */
  DETACHED
}
