/**
 * Dense numerical kernels on raw {@code double[]} arrays, used by the ops and available to fused
 * custom ops: {@link io.github.focal4j.autodiff.kernels.Gemm} (matrix multiply-accumulate). Pure
 * Java, no JVM flags, no native libraries; arguments are checked up front so a kernel never fails
 * with an index exception.
 */
package io.github.focal4j.autodiff.kernels;
