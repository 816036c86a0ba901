package io.github.focal4j.loss;

import io.github.focal4j.autodiff.GradCheck;
import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Central finite differences agree with the analytic gradient of every loss and option, both
 * implementations, with masks, weights and ignored targets, under every reduction. Logits are
 * moderate (|x| ≲ 6) so that the difference quotient is meaningful; hard truncation and the reduced
 * focal loss are checked away from their thresholds (a step is not differentiable there). DETACHED
 * variants are not the derivative of their loss by design; {@code ArticleClaimsTest} checks their
 * gradient term by term.
 */
class GradCheckTest {

  static Stream<Arguments> binaryCases() {
    return Catalog.binary().stream()
        .filter(c -> !c.name().contains("detached"))
        .flatMap(
            c ->
                Stream.of(Implementation.values())
                    .flatMap(i -> Stream.of(Reduction.values()).map(r -> Arguments.of(c, i, r))));
  }

  static Stream<Arguments> multiCases() {
    return Catalog.multi().stream()
        .filter(c -> !c.name().contains("detached"))
        .flatMap(
            c ->
                Stream.of(Implementation.values())
                    .flatMap(i -> Stream.of(Reduction.values()).map(r -> Arguments.of(c, i, r))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("binaryCases")
  void binary(Catalog.Binary loss, Implementation impl, Reduction reduction) {
    BinaryLoss l = loss.build(impl, reduction);
    SplittableRandom rng = new SplittableRandom(11);
    int n = 10;
    Tensor x = Tensor.of(awayFromSteps(rng, n), 2, 5).requiresGrad(true);
    Tensor y = Tensor.of(Catalog.binaryTargets(rng, n), 2, 5);
    Tensor mask = Tensor.of(Catalog.mask(rng, n), 2, 5);
    Tensor w = Tensor.of(Catalog.weights(rng, n), 2, 5);
    GradCheck.check(in -> l.apply(in[0], y), x).assertWithin(1e-7, 1e-6);
    GradCheck.check(in -> l.apply(in[0], y, mask, w), x).assertWithin(1e-7, 1e-6);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("multiCases")
  void multiClass(Catalog.Multi loss, Implementation impl, Reduction reduction) {
    MultiClassLoss l = loss.build(impl, reduction);
    SplittableRandom rng = new SplittableRandom(13);
    int n = 6;
    Tensor x = Tensor.of(awayFromSteps(rng, n * 3), 2, 3, 3).requiresGrad(true);
    IntTensor t = IntTensor.of(Catalog.classTargets(rng, n, 3, true), 2, 3);
    Tensor mask = Tensor.of(Catalog.mask(rng, n), 2, 3);
    Tensor w = Tensor.of(Catalog.weights(rng, n), 2, 3);
    GradCheck.check(in -> l.apply(in[0], t), x).assertWithin(1e-7, 1e-6);
    GradCheck.check(in -> l.apply(in[0], t, mask, w), x).assertWithin(1e-7, 1e-6);
  }

  /** Logits in ±[0.2, 4]: p_t never within 1e-3 of the thresholds used (0.3, 0.5, 0.7). */
  static double[] awayFromSteps(SplittableRandom rng, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double v;
      do {
        v = rng.nextDouble(-4, 4);
      } while (Math.abs(v) < 0.2 || Math.abs(Math.abs(v) - 0.8473) < 0.05);
      x[i] = v;
    }
    return x;
  }
}
