package io.github.focal4j.benchmarks.autodiff;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.autodiff.kernels.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matmul forward + backward of n×n matrices: C = A·B, dA = G·Bᵀ, dB = Aᵀ·G, three GEMMs of 2n³
 * flops each, so GFLOP/s = 6n³ / time. All single-threaded, float64, in one JMH run:
 *
 * <ul>
 *   <li>{@code tensor}: {@code a.matmul(b).backward(g)} through the autodiff (Focal4J's Gemm plus
 *       allocation);
 *   <li>{@code focal4jGemm}: the three {@link Gemm} calls on preallocated row-major arrays;
 *   <li>{@code netlibDefault}: {@code BLAS.getInstance()} — native JNI BLAS when {@code
 *       libblas.so.3} loads (OpenBLAS here), else netlib's Java fallback;
 *   <li>{@code netlibJava}: {@code JavaBLAS.getInstance()} without JVM flags (its scalar Java
 *       path);
 *   <li>{@code *WithVectorModule}: the same in a JVM started with {@code --add-modules
 *       jdk.incubator.vector} (netlib's Java path becomes its Vector API kernel).
 * </ul>
 *
 * netlib is column-major; a row-major C = A·B is computed as the column-major Cᵀ = Bᵀ·Aᵀ, which
 * reads the same arrays with swapped operands, so no copies are made. Run: {@code java -jar
 * benchmarks/target/benchmarks.jar MatmulBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatmulBenchmark {

  @Param({"256", "1024"})
  public int n;

  private double[] a;
  private double[] b;
  private double[] g;
  private double[] c;
  private double[] da;
  private double[] db;
  private Tensor ta;
  private Tensor tb;
  private Tensor tg;
  private BLAS netlibDefault;
  private BLAS netlibJava;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(n);
    a = random(rng, n * n);
    b = random(rng, n * n);
    g = random(rng, n * n);
    c = new double[n * n];
    da = new double[n * n];
    db = new double[n * n];
    ta = Tensor.of(a, n, n).requiresGrad(true);
    tb = Tensor.of(b, n, n).requiresGrad(true);
    tg = Tensor.of(g, n, n);
    netlibDefault = BLAS.getInstance();
    netlibJava = JavaBLAS.getInstance();
    System.err.println(
        "netlib BLAS.getInstance(): "
            + netlibDefault.getClass().getName()
            + "; JavaBLAS.getInstance(): "
            + netlibJava.getClass().getName());
    // The three implementations must compute the same thing before their speeds mean anything.
    focal4jGemm();
    double[] expected = concat(c, da, db);
    for (BLAS blas : new BLAS[] {netlibDefault, netlibJava}) {
      netlib(blas);
      double[] actual = concat(c, da, db);
      for (int i = 0; i < expected.length; i++) {
        if (Math.abs(actual[i] - expected[i]) > 1e-9 * (1 + Math.abs(expected[i]))) {
          throw new IllegalStateException(
              blas.getClass().getName() + " disagrees with Gemm at " + i);
        }
      }
    }
  }

  private static double[] concat(double[]... xs) {
    double[] out = new double[xs.length * xs[0].length];
    for (int i = 0; i < xs.length; i++) {
      System.arraycopy(xs[i], 0, out, i * xs[0].length, xs[0].length);
    }
    return out;
  }

  private static double[] random(SplittableRandom rng, int len) {
    double[] x = new double[len];
    for (int i = 0; i < len; i++) {
      x[i] = rng.nextDouble(-1, 1);
    }
    return x;
  }

  @Benchmark
  public double tensor() {
    ta.zeroGrad();
    tb.zeroGrad();
    ta.matmul(tb).backward(tg);
    return ta.gradBuffer()[0] + tb.gradBuffer()[0];
  }

  @Benchmark
  public double focal4jGemm() {
    java.util.Arrays.fill(c, 0);
    java.util.Arrays.fill(da, 0);
    java.util.Arrays.fill(db, 0);
    Gemm.gemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n); // C = A·B
    Gemm.gemm(false, true, n, n, n, g, 0, n, b, 0, n, da, 0, n); // dA = G·Bᵀ
    Gemm.gemm(true, false, n, n, n, a, 0, n, g, 0, n, db, 0, n); // dB = Aᵀ·G
    return c[0] + da[0] + db[0];
  }

  private double netlib(BLAS blas) {
    // Row-major X is column-major Xᵀ. C = A·B  <=>  Cᵀ = Bᵀ·Aᵀ.
    blas.dgemm("N", "N", n, n, n, 1.0, b, n, a, n, 0.0, c, n);
    // dA = G·Bᵀ  <=>  dAᵀ = B·Gᵀ: B is stored as Bᵀ (col-major), so transpose it.
    blas.dgemm("T", "N", n, n, n, 1.0, b, n, g, n, 0.0, da, n);
    // dB = Aᵀ·G  <=>  dBᵀ = Gᵀ·A: A is stored as Aᵀ (col-major), so transpose it.
    blas.dgemm("N", "T", n, n, n, 1.0, g, n, a, n, 0.0, db, n);
    return c[0] + da[0] + db[0];
  }

  @Benchmark
  public double netlibDefault() {
    return netlib(netlibDefault);
  }

  @Benchmark
  public double netlibJava() {
    return netlib(netlibJava);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
  public double focal4jGemmWithVectorModule() {
    return focal4jGemm();
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
  public double netlibJavaWithVectorModule() {
    return netlib(netlibJava);
  }
}
