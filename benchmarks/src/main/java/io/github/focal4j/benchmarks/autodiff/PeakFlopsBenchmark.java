package io.github.focal4j.benchmarks.autodiff;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's float64 peak on one core: independent fused multiply-adds kept in registers,
 * nothing loaded or stored. Eight accumulators cover the FMA latency (4 cycles) on two pipes. The
 * score is flops per microsecond: GFLOP/s = score / 1,000.
 *
 * <ul>
 *   <li>{@code vector256} / {@code vector512}: {@code DoubleVector} FMAs of 4 and 8 lanes (the
 *       Vector API; the fork adds {@code --add-modules jdk.incubator.vector});
 *   <li>{@code scalar}: {@code Math.fma} on doubles, the ceiling of code that does not vectorise.
 * </ul>
 *
 * Each species is a constant in its own method: C2 intrinsifies vectors only when it can see the
 * species. Run: {@code java -jar benchmarks/target/benchmarks.jar PeakFlopsBenchmark -f 1 -wi 5 -i
 * 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class PeakFlopsBenchmark {

  static final int STEPS = 1_000;
  static final int ACC = 8;

  private static final VectorSpecies<Double> S256 = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Double> S512 = DoubleVector.SPECIES_512;

  public double x = 0.999_999;
  public double y = 1e-7;

  @Benchmark
  @OperationsPerInvocation(STEPS * ACC * 4 * 2)
  public double vector256() {
    DoubleVector vx = DoubleVector.broadcast(S256, x);
    DoubleVector vy = DoubleVector.broadcast(S256, y);
    DoubleVector a0 = DoubleVector.broadcast(S256, 1.0);
    DoubleVector a1 = a0.add(vy);
    DoubleVector a2 = a1.add(vy);
    DoubleVector a3 = a2.add(vy);
    DoubleVector a4 = a3.add(vy);
    DoubleVector a5 = a4.add(vy);
    DoubleVector a6 = a5.add(vy);
    DoubleVector a7 = a6.add(vy);
    for (int i = 0; i < STEPS; i++) {
      a0 = a0.fma(vx, vy);
      a1 = a1.fma(vx, vy);
      a2 = a2.fma(vx, vy);
      a3 = a3.fma(vx, vy);
      a4 = a4.fma(vx, vy);
      a5 = a5.fma(vx, vy);
      a6 = a6.fma(vx, vy);
      a7 = a7.fma(vx, vy);
    }
    return a0.add(a1)
        .add(a2)
        .add(a3)
        .add(a4)
        .add(a5)
        .add(a6)
        .add(a7)
        .reduceLanes(VectorOperators.ADD);
  }

  @Benchmark
  @OperationsPerInvocation(STEPS * ACC * 8 * 2)
  public double vector512() {
    DoubleVector vx = DoubleVector.broadcast(S512, x);
    DoubleVector vy = DoubleVector.broadcast(S512, y);
    DoubleVector a0 = DoubleVector.broadcast(S512, 1.0);
    DoubleVector a1 = a0.add(vy);
    DoubleVector a2 = a1.add(vy);
    DoubleVector a3 = a2.add(vy);
    DoubleVector a4 = a3.add(vy);
    DoubleVector a5 = a4.add(vy);
    DoubleVector a6 = a5.add(vy);
    DoubleVector a7 = a6.add(vy);
    for (int i = 0; i < STEPS; i++) {
      a0 = a0.fma(vx, vy);
      a1 = a1.fma(vx, vy);
      a2 = a2.fma(vx, vy);
      a3 = a3.fma(vx, vy);
      a4 = a4.fma(vx, vy);
      a5 = a5.fma(vx, vy);
      a6 = a6.fma(vx, vy);
      a7 = a7.fma(vx, vy);
    }
    return a0.add(a1)
        .add(a2)
        .add(a3)
        .add(a4)
        .add(a5)
        .add(a6)
        .add(a7)
        .reduceLanes(VectorOperators.ADD);
  }

  @Benchmark
  @OperationsPerInvocation(STEPS * ACC * 2)
  public double scalar() {
    double a0 = 1.0;
    double a1 = a0 + y;
    double a2 = a1 + y;
    double a3 = a2 + y;
    double a4 = a3 + y;
    double a5 = a4 + y;
    double a6 = a5 + y;
    double a7 = a6 + y;
    for (int i = 0; i < STEPS; i++) {
      a0 = Math.fma(a0, x, y);
      a1 = Math.fma(a1, x, y);
      a2 = Math.fma(a2, x, y);
      a3 = Math.fma(a3, x, y);
      a4 = Math.fma(a4, x, y);
      a5 = Math.fma(a5, x, y);
      a6 = Math.fma(a6, x, y);
      a7 = Math.fma(a7, x, y);
    }
    return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
  }
}
