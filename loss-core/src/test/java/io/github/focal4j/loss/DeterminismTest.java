package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.focal4j.autodiff.Autograd;
import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.Chunks;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fused kernels give the same bits whatever the number of threads and however often they run:
 * the chunk boundaries depend on the size only, partial sums are added in chunk order, and the
 * vector path uses no operation whose result depends on the JIT (its own exp and log, lane sums in
 * lane order). The repeated runs start in the interpreter and end in C2-compiled code, so they also
 * cover the switch between the two.
 */
class DeterminismTest {

  /** The loss value and the logits' gradient, as raw bits. */
  private record Bits(long[] value, long[] grad) {}

  private static Bits run(Function<Tensor, Tensor> loss, double[] x, int[] shape, int threads) {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(
              () -> {
                Tensor t = Tensor.of(x, shape).requiresGrad(true);
                Tensor out = loss.apply(t);
                double[] g = Autograd.grad(out, List.of(t)).get(0).toArray();
                return new Bits(bits(out.toArray()), bits(g));
              })
          .join();
    } finally {
      pool.shutdown();
    }
  }

  private static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }

  private static void sameBits(
      String what, Function<Tensor, Tensor> loss, double[] x, int... shape) {
    Bits reference = run(loss, x, shape, 1);
    for (int threads : new int[] {2, 3, 4}) {
      Bits b = run(loss, x, shape, threads);
      assertArrayEquals(reference.value, b.value, what + ": value with " + threads + " threads");
      assertArrayEquals(reference.grad, b.grad, what + ": gradient with " + threads + " threads");
    }
    for (int rep = 0; rep < 60; rep++) {
      Bits b = run(loss, x, shape, 2);
      assertEquals(reference.value[0], b.value[0], what + ": value on run " + rep);
      assertArrayEquals(reference.grad, b.grad, what + ": gradient on run " + rep);
    }
  }

  @Test
  void binary() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 3 * Chunks.GRAIN + 333;
    double[] x = Catalog.logits(rng, n, true);
    Tensor y = Tensor.of(Catalog.binaryTargets(rng, n), n);
    sameBits("ce", t -> CrossEntropyLoss.binary().build().apply(t, y), x, n);
    sameBits(
        "focal γ=0.5", t -> FocalLoss.binary().gamma(0.5).alpha(0.25).build().apply(t, y), x, n);
    sameBits("soft K=2.5", t -> SoftenedLoss.binary().k(2.5).build().apply(t, y), x, n);
    sameBits(
        "focal smoothing", t -> FocalLoss.binary().labelSmoothing(0.1).build().apply(t, y), x, n);
    sameBits(
        "dsc α=0.5",
        t -> DiceLoss.binary().selfAdjustingAlpha(0.5).alpha(0.25).build().apply(t, y),
        x,
        n);
    sameBits(
        "tversky",
        t ->
            TverskyLoss.binary()
                .falsePositiveWeight(0.3)
                .falseNegativeWeight(0.7)
                .build()
                .apply(t, y),
        x,
        n);
  }

  @Test
  void multiClass() {
    SplittableRandom rng = new SplittableRandom(12);
    int classes = 9;
    int rows = 3 * (Chunks.GRAIN / classes) + 45;
    double[] x = Catalog.logits(rng, rows * classes, true);
    IntTensor t = IntTensor.of(Catalog.classTargets(rng, rows, classes, true), rows);
    sameBits("ce", v -> CrossEntropyLoss.multiClass().build().apply(v, t), x, rows, classes);
    sameBits("focal", v -> FocalLoss.multiClass().build().apply(v, t), x, rows, classes);
    sameBits(
        "soft",
        v ->
            SoftenedLoss.multiClass()
                .k(2)
                .weight(SoftenedLoss.MultiClassWeight.SOFTMAX)
                .build()
                .apply(v, t),
        x,
        rows,
        classes);
    sameBits(
        "ce smoothing",
        v -> CrossEntropyLoss.multiClass().labelSmoothing(0.1).build().apply(v, t),
        x,
        rows,
        classes);
    sameBits(
        "dsc",
        v -> DiceLoss.multiClass().selfAdjustingAlpha(0.5).build().apply(v, t),
        x,
        rows,
        classes);
    sameBits(
        "mom focal",
        v ->
            MomLoss.multiClass()
                .base(FocalLoss.multiClass().build())
                .majorityClass(0)
                .build()
                .apply(v, t),
        x,
        rows,
        classes);
  }
}
