/** From tokenised, tagged sentences to padded/packed id batches: vocabularies, encoder, batches, batcher. */
package io.github.focal4j.models.data;
