/**
 * Fused autodiff ops of the models (each a forward with its hand-derived backward, verified by GradCheck, the
 * composed reference graph and PyTorch goldens), and the packed layout of variable-length sentences
 * ({@link io.github.focal4j.models.ops.Lengths}, {@link io.github.focal4j.models.ops.Packing}).
 */
package io.github.focal4j.models.ops;
