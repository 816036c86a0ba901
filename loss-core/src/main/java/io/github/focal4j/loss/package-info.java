/**
 * Losses that counter class imbalance, from hard truncation through the softened σ(Kx) loss to
 * focal loss, each written once as a composition of autodiff primitives that reads like its
 * formula, and computed by default with a fused single-pass kernel proven equal to it.
 *
 * <h2>Find a loss by name</h2>
 *
 * <table>
 *   <caption>The family (each has {@code binary()} and {@code multiClass()} builders)</caption>
 *   <tr><th>class</th><th>per-element loss in the margin z = logit(p_t)</th></tr>
 *   <tr><td>{@link io.github.focal4j.loss.CrossEntropyLoss}</td><td>−log σ(z); label smoothing</td></tr>
 *   <tr><td>{@link io.github.focal4j.loss.HardTruncationLoss}</td><td>θ(m − p_t)·CE, no gradient through θ</td></tr>
 *   <tr><td>{@link io.github.focal4j.loss.SoftenedLoss}</td><td>σ(−Kz)·CE (multi-class: softmax(−Kx)_t·CE)</td></tr>
 *   <tr><td>{@link io.github.focal4j.loss.FocalLoss}</td><td>α_t(1 − p_t)^γ·CE; reduced focal; label smoothing</td></tr>
 *   <tr><td>{@link io.github.focal4j.loss.FocalStarLoss}</td><td>−log σ(γz + β)/γ (FL*)</td></tr>
 *   <tr><td>{@link io.github.focal4j.loss.PolyLoss}</td><td>α_t·FL_γ + ε(1 − p_t)^(γ+1) (Poly-1 at γ = 0)</td></tr>
 *   <tr><td>{@link io.github.focal4j.loss.ClassBalanced}</td><td>α from the effective number of samples</td></tr>
 *   <tr><td>{@link io.github.focal4j.loss.DiceLoss}</td><td>self-adjusting Dice (DSC) per token: 1 − (2p̃y + γ)/(p̃ + y + γ), p̃ = (1 − p)^α·p</td></tr>
 *   <tr><td>{@link io.github.focal4j.loss.TverskyLoss}</td><td>1 − (py + γ)/(py + α·p(1 − y) + β·(1 − p)y + γ) per token</td></tr>
 *   <tr><td>{@link io.github.focal4j.loss.MomLoss}</td><td>MoM: any base loss + λ·(the base loss on majority-class tokens)</td></tr>
 * </table>
 *
 * <h2>A loss as data</h2>
 *
 * Each loss declares itself once, beside its code: a configuration record ({@code
 * FocalLoss.Config}: its hyperparameters, their defaults in {@code DEFAULT}, their ranges in the
 * compact constructor), the builders that hold one, and a {@link io.github.focal4j.loss.LossType}
 * constant ({@code FocalLoss.TYPE}: the name and the {@link io.github.focal4j.loss.Hyperparameter}
 * keys of the text form {@code focal(gamma=2)}). {@link io.github.focal4j.loss.Losses#ALL} lists
 * the types; {@link io.github.focal4j.loss.LossChoice} is a type with values, {@link
 * io.github.focal4j.loss.LossText} splits and joins the text form. Adding a loss is one new file
 * and one line in {@code Losses}.
 *
 * <h2>The margin</h2>
 *
 * Every loss is a function of {@code z = logit(p_t)} ({@link io.github.focal4j.loss.Margin}):
 * binary {@code z = (2y − 1)x}, multi-class {@code z = x_t − log Σ_{j≠t} e^{x_j}}. Then {@code log
 * p_t = log σ(z)} and {@code log(1 − p_t) = log σ(−z)}, finite and accurate for every finite logit,
 * and the binary and multi-class forms of a loss are one formula ({@link
 * io.github.focal4j.loss.MarginFunction}).
 *
 * <h2>Shared options</h2>
 *
 * {@link io.github.focal4j.loss.Reduction} (default MEAN), {@link
 * io.github.focal4j.loss.Normalization} (valid elements, or positives as mmdetection's avg_factor),
 * a 0/1 mask and per-element weights at call time, an ignore index for multi-class targets (default
 * −100), α, and {@link io.github.focal4j.loss.Implementation} (FUSED by default, COMPOSED for the
 * reference graph). A batch with no valid element has loss 0 and gradient 0. Bad hyperparameters
 * and inputs throw {@link java.lang.IllegalArgumentException} naming the loss, the parameter or
 * element, and the value.
 */
package io.github.focal4j.loss;
