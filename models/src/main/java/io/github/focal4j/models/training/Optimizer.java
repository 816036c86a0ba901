package io.github.focal4j.models.training;

import io.github.focal4j.models.io.CheckpointException;
import io.github.focal4j.models.io.SectionReader;
import io.github.focal4j.models.io.SectionWriter;

/**
 * Updates parameters in place from their gradients. A step is {@link #beginStep()} followed by
 * {@link #update} calls that together cover every element of every parameter exactly once; updates
 * are element-wise, so disjoint ranges may run on different threads and the result does not depend
 * on how the ranges were split.
 */
public interface Optimizer {

  /** Starts step {@code steps() + 1} (bias corrections and momentum warm-up count from here). */
  void beginStep();

  /**
   * Updates elements {@code [from, to)} of parameter {@code index} (in the order the optimizer was
   * built with).
   *
   * @param grad the parameter's full gradient
   * @param learningRate this step's rate
   */
  void update(int index, double[] grad, int from, int to, double learningRate);

  /** Steps begun so far. */
  long steps();

  /** Writes the state (step count, moment buffers) for a checkpoint. */
  void save(SectionWriter out);

  /** Restores the state written by {@link #save}; the parameters must have the same shapes. */
  void load(SectionReader in) throws CheckpointException;
}
