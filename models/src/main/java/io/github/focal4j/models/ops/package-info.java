/**
 * Fused autodiff ops of the models (each a forward with its hand-derived backward, verified by
 * GradCheck, the composed reference graph and PyTorch goldens), and {@link
 * io.github.focal4j.models.ops.Packing}, which converts between the packed layout of
 * variable-length sentences ({@link io.github.focal4j.models.data.Lengths}) and the padded one.
 */
package io.github.focal4j.models.ops;
