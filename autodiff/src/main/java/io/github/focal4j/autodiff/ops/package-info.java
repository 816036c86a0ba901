/**
 * One class per op (or op family), each a forward computation with its backward beside it: {@code Add},
 * {@code Sigmoid}, {@code LogSoftmax}, {@code MatMul}, {@code Gather}, ... Users reach them through the fluent
 * methods of {@link io.github.focal4j.autodiff.Tensor}; the classes are public so a reader finds an op by its
 * name and so custom ops can reuse {@link io.github.focal4j.autodiff.ops.Elementwise}.
 *
 * <p>Every op validates its arguments before touching data and throws {@link java.lang.IllegalArgumentException}
 * naming itself and the offending shapes, axis or index. Gradient conventions at non-differentiable points
 * follow PyTorch 1.13 and are stated in each class; the test suite checks every op against finite differences,
 * against PyTorch goldens ({@code tools/goldens/autodiff_goldens.py}) and for finite values at extreme inputs.
 */
package io.github.focal4j.autodiff.ops;
