/**
 * Scalar functions of the autodiff's ops for code outside it that must agree with them bit for bit:
 * {@link io.github.focal4j.autodiff.ops.Sigmoid}. The ops themselves are package-private beside
 * {@link io.github.focal4j.autodiff.Tensor} and reached through its methods.
 */
package io.github.focal4j.autodiff.ops;
