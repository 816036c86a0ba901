package io.github.focal4j.benchmarks.models;

import io.github.focal4j.autodiff.kernels.Gemm;
import io.github.focal4j.models.lanes.DoubleLanes;
import io.github.focal4j.models.lanes.FloatLanes;
import io.github.focal4j.models.lanes.VectorSupport;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The single-thread f64 rate of autodiff's {@link Gemm} at 256³ and at the reference model's LSTM
 * shapes (230 tokens per shard: the input projection, and the weight gradient with a transposed A),
 * and of {@link DoubleLanes#mulAdd} — what {@code LstmSequence} runs its products on when the JVM
 * has the Vector API — at the reference and {@code conll} models' shapes: the denominators of the
 * "fraction of the machine's limit" in the models README; and of {@link FloatLanes}' products at
 * float32 tagging's shapes.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar io.github.focal4j.benchmarks.models.GemmRate
 * </pre>
 */
public final class GemmRate {

  public static void main(String[] args) {
    rate("256x256x256", false, false, 256, 256, 256);
    rate("projection 230x400x130 (x·W_ihT)", false, true, 230, 400, 130);
    rate("weight grad 400x130x230 (dAT·x)", true, false, 400, 130, 230);
    if (VectorSupport.UNAVAILABLE.isPresent()) {
      System.out.println("no DoubleLanes rates: " + VectorSupport.UNAVAILABLE.get());
      return;
    }
    DoubleLanes.warmUp(3000); // as training's RowKernels does before its first product
    // rows × n × k of LstmSequence's products: reference (16 sentences and 230 tokens per shard,
    // H 100, D 130), conll (8 sentences and 116 tokens per shard, H 200, D 158)
    lanes("reference recurrent 16x400x100 (h·W_hhT)", 16, 400, 100);
    lanes("reference projection 230x400x130 (x·W_ihT)", 230, 400, 130);
    lanes("reference weight grad 400x130x230 (dAT·x)", 400, 130, 230);
    lanes("conll recurrent 8x800x200 (h·W_hhT)", 8, 800, 200);
    lanes("conll recurrent grad 8x200x800 (dA·W_hh)", 8, 200, 800);
    lanes("conll projection 116x800x158 (x·W_ihT)", 116, 800, 158);
    lanes("conll weight grad 800x158x116 (dAT·x)", 800, 158, 116);
    FloatLanes.warmUp(6000); // as FloatTagger does before its first batch
    // FloatTagger's products on the conll models: H 200 (gate columns padded to 832 per direction),
    // batches of 64 sentences (about 900 tokens), 50 char filters into both directions' 1,664
    // columns
    floatLanes("conll tagging recurrent 64x832x200 (h·W_hhT)", 64, 832, 200);
    floatLanes("conll tagging char projection 896x1664x50", 896, 1664, 50);
  }

  /** f32 {@link FloatLanes#mulAdd} and {@link FloatLanes#mulAddPanels} (what tagging runs). */
  private static void floatLanes(String name, int m, int n, int k) {
    SplittableRandom rng = new SplittableRandom(1);
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rng.nextDouble();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rng.nextDouble();
    }
    float[] c = new float[m * n];
    float[] panels = FloatLanes.panels(b, k, n);
    report(
        "FloatLanes mulAdd " + name,
        m,
        n,
        k,
        () -> FloatLanes.mulAdd(m, n, k, a, 0, k, b, c, 0, n));
    report(
        "FloatLanes mulAddPanels " + name,
        m,
        n,
        k,
        () -> FloatLanes.mulAddPanels(m, n, k, a, 0, k, panels, c, 0, n));
  }

  private static void rate(String name, boolean ta, boolean tb, int m, int n, int k) {
    SplittableRandom rng = new SplittableRandom(1);
    double[] a = rng.doubles((long) m * k).toArray();
    double[] b = rng.doubles((long) k * n).toArray();
    double[] c = new double[m * n];
    int lda = ta ? m : k;
    int ldb = tb ? k : n;
    report(
        "gemm " + name, m, n, k, () -> Gemm.gemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n));
  }

  private static void lanes(String name, int rows, int n, int k) {
    SplittableRandom rng = new SplittableRandom(1);
    double[][] a = new double[rows][];
    double[][] b = new double[k][];
    double[][] c = new double[rows][n];
    for (int r = 0; r < rows; r++) {
      a[r] = rng.doubles(k).toArray();
    }
    for (int p = 0; p < k; p++) {
      b[p] = rng.doubles(n).toArray();
    }
    report("DoubleLanes " + name, rows, n, k, () -> DoubleLanes.mulAdd(rows, n, k, a, b, c));
  }

  /** Prints the best of 7 rounds of {@code product} (an m × n × k product) repeated for 0.3 s. */
  private static void report(String name, int m, int n, int k, Runnable product) {
    double best = 0;
    for (int round = 0; round < 7; round++) {
      int reps = 0;
      long t0 = System.nanoTime();
      long t;
      do {
        product.run();
        reps++;
        t = System.nanoTime() - t0;
      } while (t < 300_000_000L);
      best = Math.max(best, 2.0 * m * n * k * reps / (t * 1e-9) / 1e9);
    }
    System.out.printf(Locale.ROOT, "%s: %.1f GFLOP/s (best of 7)%n", name, best);
  }
}
