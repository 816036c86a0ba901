package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;

/**
 * A per-element loss {@code ℓ(z, y)} of a class's log-odds z (so that its probability is {@code p =
 * σ(z)} and {@code 1 − p = σ(−z)}) and that class's 0/1 indicator y — for the overlap losses
 * ({@link DiceLoss}, {@link TverskyLoss}), which, unlike the losses of {@link MarginFunction},
 * treat a positive and a negative element differently and so are not a function of the target's
 * margin alone.
 *
 * <p>Binary: z is the logit x itself and y the target. Multi-class (one-vs-rest): for every class
 * c, {@code z_c = x_c − log Σ_{k≠c} e^{x_k}} (so {@code σ(z_c) = softmax(x)_c}, {@link
 * Margin#allClasses}) and {@code y_c = [c = t]}; the row's loss is {@code Σ_c α_c ℓ(z_c, y_c)}
 * ({@link OneVsRestRows}).
 *
 * <p>Given twice, as {@link MarginFunction} is: {@link #composed} from autodiff primitives (the
 * reference, reading like the formula) and {@link #valueAndSlope} as scalar code for the fused
 * kernels; tests hold the two to 1e-12. Implementations are immutable.
 */
interface IndicatorFunction {

  /**
   * The loss built from autodiff primitives.
   *
   * @param z log-odds, any shape
   * @param y 0/1 indicators broadcastable to z (data: no gradient flows to it)
   * @return the per-element loss, z's shape
   */
  Tensor composed(Tensor z, Tensor y);

  /**
   * The loss at one finite z and its derivative.
   *
   * @param positive whether y = 1
   * @param slope receives dℓ/dz in {@code slope[0]}
   * @return ℓ(z, y)
   */
  double valueAndSlope(double z, boolean positive, double[] slope);

  /** The hyperparameters, for {@code toString}. */
  String describe();
}
