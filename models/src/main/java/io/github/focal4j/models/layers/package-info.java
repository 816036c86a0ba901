/**
 * Layers as small {@link io.github.focal4j.models.Module}s holding named parameters, one per file.
 */
package io.github.focal4j.models.layers;
