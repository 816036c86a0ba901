package io.github.focal4j.loss;

/** How a loss is computed. Both give the same values and gradients (tests hold them to 1e-12). */
public enum Implementation {
  /**
   * One pass over the logits computing the loss and its gradient together, registered as a single
   * autodiff op whose backward only scales the saved gradient. The default: fast and light on
   * memory. It runs on the Vector API when the JVM has the module ({@code --add-modules
   * jdk.incubator.vector}; see {@link #vectorized()}), faster (loss-core's README has the figures),
   * and on scalar code otherwise; no other setting is needed.
   */
  FUSED,
  /**
   * The loss built from autodiff primitives exactly as its formula reads (see each loss's {@code
   * composed} methods): the reference, and the code to read to learn what a loss does. Slower, and
   * holds every intermediate until backward.
   */
  COMPOSED;

  /**
   * Whether {@link #FUSED} kernels run on the Vector API in this JVM: true when it was started with
   * {@code --add-modules jdk.incubator.vector} on hardware with vectors of at least 4 doubles
   * (AVX2, AVX-512). Both paths give the same values to 1e-12, each bit-identical from run to run
   * and across thread counts.
   */
  public static boolean vectorized() {
    return Simd.ENABLED;
  }
}
