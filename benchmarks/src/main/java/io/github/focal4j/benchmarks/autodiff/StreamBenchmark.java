package io.github.focal4j.benchmarks.autodiff;

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
 * STREAM-like bandwidth of one core on double arrays, in the loop shapes C2 auto-vectorises: {@code
 * copy} (a[i] = b[i], 16 bytes per element moved) and {@code triad} (a[i] = b[i] + s·c[i], 24
 * bytes). Sizes: 4,096 elements per array (32 KiB: L1/L2), 131,072 (1 MiB: L2/L3) and 8,388,608 (64
 * MiB: beyond the 32 MiB L3, main memory). The score is microseconds per pass; bandwidth GB/s =
 * bytes per element × n / time. Run: {@code java -jar benchmarks/target/benchmarks.jar
 * StreamBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class StreamBenchmark {

  @Param({"4096", "131072", "8388608"})
  public int n;

  public double s = 3.0;
  private double[] a;
  private double[] b;
  private double[] c;

  @Setup(Level.Trial)
  public void setUp() {
    a = new double[n];
    b = new double[n];
    c = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = i;
      c[i] = 0.5 * i;
    }
  }

  @Benchmark
  public double copy() {
    double[] a = this.a;
    double[] b = this.b;
    for (int i = 0; i < a.length; i++) {
      a[i] = b[i];
    }
    return a[a.length - 1];
  }

  @Benchmark
  public double triad() {
    double[] a = this.a;
    double[] b = this.b;
    double[] c = this.c;
    double s = this.s;
    for (int i = 0; i < a.length; i++) {
      a[i] = b[i] + s * c[i];
    }
    return a[a.length - 1];
  }
}
