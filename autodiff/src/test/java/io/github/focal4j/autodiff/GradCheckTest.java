package io.github.focal4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradCheckTest {

  /** y = x² with a backward that is wrong by the given amount at each element. */
  private static Tensor squareWithBias(Tensor x, double[] bias) {
    double[] xs = x.buffer();
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      ys[i] = xs[i] * xs[i];
    }
    return Tensor.fromOp(
        "biasedSquare",
        ys,
        x.shape(),
        (g, grads) -> {
          for (int i = 0; i < xs.length; i++) {
            grads[0][i] += g[i] * (2 * xs[i] + bias[i]);
          }
        },
        x);
  }

  @Test
  void aCorrectGradientPasses() {
    Tensor x = Tensor.of(0.0, 1.0, -2.0).requiresGrad(true);
    GradCheck.Report r = GradCheck.check(in -> squareWithBias(in[0], new double[3]), x);
    r.assertWithin(1e-8, 1e-8);
    assertTrue(r.maxAbsError() < 1e-8, "" + r.maxAbsError());
  }

  /**
   * Regression: the check once tested only the element with the largest error relative to
   * |numeric|. A tiny absolute error where the numeric derivative is 0 (element 0) hid a 10% error
   * elsewhere (element 1).
   */
  @Test
  void everyElementIsCheckedNotOnlyTheRelativelyWorstOne() {
    Tensor x = Tensor.of(0.0, 1.0).requiresGrad(true);
    GradCheck.Report r =
        GradCheck.check(in -> squareWithBias(in[0], new double[] {1e-9, 0.2}).sum(), x);
    AssertionError e = assertThrows(AssertionError.class, () -> r.assertWithin(1e-6, 1e-5));
    assertTrue(e.getMessage().contains("at element 1"), e.getMessage());
    assertTrue(e.getMessage().contains("analytic 2.2"), e.getMessage());
  }

  @Test
  void reportsEveryDerivativeOfEveryInput() {
    Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
    Tensor mask = Tensor.of(1.0, 0.0);
    Tensor b = Tensor.scalar(3.0).requiresGrad(true);
    GradCheck.Report r = GradCheck.check(in -> in[0].mul(in[1]).mul(in[2]).sum(), a, mask, b);
    assertEquals(2, r.inputs().size(), "the constant mask is skipped");
    assertEquals(0, r.inputs().get(0).input());
    assertEquals(2, r.inputs().get(1).input());
    assertArrayEquals(new double[] {3.0, 0.0}, r.inputs().get(0).analytic(), 0.0);
    assertArrayEquals(new double[] {3.0, 0.0}, r.inputs().get(0).numeric(), 1e-8);
    assertArrayEquals(new double[] {1.0}, r.inputs().get(1).numeric(), 1e-8);
  }

  @Test
  void aNaNDerivativeFails() {
    Tensor x = Tensor.of(1.0).requiresGrad(true);
    GradCheck.Report r = GradCheck.check(in -> squareWithBias(in[0], new double[] {Double.NaN}), x);
    assertThrows(AssertionError.class, () -> r.assertWithin(1.0, 1.0));
  }

  @Test
  void emptyOutputsHaveZeroGradients() {
    Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
    GradCheck.check(in -> in[0].slice(0, 1, 1), x).assertWithin(0.0, 0.0);
  }

  @Test
  void rejectsFunctionsWithoutGradientInputsAndNonFiniteValues() {
    assertThrows(
        IllegalArgumentException.class, () -> GradCheck.check(in -> in[0].exp(), Tensor.of(1.0)));
    Tensor x = Tensor.of(0.0).requiresGrad(true);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GradCheck.check(in -> in[0].log(), x));
    assertTrue(e.getMessage().contains("not finite"), e.getMessage());
  }
}
