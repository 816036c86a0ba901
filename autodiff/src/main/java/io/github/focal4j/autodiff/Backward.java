package io.github.focal4j.autodiff;

/**
 * The backward half of an op: given the gradient of the loss with respect to the op's output, adds
 * the gradient with respect to each input.
 *
 * <p>Contract (the one every op, built-in or custom, follows):
 *
 * <ul>
 *   <li>{@code gradOutput} has the output's element count, row-major; read it, never write it.
 *   <li>{@code gradInputs[i]} is the accumulator for input {@code i} (same element count as that
 *       input), or {@code null} when input {@code i} needs no gradient. <b>Add</b> into it ({@code
 *       +=}); never assign, because the same tensor may feed several ops (or the same op twice) and
 *       each contribution must sum.
 *   <li>Everything the backward needs from the forward pass (inputs' values, the output, masks,
 *       argmax indices) is captured explicitly by the lambda when the op is built — the "saved
 *       context".
 * </ul>
 *
 * @see Tensor#fromOp(String, double[], int[], Backward, Tensor...)
 */
@FunctionalInterface
public interface Backward {

  /**
   * @param gradOutput dL/d(output), length {@code output.numel()}
   * @param gradInputs one accumulator per input, {@code null} where no gradient is needed
   */
  void apply(double[] gradOutput, double[][] gradInputs);
}
