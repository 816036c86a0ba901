package io.github.focal4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A training-like loop must not leak graphs: after each backward pass every intermediate tensor is
 * garbage, even while the user keeps every loss tensor (the classic PyTorch leak of accumulating
 * {@code loss} instead of {@code loss.item()} cannot happen here, because backward releases the
 * graph).
 */
class GraphMemoryTest {

  private static final int ITERATIONS = 2_000;

  /** A 8-16-1 tanh MLP regressing a fixed random target, trained by SGD. */
  private static final class Mlp {
    final SplittableRandom rng = new SplittableRandom(11);
    final Tensor x = Tensor.randn(rng, 32, 8);
    final Tensor y = Tensor.randn(rng, 32, 1);
    final Tensor w1 = Tensor.randn(rng, 8, 16).mul(0.3).detach().requiresGrad(true);
    final Tensor b1 = Tensor.zeros(16).requiresGrad(true);
    final Tensor w2 = Tensor.randn(rng, 16, 1).mul(0.3).detach().requiresGrad(true);
    final Tensor b2 = Tensor.zeros(1).requiresGrad(true);
    final List<Tensor> params = List.of(w1, b1, w2, b2);

    Tensor hidden() {
      return x.matmul(w1).add(b1).tanh();
    }

    Tensor loss(Tensor h) {
      return h.matmul(w2).add(b2).sub(y).pow(2.0).mean();
    }

    void step(List<Tensor> grads, double lr) {
      for (int p = 0; p < params.size(); p++) {
        double[] w = params.get(p).buffer();
        double[] g = grads == null ? params.get(p).gradBuffer() : grads.get(p).buffer();
        for (int i = 0; i < w.length; i++) {
          w[i] -= lr * g[i];
        }
        params.get(p).zeroGrad();
      }
    }
  }

  @Test
  void everyIntermediateIsCollectableWhileAllLossesAreKept() {
    Mlp mlp = new Mlp();
    List<Tensor> losses = new ArrayList<>(); // kept on purpose
    List<WeakReference<Tensor>> intermediates = new ArrayList<>();
    long usedEarly = 0;
    for (int it = 0; it < ITERATIONS; it++) {
      Tensor h = mlp.hidden();
      Tensor loss = mlp.loss(h);
      if (it % 20 == 0) {
        intermediates.add(new WeakReference<>(h));
      }
      losses.add(loss);
      loss.backward();
      mlp.step(null, 0.05);
      if (it == 200) {
        usedEarly = usedHeapAfterGc();
      }
    }
    long usedLate = usedHeapAfterGc();
    assertTrue(
        losses.get(ITERATIONS - 1).item() < 0.5 * losses.get(0).item(),
        "the loop trains: " + losses.get(0).item() + " -> " + losses.get(ITERATIONS - 1).item());
    assertEquals(
        0, alive(intermediates), "intermediate tensors still reachable after their backward pass");
    // A leak would hold ~15 KB of activations per iteration (~27 MB over the last 1,800); released
    // graphs
    // leave each kept loss at a few dozen bytes.
    long growth = usedLate - usedEarly;
    assertTrue(
        growth < 8L << 20,
        "heap grew by " + (growth >> 10) + " KiB over " + (ITERATIONS - 200) + " iterations");
  }

  @Test
  void autogradGradReleasesTheGraphToo() {
    Mlp mlp = new Mlp();
    List<WeakReference<Tensor>> intermediates = new ArrayList<>();
    for (int it = 0; it < ITERATIONS; it++) {
      Tensor h = mlp.hidden();
      if (it % 20 == 0) {
        intermediates.add(new WeakReference<>(h));
      }
      mlp.step(Autograd.grad(mlp.loss(h), mlp.params), 0.05);
    }
    usedHeapAfterGc();
    assertEquals(0, alive(intermediates));
  }

  @Test
  void aGraphThatIsNeverBackpropagatedIsCollectedWithItsOutput() {
    Mlp mlp = new Mlp();
    List<WeakReference<Tensor>> intermediates = new ArrayList<>();
    for (int it = 0; it < 200; it++) {
      Tensor h = mlp.hidden();
      intermediates.add(new WeakReference<>(h));
      mlp.loss(h); // evaluated, never differentiated, dropped
    }
    usedHeapAfterGc();
    assertEquals(0, alive(intermediates));
  }

  private static int alive(List<WeakReference<Tensor>> refs) {
    int n = 0;
    for (WeakReference<Tensor> r : refs) {
      if (r.get() != null) {
        n++;
      }
    }
    return n;
  }

  /**
   * Used heap after collection; System.gc() is a request, so it is repeated until the figure
   * settles.
   */
  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long used = rt.totalMemory() - rt.freeMemory();
      if (used >= previous - (64 << 10)) {
        return used;
      }
      previous = used;
    }
    return previous;
  }
}
