package io.github.focal4j.loss;

import io.github.focal4j.loss.engine.MarginLanes;

/**
 * A {@link MarginFunction} with a vector form: the fused kernels' vector path asks it for a fresh
 * {@link MarginLanes} (one per chunk: it holds work arrays). Every built-in margin function extends
 * this; a function of your own implements {@link MarginFunction} and runs the scalar kernels. A new
 * built-in needs no registration: it extends this class and returns its {@code ...Lanes} from the
 * engine package.
 */
abstract class BuiltInMargin implements MarginFunction {

  BuiltInMargin() {}

  /** A new vector form of this function. Call only when {@link Simd#ENABLED}. */
  abstract MarginLanes lanes();
}
