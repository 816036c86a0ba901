package io.github.focal4j.loss.engine;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Gradient arrays of the fused kernels, reused from call to call. A fused loss computes
 * d(loss)/d(logits) in its forward pass into an array that only its own backward reads; once that
 * backward has added it into the logits' gradient, the array goes back here and the next call of
 * the same size takes it instead of a new one. That saves the JVM's zeroing of a fresh array (the
 * kernels write every element) and, on a heap not yet touched, the page faults of new memory (what
 * that is worth: loss-core's README).
 *
 * <p>At most {@link #CAPACITY} arrays are kept, through soft references (the collector may take
 * them back under memory pressure). An array that is never handed back — a forward pass whose
 * backward never runs — is simply garbage. Thread-safe.
 */
public final class GradientPool {

  public static final int CAPACITY = 4;

  private static final ArrayDeque<SoftReference<double[]>> FREE = new ArrayDeque<>();

  private GradientPool() {}

  /** An array of exactly n doubles with arbitrary contents: a pooled one, or a new one. */
  public static double[] take(int n) {
    synchronized (FREE) {
      for (Iterator<SoftReference<double[]>> it = FREE.iterator(); it.hasNext(); ) {
        double[] a = it.next().get();
        if (a == null) {
          it.remove();
        } else if (a.length == n) {
          it.remove();
          return a;
        }
      }
    }
    return new double[n];
  }

  /** Hands an array back; the caller must not use it afterwards. */
  public static void give(double[] a) {
    synchronized (FREE) {
      if (FREE.size() == CAPACITY) {
        FREE.removeFirst();
      }
      FREE.addLast(new SoftReference<>(a));
    }
  }
}
