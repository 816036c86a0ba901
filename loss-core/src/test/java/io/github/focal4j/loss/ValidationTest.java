package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad hyperparameters and inputs fail with an IllegalArgumentException naming the thing and its
 * value.
 */
class ValidationTest {

  static void fails(Executable e, String... fragments) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String f : fragments) {
      assertTrue(
          ex.getMessage().contains(f), "message '" + ex.getMessage() + "' lacks '" + f + "'");
    }
  }

  @Test
  void hyperparameters() {
    fails(() -> FocalLoss.binary().gamma(-1), "FocalLoss", "gamma", "-1.0");
    fails(() -> FocalLoss.multiClass().gamma(Double.NaN), "gamma", "NaN");
    fails(() -> FocalLoss.binary().gamma(Double.POSITIVE_INFINITY), "gamma", "Infinity");
    fails(() -> SoftenedLoss.binary().k(0), "SoftenedLoss", "k", "0.0");
    fails(() -> SoftenedLoss.multiClass().k(-2), "k", "-2.0");
    fails(() -> FocalLoss.binary().alpha(1.5), "alpha", "1.5");
    fails(() -> CrossEntropyLoss.binary().alpha(-0.1), "alpha", "-0.1");
    fails(() -> HardTruncationLoss.binary().threshold(0), "HardTruncationLoss", "threshold", "0.0");
    fails(() -> HardTruncationLoss.multiClass().threshold(1), "threshold", "1.0");
    fails(() -> FocalLoss.binary().reducedThreshold(1.2), "reducedThreshold", "1.2");
    fails(() -> PolyLoss.binary().epsilon(-1.5), "PolyLoss", "epsilon", "-1.5");
    fails(() -> PolyLoss.multiClass().gamma(-0.5), "gamma", "-0.5");
    fails(() -> FocalStarLoss.binary().gamma(0), "FocalStarLoss", "gamma", "0.0");
    fails(() -> FocalStarLoss.binary().beta(Double.NaN), "beta", "NaN");
    fails(() -> CrossEntropyLoss.multiClass().labelSmoothing(1.1), "labelSmoothing", "1.1");
    fails(() -> FocalLoss.binary().labelSmoothing(-0.1), "labelSmoothing", "-0.1");
    fails(() -> FocalLoss.multiClass().classAlpha(1, -1, 1), "classAlpha[1]", "-1.0");
    fails(() -> FocalLoss.multiClass().classAlpha(), "classAlpha");
    fails(() -> FocalLoss.multiClass().backgroundClass(-1), "backgroundClass", "-1");
    fails(() -> FocalLoss.binary().reduction(null), "reduction");
    fails(
        () ->
            FocalLoss.binary()
                .normalization(Normalization.POSITIVE_TARGETS)
                .reduction(Reduction.SUM)
                .build(),
        "POSITIVE_TARGETS",
        "SUM");
    fails(
        () -> FocalLoss.multiClass().normalization(Normalization.POSITIVE_TARGETS).build(),
        "backgroundClass");
    fails(
        () -> FocalLoss.function(-1, java.util.OptionalDouble.empty(), WeightGradient.FULL),
        "gamma",
        "-1.0");
  }

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void binaryInputs(Implementation impl) {
    BinaryLoss l = FocalLoss.binary().implementation(impl).build();
    Tensor x = Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4}, 2, 2);
    Tensor y = Tensor.of(new double[] {0, 1, 1, 0}, 2, 2);
    fails(() -> l.apply(x, Tensor.of(0, 1, 1, 0)), "FocalLoss", "targets shape [4]", "[2, 2]");
    fails(
        () -> l.apply(x, Tensor.of(new double[] {0, 1, 0.5, 0}, 2, 2)),
        "targets[1, 0]",
        "0.5",
        "0 or 1");
    fails(
        () -> l.apply(Tensor.of(new double[] {0.1, Double.NaN, 0.3, 0.4}, 2, 2), y),
        "logits[0, 1]",
        "NaN");
    fails(
        () -> l.apply(Tensor.of(new double[] {0.1, 0, Double.NEGATIVE_INFINITY, 0.4}, 2, 2), y),
        "logits[1, 0]",
        "-Infinity");
    NonFiniteLogitException nf =
        assertThrows(
            NonFiniteLogitException.class,
            () -> l.apply(Tensor.of(new double[] {0.1, Double.NaN, 0.3, 0.4}, 2, 2), y));
    assertEquals(1, nf.index());
    assertTrue(Double.isNaN(nf.value()));
    fails(() -> l.apply(x, y, Tensor.of(1, 1, 1, 1)), "mask shape [4]");
    fails(() -> l.apply(x, y, Tensor.of(new double[] {1, 0.5, 1, 1}, 2, 2)), "mask[0, 1]", "0.5");
    Tensor all = Tensor.ones(2, 2);
    fails(
        () -> l.apply(x, y, all, Tensor.of(new double[] {1, 1, -1, 1}, 2, 2)),
        "weights[1, 0]",
        "-1.0");
    fails(
        () -> l.apply(x, y, all, Tensor.of(new double[] {1, 1, 1, Double.NaN}, 2, 2)),
        "weights[1, 1]",
        "NaN");
    fails(() -> l.apply(x, y, (Tensor) null), "mask");
    fails(
        () -> l.apply(x, y, null, all), "mask", "must not be null"); // no null for "all": pass ones
    fails(() -> l.apply(x, y, all, null), "weights", "must not be null");
    fails(() -> l.apply(null, y), "logits");
    // Targets under a zero mask are not checked (padding may hold anything).
    l.apply(
        x, Tensor.of(new double[] {0, 1, 7, 0}, 2, 2), Tensor.of(new double[] {1, 1, 0, 1}, 2, 2));
  }

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void multiClassInputs(Implementation impl) {
    MultiClassLoss l = FocalLoss.multiClass().implementation(impl).build();
    Tensor x = Tensor.zeros(2, 3, 4);
    fails(
        () -> l.apply(x, IntTensor.of(new int[] {0, 1, 2, 3, 0, 1}, 3, 2)),
        "targets shape [3, 2]",
        "[2, 3]");
    fails(
        () -> l.apply(x, IntTensor.of(new int[] {0, 1, 4, 3, 0, 1}, 2, 3)),
        "targets[0, 2]",
        "is 4",
        "[0, 4)",
        "-100");
    fails(
        () -> l.apply(x, IntTensor.of(new int[] {0, 1, 2, 3, -1, 1}, 2, 3)), "targets[1, 1]", "-1");
    fails(
        () -> l.apply(Tensor.zeros(2, 3, 1), IntTensor.of(new int[] {0, 0, 0, 0, 0, 0}, 2, 3)),
        "C = 1");
    fails(() -> l.apply(Tensor.scalar(1), IntTensor.of(0)), "scalar");
    double[] bad = new double[24];
    bad[13] = Double.POSITIVE_INFINITY;
    fails(
        () -> l.apply(Tensor.of(bad, 2, 3, 4), IntTensor.of(new int[] {0, 1, 2, 3, 0, 1}, 2, 3)),
        "logits[1, 0, 1]",
        "Infinity");
    // typed, so that a training loop can tell divergence from other bad input without reading the
    // message
    NonFiniteLogitException nf =
        assertThrows(
            NonFiniteLogitException.class,
            () ->
                l.apply(Tensor.of(bad, 2, 3, 4), IntTensor.of(new int[] {0, 1, 2, 3, 0, 1}, 2, 3)));
    assertEquals("FocalLoss", nf.loss());
    assertEquals(13, nf.index());
    assertEquals(Double.POSITIVE_INFINITY, nf.value());
    MultiClassLoss withAlpha =
        FocalLoss.multiClass().classAlpha(1, 2, 3).implementation(impl).build();
    fails(
        () -> withAlpha.apply(x, IntTensor.of(new int[] {0, 1, 2, 3, 0, 1}, 2, 3)),
        "classAlpha has 3",
        "C = 4");
    fails(
        () ->
            l.apply(
                x, IntTensor.of(new int[] {0, 1, 2, 3, 0, 1}, 2, 3), Tensor.of(1, 0, 2, 1, 1, 1)),
        "mask shape [6]");
    // The ignore index is accepted; masked rows are not checked.
    l.apply(x, IntTensor.of(new int[] {0, -100, 2, 3, 0, 1}, 2, 3));
    l.apply(
        x,
        IntTensor.of(new int[] {0, 99, 2, 3, 0, 1}, 2, 3),
        Tensor.of(new double[] {1, 0, 1, 1, 1, 1}, 2, 3));
  }
}
