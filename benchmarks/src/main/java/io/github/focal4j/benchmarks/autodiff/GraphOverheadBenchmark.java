package io.github.focal4j.benchmarks.autodiff;

import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Tensor;
import java.util.concurrent.TimeUnit;
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
 * Per-op cost of the autodiff graph: a chain of {@value #OPS} scalar (0-D) ops, alternately {@code
 * mul} and {@code add}. JMH divides by {@value #OPS}, so the score is nanoseconds per op.
 *
 * <ul>
 *   <li>{@code noGrad}: the ops alone, no graph recorded (inside a NoGrad scope);
 *   <li>{@code forward}: the ops recording a graph, never differentiated;
 *   <li>{@code forwardBackward}: recording, then one backward pass over the chain — the training
 *       cost;
 *   <li>{@code forwardBackwardMixed}: the same with a mix of functions (tanh, sigmoid, exp, log1p,
 *       mul, add).
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar GraphOverhead -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GraphOverheadBenchmark {

  static final int OPS = 1000;

  private final Tensor x0 = Tensor.scalar(0.5).requiresGrad(true);

  private Tensor chain() {
    Tensor y = x0;
    for (int i = 0; i < OPS / 2; i++) {
      y = y.mul(1.0001).add(1e-4);
    }
    return y;
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public double noGrad() {
    try (NoGrad ignored = NoGrad.enter()) {
      return chain().item();
    }
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public double forward() {
    return chain().item();
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public double forwardBackward() {
    x0.zeroGrad();
    chain().backward();
    return x0.gradBuffer()[0];
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public double forwardBackwardMixed() {
    x0.zeroGrad();
    Tensor y = x0;
    for (int i = 0; i < OPS / 5; i++) {
      y = y.tanh().sigmoid().mul(2.0).exp().log1p();
    }
    y.backward();
    return x0.gradBuffer()[0];
  }
}
