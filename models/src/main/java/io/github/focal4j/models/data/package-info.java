/**
 * From tokenised, tagged sentences to padded/packed id batches: vocabularies, encoder, batches,
 * batcher, and the packed layout of a batch ({@link io.github.focal4j.models.data.Lengths}).
 * Depends on autodiff only.
 */
package io.github.focal4j.models.data;
