package io.github.focal4j.loss;

import static io.github.focal4j.loss.Compare.close;
import static io.github.focal4j.loss.Compare.evaluate;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.Chunks;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused kernel of every loss and option equals its composed reference to 1e-12 (relative to
 * max(1, |v|)), values and gradients, on random inputs with extremes (±1e4, ±700, ±40, 0, ±1e-9),
 * masks, weights, every reduction, and all-masked / all-ignored batches.
 */
class FusedEqualsComposedTest {

  static final double TOL = 1e-12;

  static Stream<Arguments> binaryCases() {
    return Catalog.binary().stream()
        .flatMap(c -> Stream.of(Reduction.values()).map(r -> Arguments.of(c, r)));
  }

  static Stream<Arguments> multiCases() {
    return Catalog.multi().stream()
        .flatMap(c -> Stream.of(Reduction.values()).map(r -> Arguments.of(c, r)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("binaryCases")
  void binary(Catalog.Binary loss, Reduction reduction) {
    BinaryLoss fused = loss.build(Implementation.FUSED, reduction);
    BinaryLoss composed = loss.build(Implementation.COMPOSED, reduction);
    SplittableRandom rng = new SplittableRandom(loss.name().hashCode() * 31L + reduction.ordinal());
    int[] shape = {4, 9};
    int n = 36;
    for (int trial = 0; trial < 6; trial++) {
      double[] x = Catalog.logits(rng, n, trial > 0);
      Tensor y = Tensor.of(Catalog.binaryTargets(rng, n), shape);
      Tensor mask = trial >= 2 ? Tensor.of(Catalog.mask(rng, n), shape) : null;
      Tensor w = trial >= 3 ? Tensor.of(Catalog.weights(rng, n), shape) : null;
      if (trial == 5) {
        mask = Tensor.zeros(shape); // all masked: loss 0, gradient 0
      }
      Tensor m = mask;
      String what = loss + " " + reduction + " trial " + trial;
      Compare.Result f = evaluate(t -> apply(fused, t, y, m, w), x, shape);
      Compare.Result c = evaluate(t -> apply(composed, t, y, m, w), x, shape);
      close(what + " value", f.value(), c.value(), TOL);
      close(what + " grad", f.grad(), c.grad(), TOL);
      if (trial == 5) {
        close(what + " all-masked value", f.value(), new double[f.value().length], 0.0);
        close(what + " all-masked grad", f.grad(), new double[n], 0.0);
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("multiCases")
  void multiClass(Catalog.Multi loss, Reduction reduction) {
    MultiClassLoss fused = loss.build(Implementation.FUSED, reduction);
    MultiClassLoss composed = loss.build(Implementation.COMPOSED, reduction);
    SplittableRandom rng = new SplittableRandom(loss.name().hashCode() * 31L + reduction.ordinal());
    int classes = 3;
    int[] tshape = {2, 7};
    int n = 14;
    int[] shape = {2, 7, classes};
    for (int trial = 0; trial < 7; trial++) {
      double[] x = Catalog.logits(rng, n * classes, trial > 0);
      IntTensor t = IntTensor.of(Catalog.classTargets(rng, n, classes, trial >= 2), tshape);
      Tensor mask = trial >= 3 ? Tensor.of(Catalog.mask(rng, n), tshape) : null;
      Tensor w = trial >= 4 ? Tensor.of(Catalog.weights(rng, n), tshape) : null;
      if (trial == 5) {
        mask = Tensor.zeros(tshape);
      }
      if (trial == 6) {
        int[] ignored = new int[n];
        java.util.Arrays.fill(ignored, -100);
        t = IntTensor.of(ignored, tshape);
      }
      Tensor m = mask;
      IntTensor tt = t;
      String what = loss + " " + reduction + " trial " + trial;
      Compare.Result f = evaluate(v -> apply(fused, v, tt, m, w), x, shape);
      Compare.Result c = evaluate(v -> apply(composed, v, tt, m, w), x, shape);
      close(what + " value", f.value(), c.value(), TOL);
      close(what + " grad", f.grad(), c.grad(), TOL);
      if (trial >= 5) {
        close(what + " all-invalid value", f.value(), new double[f.value().length], 0.0);
        close(what + " all-invalid grad", f.grad(), new double[n * classes], 0.0);
      }
    }
  }

  static Stream<Arguments> binaryLargeCases() {
    return Catalog.binary().stream()
        .flatMap(c -> Stream.of(Reduction.SUM, Reduction.NONE).map(r -> Arguments.of(c, r)));
  }

  static Stream<Arguments> multiLargeCases() {
    return Catalog.multi().stream()
        .flatMap(
            c ->
                Stream.of(3, 9)
                    .filter(
                        classes ->
                            classes == Catalog.ALPHA3.length || !c.name().contains("classAlpha"))
                    .map(classes -> Arguments.of(c, classes)));
  }

  /**
   * Sizes that take every path of the kernels: several chunks run in parallel, whole vectors and a
   * ragged tail, vectors with a masked or extreme element among plain ones.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("binaryLargeCases")
  void binaryLarge(Catalog.Binary loss, Reduction reduction) {
    BinaryLoss fused = loss.build(Implementation.FUSED, reduction);
    BinaryLoss composed = loss.build(Implementation.COMPOSED, reduction);
    SplittableRandom rng = new SplittableRandom(loss.name().hashCode());
    int n = 3 * Chunks.GRAIN + 1001;
    double[] x = Catalog.logits(rng, n, false);
    for (int i = 0; i < n; i += 97) {
      x[i] = 1e4 * (rng.nextBoolean() ? 1 : -1);
    }
    Tensor y = Tensor.of(Catalog.binaryTargets(rng, n), n);
    double[] maskValues = new double[n];
    java.util.Arrays.fill(maskValues, 1.0);
    for (int i = 0; i < n; i += 53) {
      maskValues[i] = 0.0;
    }
    Tensor mask = Tensor.of(maskValues, n);
    Tensor w = Tensor.of(Catalog.weights(rng, n), n);
    for (Tensor m : new Tensor[] {null, mask}) {
      Compare.Result f =
          evaluate(t -> m == null ? fused.apply(t, y) : fused.apply(t, y, m, w), x, n);
      Compare.Result c =
          evaluate(t -> m == null ? composed.apply(t, y) : composed.apply(t, y, m, w), x, n);
      close(loss + " value", f.value(), c.value(), TOL);
      close(loss + " grad", f.grad(), c.grad(), TOL);
    }
  }

  @ParameterizedTest(name = "{0} C={1}")
  @MethodSource("multiLargeCases")
  void multiClassLarge(Catalog.Multi loss, int classes) {
    MultiClassLoss fused = loss.build(Implementation.FUSED, Reduction.NONE);
    MultiClassLoss composed = loss.build(Implementation.COMPOSED, Reduction.NONE);
    SplittableRandom rng = new SplittableRandom(loss.name().hashCode() + classes);
    int rows = 3 * (Chunks.GRAIN / classes) + 77;
    double[] x = Catalog.logits(rng, rows * classes, false);
    for (int i = 0; i < x.length; i += 101) {
      x[i] = 1e4 * (rng.nextBoolean() ? 1 : -1);
    }
    IntTensor t = IntTensor.of(Catalog.classTargets(rng, rows, classes, true), rows);
    Tensor w = Tensor.of(Catalog.weights(rng, rows), rows);
    Compare.Result f = evaluate(v -> fused.apply(v, t, Tensor.ones(rows), w), x, rows, classes);
    Compare.Result c = evaluate(v -> composed.apply(v, t, Tensor.ones(rows), w), x, rows, classes);
    close(loss + " C=" + classes + " value", f.value(), c.value(), TOL);
    close(loss + " C=" + classes + " grad", f.grad(), c.grad(), TOL);
  }

  /**
   * The overload for what is given: no mask, a mask, or a mask and weights (weights come with a
   * mask here).
   */
  static Tensor apply(BinaryLoss l, Tensor x, Tensor y, Tensor mask, Tensor weights) {
    return mask == null
        ? l.apply(x, y)
        : weights == null ? l.apply(x, y, mask) : l.apply(x, y, mask, weights);
  }

  static Tensor apply(MultiClassLoss l, Tensor x, IntTensor t, Tensor mask, Tensor weights) {
    return mask == null
        ? l.apply(x, t)
        : weights == null ? l.apply(x, t, mask) : l.apply(x, t, mask, weights);
  }
}
