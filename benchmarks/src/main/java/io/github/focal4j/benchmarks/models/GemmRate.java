package io.github.focal4j.benchmarks.models;

import io.github.focal4j.autodiff.kernels.Gemm;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The single-thread f64 rate of autodiff's {@link Gemm} at 256³ and at the reference model's LSTM
 * shapes (230 tokens per shard: the input projection, and the weight gradient with a transposed A),
 * the denominator of the "fraction of the machine's limit" in the models README.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.focal4j.benchmarks.models.GemmRate</pre>
 */
public final class GemmRate {

  public static void main(String[] args) {
    rate("256x256x256", false, false, 256, 256, 256);
    rate("projection 230x400x130 (x·W_ihT)", false, true, 230, 400, 130);
    rate("weight grad 400x130x230 (dAT·x)", true, false, 400, 130, 230);
  }

  private static void rate(String name, boolean ta, boolean tb, int m, int n, int k) {
    SplittableRandom rng = new SplittableRandom(1);
    double[] a = rng.doubles((long) m * k).toArray();
    double[] b = rng.doubles((long) k * n).toArray();
    double[] c = new double[m * n];
    int lda = ta ? m : k;
    int ldb = tb ? k : n;
    double best = 0;
    for (int round = 0; round < 7; round++) {
      int reps = 0;
      long t0 = System.nanoTime();
      long t;
      do {
        Gemm.gemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n);
        reps++;
        t = System.nanoTime() - t0;
      } while (t < 300_000_000L);
      best = Math.max(best, 2.0 * m * n * k * reps / (t * 1e-9) / 1e9);
    }
    System.out.printf(Locale.ROOT, "gemm %s: %.1f GFLOP/s (best of 7)%n", name, best);
  }
}
