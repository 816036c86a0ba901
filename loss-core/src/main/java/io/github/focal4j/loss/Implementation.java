package io.github.focal4j.loss;

/** How a loss is computed. Both give the same values and gradients (tests hold them to 1e-12). */
public enum Implementation {
  /**
   * One pass over the logits computing the loss and its gradient together, registered as a single autodiff
   * op whose backward only scales the saved gradient. The default: fast and light on memory.
   */
  FUSED,
  /**
   * The loss built from autodiff primitives exactly as its formula reads (see each loss's {@code composed}
   * methods): the reference, and the code to read to learn what a loss does. Slower, and holds every
   * intermediate until backward.
   */
  COMPOSED
}
