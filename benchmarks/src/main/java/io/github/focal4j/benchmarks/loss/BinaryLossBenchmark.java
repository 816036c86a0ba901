package io.github.focal4j.benchmarks.loss;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.BinaryLoss;
import io.github.focal4j.loss.Implementation;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Forward + backward of a binary loss over 10M logits (MEAN reduction), fused kernel vs composed
 * graph, the fused kernel once on its scalar path and once on its Vector API path ({@code
 * forwardBackwardVectorApi}, a fork with {@code --add-modules jdk.incubator.vector}). Compare with
 * {@code benchmarks/pytorch/loss_bench.py --kind binary} and {@link BandwidthBenchmark}. The forks
 * pre-touch their heap: on this VM the first touch of a page costs about a microsecond, which would
 * otherwise dominate (two 80 MB arrays per step) until the JVM has touched all of it once.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'loss.BinaryLossBenchmark.forwardBackward$' -p loss=focal
 * java -jar benchmarks/target/benchmarks.jar 'loss.BinaryLossBenchmark.forwardBackwardVectorApi' -p implementation=FUSED
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
public class BinaryLossBenchmark {

  @Param({"10000000"})
  int n;

  @Param({"ce", "focal", "soft", "hard", "flstar", "poly"})
  String loss;

  @Param({"FUSED", "COMPOSED"})
  Implementation implementation;

  private Tensor logits;
  private Tensor targets;
  private BinaryLoss fn;

  @Setup
  public void setup() {
    SplittableRandom rng = new SplittableRandom(42);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 3 * rng.nextGaussian();
      y[i] = rng.nextDouble() < 0.1 ? 1 : 0; // imbalanced, as the losses are meant for
    }
    logits = Tensor.of(x).requiresGrad(true);
    targets = Tensor.of(y);
    Losses.checkVectorPath(implementation);
    fn = Losses.binary(loss, implementation);
  }

  /**
   * In a JVM without the Vector API module: the fused kernels' scalar path (and the composed
   * graph).
   */
  @Benchmark
  public double forwardBackward() {
    return step();
  }

  /**
   * The same in a JVM started with {@code --add-modules jdk.incubator.vector}: the fused kernels'
   * vector path (run it with {@code -p implementation=FUSED}; the composed graph does not use it).
   */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {
        "-Xms6g",
        "-Xmx6g",
        "-XX:+AlwaysPreTouch",
        "--add-modules",
        "jdk.incubator.vector"
      })
  public double forwardBackwardVectorApi() {
    return step();
  }

  private double step() {
    logits.zeroGrad();
    Tensor l = fn.apply(logits, targets);
    l.backward();
    return l.item() + logits.gradBuffer()[0];
  }
}
