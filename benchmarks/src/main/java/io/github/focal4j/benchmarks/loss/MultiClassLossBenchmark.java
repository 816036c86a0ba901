package io.github.focal4j.benchmarks.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.Implementation;
import io.github.focal4j.loss.MultiClassLoss;
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
 * Forward + backward of a multi-class loss over 1M rows of 9 classes (the CoNLL tag count), MEAN
 * reduction, fused kernel vs composed graph, the fused kernel once on its scalar path and once on
 * its Vector API path ({@code forwardBackwardVectorApi}, a fork with {@code --add-modules
 * jdk.incubator.vector}). Compare with {@code benchmarks/pytorch/loss_bench.py --kind multi}. Heap
 * pre-touched as in {@link BinaryLossBenchmark}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'loss.MultiClassLossBenchmark.forwardBackward$' -p loss=focal
 * java -jar benchmarks/target/benchmarks.jar 'loss.MultiClassLossBenchmark.forwardBackwardVectorApi' -p implementation=FUSED
 * </pre>
 *
 * <p>Add {@code -prof gc} after a change to the vector kernels: {@code gc.alloc.rate.norm} should
 * be about the logits' gradient alone (≈ 79 MB per op). Far more (330 MB was seen on AVX2) means C2
 * is boxing a vector — a Vector API call it does not compile on this CPU, or a vector or mask kept
 * live where it cannot stay in a register — and the vector path is then slower than the scalar one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
public class MultiClassLossBenchmark {

  @Param({"1000000"})
  int rows;

  @Param({"9"})
  int classes;

  @Param({"ce", "focal", "soft", "hard", "flstar", "poly"})
  String loss;

  @Param({"FUSED", "COMPOSED"})
  Implementation implementation;

  private Tensor logits;
  private IntTensor targets;
  private MultiClassLoss fn;

  @Setup
  public void setup() {
    SplittableRandom rng = new SplittableRandom(42);
    double[] x = new double[rows * classes];
    int[] t = new int[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = 3 * rng.nextGaussian();
    }
    for (int i = 0; i < rows; i++) {
      t[i] = rng.nextDouble() < 0.8 ? 0 : 1 + rng.nextInt(classes - 1); // mostly the 'O' class
    }
    logits = Tensor.of(x, rows, classes).requiresGrad(true);
    targets = IntTensor.of(t, rows);
    Losses.checkVectorPath(implementation);
    fn = Losses.multiClass(loss, implementation);
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
