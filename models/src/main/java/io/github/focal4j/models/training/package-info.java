/**
 * The training loop ({@link io.github.focal4j.models.training.Trainer}) and its parts: optimizers,
 * schedules, clipping, listeners, dev evaluation, checkpoint and resume, the divergence guard.
 */
package io.github.focal4j.models.training;
