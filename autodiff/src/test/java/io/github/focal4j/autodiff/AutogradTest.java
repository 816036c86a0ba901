package io.github.focal4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AutogradTest {

  @Test
  void gradientOfATensorUsedTwiceAccumulates() {
    Tensor x = Tensor.of(3.0).requiresGrad(true);
    x.mul(x).sum().backward(); // d(x²)/dx = 2x
    assertArrayEquals(new double[] {6.0}, x.grad().toArray());
    Tensor y = Tensor.of(2.0, -1.0).requiresGrad(true);
    Tensor z = y.add(y).add(y.mul(y)).sum(); // 2y + y² -> 2 + 2y
    z.backward();
    assertArrayEquals(new double[] {6.0, 0.0}, y.grad().toArray());
  }

  @Test
  void leafGradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
    x.mul(3.0).sum().backward();
    x.mul(3.0).sum().backward();
    assertArrayEquals(new double[] {6.0, 6.0}, x.grad().toArray());
    x.zeroGrad();
    assertNull(x.grad());
  }

  @Test
  void diamondGraphVisitsEachNodeOnce() {
    Tensor x = Tensor.of(0.5).requiresGrad(true);
    Tensor s = x.sigmoid();
    Tensor out = s.mul(s).add(s).sum(); // s² + s
    out.backward();
    double sv = 1 / (1 + Math.exp(-0.5));
    assertEquals((2 * sv + 1) * sv * (1 - sv), x.grad().item(), 1e-15);
  }

  @Test
  void chainOfHundredThousandOpsDoesNotOverflowTheStack() {
    Tensor x = Tensor.scalar(1.0).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 100_000; i++) {
      y = y.mul(1.0).add(0.0);
    }
    y.backward();
    assertEquals(1.0, x.grad().item(), 0.0);
  }

  @Test
  void graphIsReleasedAfterBackwardAndASecondPassFailsClearly() {
    Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
    Tensor h = x.exp();
    WeakReference<Tensor> inner = new WeakReference<>(h);
    Tensor loss = h.sum();
    h = null;
    loss.backward();
    System.gc();
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("already been freed"), e.getMessage());
    // The intermediate is unreachable once the graph is released (best effort: GC may not run).
    for (int i = 0; i < 5 && inner.get() != null; i++) {
      System.gc();
    }
    assertNull(inner.get(), "intermediate tensor still reachable after backward");
  }

  @Test
  void noGradScopeRecordsNothing() {
    Tensor x = Tensor.of(1.0).requiresGrad(true);
    try (NoGrad ignored = NoGrad.enter()) {
      assertFalse(NoGrad.isGradEnabled());
      Tensor y = x.mul(2.0);
      assertFalse(y.requiresGrad());
      assertTrue(y.isLeaf());
    }
    assertTrue(NoGrad.isGradEnabled());
    assertTrue(x.mul(2.0).requiresGrad());
  }

  @Test
  void backwardOnNonScalarNeedsAGradient() {
    Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> x.exp().backward());
    assertTrue(e.getMessage().contains("[2]"), e.getMessage());
    x.exp().backward(Tensor.of(1.0, 0.0));
    assertArrayEquals(new double[] {Math.E, 0.0}, x.grad().toArray(), 1e-15);
  }

  @Test
  void backwardWithoutGradFailsClearly() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Tensor.of(1.0).exp().sum().backward());
    assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
  }

  @Test
  void detachStopsGradients() {
    Tensor x = Tensor.of(2.0).requiresGrad(true);
    Tensor y = x.mul(x.detach()).sum(); // d/dx = detached x = 2
    y.backward();
    assertEquals(2.0, x.grad().item(), 0.0);
  }

  @Test
  void gradReturnsWithoutTouchingLeavesAndIsSafeAcrossThreads() throws Exception {
    Tensor w = Tensor.randn(new SplittableRandom(1), 8, 8).requiresGrad(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<List<Tensor>> a = pool.submit(() -> work(w));
      Future<List<Tensor>> b = pool.submit(() -> work(w));
      List<Tensor> ga = a.get();
      List<Tensor> gb = b.get();
      assertArrayEquals(ga.get(0).toArray(), gb.get(0).toArray(), 0.0);
      assertArrayEquals(work(w).get(0).toArray(), ga.get(0).toArray(), 0.0);
    } finally {
      pool.shutdown();
    }
    assertNull(w.grad());
  }

  private static List<Tensor> work(Tensor w) {
    List<Tensor> last = null;
    for (int i = 0; i < 200; i++) {
      Tensor x = Tensor.ones(4, 8);
      Tensor loss = x.matmul(w).tanh().matmul(w).sigmoid().sum();
      last = Autograd.grad(loss, List.of(w));
    }
    return last;
  }

  @Test
  void gradOfUnreachedInputIsZero() {
    Tensor x = Tensor.of(1.0).requiresGrad(true);
    Tensor unused = Tensor.of(5.0, 6.0).requiresGrad(true);
    List<Tensor> g = Autograd.grad(x.mul(4.0).sum(), List.of(x, unused));
    assertEquals(4.0, g.get(0).item(), 0.0);
    assertArrayEquals(new double[] {0.0, 0.0}, g.get(1).toArray(), 0.0);
  }

  @Test
  void gradOfAnIntermediateTensor() {
    Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
    Tensor h = x.mul(3.0);
    List<Tensor> g = Autograd.grad(h.mul(h).sum(), List.of(h, x));
    assertArrayEquals(new double[] {6.0, 12.0}, g.get(0).toArray(), 0.0);
    assertArrayEquals(new double[] {18.0, 36.0}, g.get(1).toArray(), 0.0);
  }

  @Test
  void requiresGradCannotBeSetOnAnOpOutput() {
    Tensor y = Tensor.of(1.0).requiresGrad(true).exp();
    assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
  }

  @Test
  void factoriesCopyTheirInput() {
    double[] v = {1, 2, 3};
    Tensor t = Tensor.of(v, 3);
    v[0] = 99;
    assertEquals(1.0, t.get(0), 0.0);
    double[] out = t.toArray();
    out[1] = 99;
    assertEquals(2.0, t.get(1), 0.0);
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[] {1, 2}, 3));
    assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1, 1, 1, 1, 1));
  }
}
