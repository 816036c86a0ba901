/**
 * Inference-only forward passes of trained models: {@link
 * io.github.focal4j.models.inference.FloatTagger}, a {@link
 * io.github.focal4j.models.TokenClassifier} in float32 on the Vector API for tagging throughput.
 */
package io.github.focal4j.models.inference;
