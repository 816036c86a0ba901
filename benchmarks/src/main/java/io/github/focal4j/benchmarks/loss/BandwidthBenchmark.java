package io.github.focal4j.benchmarks.loss;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory bandwidth on this machine, STREAM-style, over arrays of 10M doubles (80 MB each, far
 * beyond the caches): {@code copy} (c = a, 16 bytes per element as STREAM counts) and {@code triad}
 * (a = b + s·c, 24 bytes per element), on one thread and on {@code threads} threads in contiguous
 * chunks. GB/s = bytes per element × n / time. The fused loss kernels are placed against these
 * figures.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'loss.BandwidthBenchmark'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BandwidthBenchmark {

  @Param({"10000000"})
  int n;

  @Param({"1", "2"})
  int threads;

  private double[] a;
  private double[] b;
  private double[] c;

  @Setup
  public void setup() {
    a = new double[n];
    b = new double[n];
    c = new double[n];
    Arrays.fill(a, 1.0);
    Arrays.fill(b, 2.0);
    Arrays.fill(c, 0.5);
  }

  @Benchmark
  public double copy() {
    chunks((from, to) -> System.arraycopy(a, from, c, from, to - from));
    return c[n - 1];
  }

  @Benchmark
  public double triad() {
    double s = 3.0;
    chunks(
        (from, to) -> {
          double[] x = a;
          double[] y = b;
          double[] z = c;
          for (int i = from; i < to; i++) {
            x[i] = y[i] + s * z[i];
          }
        });
    return a[n - 1];
  }

  private interface Range {
    void run(int from, int to);
  }

  private void chunks(Range r) {
    if (threads == 1) {
      r.run(0, n);
      return;
    }
    int per = (n + threads - 1) / threads;
    IntStream.range(0, threads).parallel().forEach(t -> r.run(t * per, Math.min(n, (t + 1) * per)));
  }
}
