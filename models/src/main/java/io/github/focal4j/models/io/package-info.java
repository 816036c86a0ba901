/**
 * Model files and training checkpoints: a versioned, SHA-256-checked container written atomically
 * ({@link io.github.focal4j.models.io.CheckpointFormat}) and one exception for every way a file can
 * be wrong ({@link io.github.focal4j.models.io.CheckpointException}).
 */
package io.github.focal4j.models.io;
