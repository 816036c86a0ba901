package io.github.focal4j.models.ops;

import io.github.focal4j.models.lanes.FloatLanes;

/**
 * What float32 training's ops ({@link LstmFloat32}, {@link CharConvFloat32}) need once per JVM
 * before their first call, run by this class's initializer: the compile-policy advice, and {@link
 * FloatLanes#warmUp} — from here, not from FloatLanes' own initializer (see {@code
 * DoubleLanes.warmUp}), and once for both ops.
 */
final class FloatTraining {

  static {
    CompilePolicyAdvice.logOnce();
    FloatLanes.warmUp(3000);
  }

  private FloatTraining() {}

  /** Returns once the kernels are warm; the first call does the work. */
  static void ready() {
    // the work is in the class initializer
  }
}
