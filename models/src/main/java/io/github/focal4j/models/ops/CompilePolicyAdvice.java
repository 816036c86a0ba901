package io.github.focal4j.models.ops;

import io.github.focal4j.models.lanes.VectorSupport;
import org.slf4j.LoggerFactory;

/**
 * Logs {@link VectorSupport#compilePolicyAdvice()} once per JVM (INFO), from whichever Vector API
 * training kernel loads first ({@link RowKernels}, {@link FloatTraining}): this class's initializer
 * runs once.
 */
final class CompilePolicyAdvice {

  static {
    VectorSupport.compilePolicyAdvice()
        .ifPresent(
            a -> LoggerFactory.getLogger(CompilePolicyAdvice.class).info("LSTM products: {}", a));
  }

  private CompilePolicyAdvice() {}

  /** Logs the advice if this JVM needs it and it was not logged yet. */
  static void logOnce() {
    // the work is in the class initializer
  }
}
