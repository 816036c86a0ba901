/**
 * A small reverse-mode automatic differentiation engine over dense float64 tensors.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link io.github.focal4j.autodiff.Tensor}: values, shape, gradient, and fluent entries to
 *       every op.
 *   <li>the ops, package-private beside {@code Tensor}, reached through its methods: one class per
 *       op or op family ({@code Add}, {@code MatMul}, {@code LogSoftmax}, ...; the short unary ops
 *       share {@code Unary}), each a forward with its backward beside it.
 *   <li>{@link io.github.focal4j.autodiff.ops.Sigmoid}: σ as a scalar function, exactly as the
 *       sigmoid op computes it, for fused kernels that must agree with it bit for bit.
 *   <li>{@link io.github.focal4j.autodiff.Autograd}: the engine ({@code backward}, and {@code grad}
 *       for worker threads); {@link io.github.focal4j.autodiff.NoGrad}: the inference scope.
 *   <li>{@link io.github.focal4j.autodiff.GradCheck}: finite-difference verification for any
 *       function.
 *   <li>{@code io.github.focal4j.autodiff.kernels.Gemm}: the matrix kernel.
 * </ul>
 *
 * <h2>Defining a custom op</h2>
 *
 * A custom op is a (forward, backward) pair, exactly like the built-in ones: compute the output
 * values, then call {@link io.github.focal4j.autodiff.Tensor#fromOp Tensor.fromOp} with a {@link
 * io.github.focal4j.autodiff.Backward} lambda that captures what it needs (the saved context) and
 * <em>adds</em> each input's gradient into the accumulator it is handed. Fused kernels (a loss
 * computed in one pass, an LSTM over a whole sequence) are custom ops. Verify every custom op with
 * {@link io.github.focal4j.autodiff.GradCheck} and against the same computation composed from
 * built-in ops.
 *
 * <h2>Conventions</h2>
 *
 * Every op validates its arguments before touching data and throws {@link
 * java.lang.IllegalArgumentException} naming itself and the offending shapes, axis or index.
 * Gradient conventions at non-differentiable points follow PyTorch 1.13 and are stated with each
 * op; the test suite checks every op against finite differences, against PyTorch goldens ({@code
 * tools/goldens/autodiff_goldens.py}) and for finite values at extreme inputs. Shapes are rank 0 to
 * 4, row-major. Binary elementwise ops broadcast like NumPy. Bad shapes, axes and indices raise
 * {@link java.lang.IllegalArgumentException} naming the op and the shapes. For finite inputs no op
 * returns NaN or ±∞ where the mathematical result is finite.
 */
package io.github.focal4j.autodiff;
