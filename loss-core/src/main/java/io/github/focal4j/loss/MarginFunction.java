package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;

/**
 * A per-element loss written as a function of the target's margin {@code z = logit(p_t)}, so that
 * {@code p_t = σ(z)} and {@code 1 − p_t = σ(−z)} (see {@link Margin}). For a binary logit x and
 * target y, {@code z = (2y − 1)·x}; for multi-class logits and target class t, {@code z = x_t − log
 * Σ_{j≠t} e^{x_j}}. Writing every loss in z gives one formula for both cases and keeps it stable:
 * {@code log p_t = log σ(z)} and {@code log(1 − p_t) = log σ(−z)} are finite and accurate for every
 * finite z, including where p_t rounds to 0 or 1.
 *
 * <p>An implementation gives the same function twice: {@link #composed} from autodiff primitives
 * (the reference, reads like the formula) and {@link #valueAndSlope} as scalar code for the fused
 * kernels. Tests hold the two to 1e-12. The built-in functions have a third form, on the Vector
 * API, in the engine package ({@code io.github.focal4j.loss.engine.FocalLanes} for {@link
 * FocalLoss}; see {@link Implementation#vectorized()}); a function of your own runs the scalar
 * kernels.
 */
public interface MarginFunction {

  /**
   * The loss built from autodiff primitives.
   *
   * @param z margins, any shape
   * @param alpha the α_t of each element (broadcastable to z), or {@code null} when α is off
   * @return the per-element loss, z's shape
   */
  Tensor composed(Tensor z, Tensor alpha);

  /**
   * The loss at one finite margin and its derivative.
   *
   * @param z the margin
   * @param alpha α_t for this element (1 when α is off)
   * @param slope receives dℓ/dz in {@code slope[0]}
   * @return ℓ(z)
   */
  double valueAndSlope(double z, double alpha, double[] slope);
}
