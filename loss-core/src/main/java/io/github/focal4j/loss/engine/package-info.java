/**
 * The fused kernels' machinery, apart from the losses' API in {@code io.github.focal4j.loss}:
 * parallel chunks with deterministic sums ({@link io.github.focal4j.loss.engine.Chunks}), reused
 * gradient arrays ({@link io.github.focal4j.loss.engine.GradientPool}), the scalar sigmoid pieces
 * ({@link io.github.focal4j.loss.engine.Scalar}), and the Vector API path: exp and log on arrays
 * ({@link io.github.focal4j.loss.engine.LaneMath}), each margin function's vector form ({@link
 * io.github.focal4j.loss.engine.MarginLanes} and its subclasses, {@code FocalLanes} for {@code
 * FocalLoss}, ...) and the multi-class row forms ({@link io.github.focal4j.loss.engine.RowLanes}).
 *
 * <p>Not API: its types are public only because the loss package calls them; the module exports
 * {@code io.github.focal4j.loss} alone. This package depends on nothing in {@code
 * io.github.focal4j.loss} (the drivers that check inputs and reduce stay there, package-private,
 * because they speak the API's types: {@code MarginFunction}, {@code Reduction}, {@code
 * Normalization}). Classes that use {@code jdk.incubator.vector} are loaded only when the JVM has
 * that module.
 */
package io.github.focal4j.loss.engine;
