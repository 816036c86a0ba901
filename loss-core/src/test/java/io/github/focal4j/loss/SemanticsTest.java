package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Tensor;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What the options mean, checked against direct computations. */
class SemanticsTest {

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void meanDividesByValidElementsOnly(Implementation impl) {
    // kornia divides by all positions; the mean over a masked batch must equal the mean over its
    // valid part.
    BinaryLoss l = FocalLoss.binary().implementation(impl).build();
    Tensor x = Tensor.of(0.3, -1.2, 2.0, 0.7, -0.4);
    Tensor y = Tensor.of(1, 0, 0, 1, 1);
    Tensor mask = Tensor.of(1, 0, 1, 0, 1);
    double masked = l.apply(x, y, mask).item();
    double valid = l.apply(Tensor.of(0.3, 2.0, -0.4), Tensor.of(1, 0, 1)).item();
    assertEquals(valid, masked, 1e-15);

    MultiClassLoss m = CrossEntropyLoss.multiClass().implementation(impl).build();
    Tensor xm = Tensor.of(new double[] {1, 2, 3, 0, 0, 5, -1, 2, 0}, 3, 3);
    double ignored = m.apply(xm, IntTensor.of(2, -100, 1)).item();
    double kept =
        m.apply(Tensor.of(new double[] {1, 2, 3, -1, 2, 0}, 2, 3), IntTensor.of(2, 1)).item();
    assertEquals(kept, ignored, 1e-15);
    double expected =
        (Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3))
                - 3
                + Math.log(Math.exp(-1) + Math.exp(2) + 1)
                - 2)
            / 2;
    assertEquals(expected, kept, 1e-14);
    // A custom ignore index that is a real class (padding class 0).
    MultiClassLoss pad = CrossEntropyLoss.multiClass().ignoreIndex(0).implementation(impl).build();
    assertEquals(kept, pad.apply(xm, IntTensor.of(2, 0, 1)).item(), 1e-15);
  }

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void reductionsWeightsAndPositives(Implementation impl) {
    Tensor x = Tensor.of(new double[] {0.3, -1.2, 2.0, 0.7, -0.4, 1.1}, 2, 3);
    Tensor y = Tensor.of(new double[] {1, 0, 0, 1, 0, 0}, 2, 3);
    Tensor mask = Tensor.of(new double[] {1, 1, 0, 1, 1, 1}, 2, 3);
    Tensor w = Tensor.of(new double[] {2, 1, 5, 0.5, 0, 3}, 2, 3);
    double[] per =
        CrossEntropyLoss.binary()
            .reduction(Reduction.NONE)
            .implementation(impl)
            .build()
            .apply(x, y)
            .toArray();
    double[] none =
        CrossEntropyLoss.binary()
            .reduction(Reduction.NONE)
            .implementation(impl)
            .build()
            .apply(x, y, mask, w)
            .toArray();
    double sum = 0;
    for (int i = 0; i < 6; i++) {
      double e = per[i] * mask.toArray()[i] * w.toArray()[i];
      assertEquals(e, none[i], 1e-15);
      sum += e;
    }
    assertArrayEquals(
        new int[] {2, 3},
        CrossEntropyLoss.binary().reduction(Reduction.NONE).build().apply(x, y).shape());
    assertEquals(
        sum,
        CrossEntropyLoss.binary()
            .reduction(Reduction.SUM)
            .implementation(impl)
            .build()
            .apply(x, y, mask, w)
            .item(),
        1e-14);
    assertEquals(
        sum / 5,
        CrossEntropyLoss.binary().implementation(impl).build().apply(x, y, mask, w).item(),
        1e-14);
    // mmdet's avg_factor: two valid positives.
    assertEquals(
        sum / 2,
        CrossEntropyLoss.binary()
            .normalization(Normalization.POSITIVE_TARGETS)
            .implementation(impl)
            .build()
            .apply(x, y, mask, w)
            .item(),
        1e-14);
    // No positive at all: divide by 1.
    assertEquals(
        sum,
        CrossEntropyLoss.binary()
                .normalization(Normalization.POSITIVE_TARGETS)
                .implementation(impl)
                .build()
                .apply(x, y, mask.mul(Tensor.of(new double[] {0, 1, 1, 0, 1, 1}, 2, 3)), w)
                .item()
            + per[0] * 2
            + per[3] * 0.5,
        1e-14);
    // Multi-class positives: targets other than the background class.
    MultiClassLoss ce =
        CrossEntropyLoss.multiClass().reduction(Reduction.SUM).implementation(impl).build();
    Tensor xm = Tensor.of(new double[] {1, 2, 3, 0, 0, 5, -1, 2, 0, 1, 1, 1}, 4, 3);
    IntTensor t = IntTensor.of(0, 2, 0, 1);
    double total = ce.apply(xm, t).item();
    assertEquals(
        total / 2,
        CrossEntropyLoss.multiClass()
            .normalization(Normalization.POSITIVE_TARGETS)
            .backgroundClass(0)
            .implementation(impl)
            .build()
            .apply(xm, t)
            .item(),
        1e-14);
  }

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void everythingIgnoredGivesZeroLossAndZeroGradient(Implementation impl) {
    for (Reduction r : Reduction.values()) {
      Tensor x = Tensor.of(new double[] {1e4, -3, 0, 2}, 2, 2).requiresGrad(true);
      Tensor loss =
          FocalLoss.binary()
              .gamma(0.5)
              .reduction(r)
              .implementation(impl)
              .build()
              .apply(x, Tensor.of(new double[] {1, 0, 1, 0}, 2, 2), Tensor.zeros(2, 2));
      loss.sum().backward();
      for (double v : loss.toArray()) {
        assertEquals(0.0, v, 0.0);
      }
      assertArrayEquals(new double[4], x.grad().toArray(), 0.0);
      Tensor xm = Tensor.of(new double[] {1e4, -3, 0, 2, 1, 1}, 2, 3).requiresGrad(true);
      Tensor lm =
          FocalLoss.multiClass()
              .reduction(r)
              .implementation(impl)
              .build()
              .apply(xm, IntTensor.of(-100, -100));
      lm.sum().backward();
      assertEquals(0.0, lm.sum().item(), 0.0);
      assertArrayEquals(new double[6], xm.grad().toArray(), 0.0);
    }
  }

  @Test
  void emptyBatches() {
    for (Implementation impl : Implementation.values()) {
      Tensor x = Tensor.zeros(0, 3).requiresGrad(true);
      assertEquals(
          0.0,
          FocalLoss.multiClass()
              .implementation(impl)
              .build()
              .apply(x, IntTensor.of(new int[0], 0))
              .item());
      Tensor xb = Tensor.zeros(0).requiresGrad(true);
      Tensor l = CrossEntropyLoss.binary().implementation(impl).build().apply(xb, Tensor.zeros(0));
      l.backward();
      assertEquals(0.0, l.item());
    }
  }

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void extremeLogitsStayFiniteForEveryGamma(Implementation impl) {
    double[] x = {1e4, -1e4, 745, -745, 40, -40, 0};
    for (double gamma : new double[] {0, 0.25, 0.5, 1, 2, 5}) {
      for (double y : new double[] {0, 1}) {
        Tensor yt = Tensor.full(y, x.length);
        Compare.Result r =
            Compare.evaluate(
                v ->
                    FocalLoss.binary()
                        .gamma(gamma)
                        .reduction(Reduction.NONE)
                        .implementation(impl)
                        .build()
                        .apply(v, yt),
                x,
                x.length);
        for (int i = 0; i < x.length; i++) {
          assertTrue(
              Double.isFinite(r.value()[i]) && Double.isFinite(r.grad()[i]),
              "gamma " + gamma + " x " + x[i]);
        }
        // Confident and right: loss and gradient vanish; confident and wrong: CE ≈ |x|, slope ≈ ∓1.
        int right = y == 1 ? 0 : 1;
        assertEquals(0.0, r.value()[right], 0.0);
        assertEquals(1e4, r.value()[1 - right], 1e-9);
      }
    }
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of(
            "ce",
            CrossEntropyLoss.binary().labelSmoothing(0.2).alpha(0.3),
            CrossEntropyLoss.multiClass().labelSmoothing(0.2).classAlpha(0.7, 0.3)),
        Arguments.of(
            "hard",
            HardTruncationLoss.binary().threshold(0.6),
            HardTruncationLoss.multiClass().threshold(0.6)),
        Arguments.of(
            "soft",
            SoftenedLoss.binary().k(2.5),
            SoftenedLoss.multiClass().k(2.5).weight(SoftenedLoss.MultiClassWeight.SOFTMAX)),
        Arguments.of(
            "soft margin",
            SoftenedLoss.binary().k(2.5),
            SoftenedLoss.multiClass().k(2.5).weight(SoftenedLoss.MultiClassWeight.MARGIN)),
        Arguments.of(
            "focal",
            FocalLoss.binary().gamma(0.5).alpha(0.25).labelSmoothing(0.1),
            FocalLoss.multiClass().gamma(0.5).classAlpha(0.75, 0.25).labelSmoothing(0.1)),
        Arguments.of(
            "reduced",
            FocalLoss.binary().reducedThreshold(0.4),
            FocalLoss.multiClass().reducedThreshold(0.4)),
        Arguments.of(
            "flstar",
            FocalStarLoss.binary().gamma(2).beta(1),
            FocalStarLoss.multiClass().gamma(2).beta(1)),
        Arguments.of(
            "poly",
            PolyLoss.binary().gamma(2).epsilon(-0.5).alpha(0.25),
            PolyLoss.multiClass().gamma(2).epsilon(-0.5).classAlpha(0.75, 0.25)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void everyBinaryLossIsItsMultiClassFormOnLogitsZeroAndX(
      String name, BinaryLossBuilder<?> b, MultiClassLossBuilder<?> m) {
    SplittableRandom rng = new SplittableRandom(4);
    int n = 40;
    double[] x = Catalog.logits(rng, n, true);
    double[] y = Catalog.binaryTargets(rng, n);
    double[] pair = new double[2 * n];
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      pair[2 * i + 1] = x[i];
      t[i] = (int) y[i];
    }
    for (Implementation impl : Implementation.values()) {
      BinaryLoss bl = b.reduction(Reduction.NONE).implementation(impl).build();
      MultiClassLoss ml = m.reduction(Reduction.NONE).implementation(impl).build();
      double[] vb = bl.apply(Tensor.of(x), Tensor.of(y)).toArray();
      double[] vm = ml.apply(Tensor.of(pair, n, 2), IntTensor.of(t)).toArray();
      Compare.close(name + " " + impl, vm, vb, 1e-12);
    }
  }

  @Test
  void fusedSumIsBitIdenticalAcrossRunsAndUsesNoGraphUnderNoGrad() {
    SplittableRandom rng = new SplittableRandom(8);
    int n = 300_000; // many chunks: the parallel path
    double[] x = Catalog.logits(rng, n, true);
    Tensor y = Tensor.of(Catalog.binaryTargets(rng, n));
    BinaryLoss l = FocalLoss.binary().build();
    Tensor a = Tensor.of(x).requiresGrad(true);
    Tensor b = Tensor.of(x).requiresGrad(true);
    double va = l.apply(a, y).item();
    double vb = l.apply(b, y).item();
    assertEquals(Double.doubleToRawLongBits(va), Double.doubleToRawLongBits(vb));
    l.apply(a, y).backward();
    l.apply(b, y).backward();
    assertArrayEquals(a.grad().toArray(), b.grad().toArray(), 0.0);
    double composed =
        FocalLoss.binary()
            .implementation(Implementation.COMPOSED)
            .build()
            .apply(Tensor.of(x), y)
            .item();
    assertEquals(composed, va, 1e-12 * Math.abs(composed));
    try (NoGrad ignored = NoGrad.enter()) {
      assertFalse(l.apply(Tensor.of(x).requiresGrad(true), y).requiresGrad());
    }
  }

  @Test
  void describesItsConfiguration() {
    String s =
        FocalLoss.binary().gamma(0.5).alpha(0.25).reduction(Reduction.SUM).build().toString();
    assertTrue(
        s.contains("FocalLoss.binary(gamma=0.5") && s.contains("alpha=0.25") && s.contains("SUM"),
        s);
    String m = SoftenedLoss.multiClass().k(3).ignoreIndex(-1).build().toString();
    assertTrue(
        m.contains("k=3.0")
            && m.contains("MARGIN")
            && m.contains("ignoreIndex=-1")
            && m.contains("FUSED"),
        m);
  }
}
