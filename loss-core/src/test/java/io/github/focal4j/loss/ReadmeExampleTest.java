package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.GradCheck;
import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The code of the root README's "Using the libraries" section, run as written, with what it claims.
 */
class ReadmeExampleTest {

  @Test
  void autodiffSnippet() {
    Tensor x = Tensor.of(new double[] {-2, 0.5, 3}, 3).requiresGrad(true);
    Tensor y = x.sigmoid().mul(x).sum();
    y.backward();
    double[] dx = x.grad().toArray();
    GradCheck.Report r = GradCheck.check(in -> in[0].sigmoid().mul(in[0]).sum(), x);

    double[] expected = new double[3];
    double[] v = {-2, 0.5, 3};
    for (int i = 0; i < 3; i++) {
      double s = 1 / (1 + Math.exp(-v[i]));
      expected[i] = s + v[i] * s * (1 - s);
    }
    assertArrayEquals(expected, dx, 1e-15);
    assertTrue(r.maxAbsError() < 1e-8, r.toString());
  }

  @Test
  void lossSnippetSoftenedKOneIsFocalGammaOne() {
    BinaryLoss focal = FocalLoss.binary().gamma(2).alpha(0.25).build();
    BinaryLoss soft = SoftenedLoss.binary().k(1).build();
    BinaryLoss focalOne = FocalLoss.binary().gamma(1).build();
    Tensor logits = Tensor.of(new double[] {-3, -0.5, 0, 2, 7, -1e4}, 2, 3);
    Tensor targets = Tensor.of(new double[] {1, 0, 1, 1, 0, 0}, 2, 3);
    assertTrue(Double.isFinite(focal.apply(logits, targets).item()));
    assertEquals(focalOne.apply(logits, targets).item(), soft.apply(logits, targets).item(), 1e-15);

    MultiClassLoss tokenLoss = FocalLoss.multiClass().gamma(2).ignoreIndex(-100).build();
    Tensor tokenLogits =
        Tensor.of(new double[] {2, -1, 0.5, 0, 0, 0, -4, 3, 1, 9, 9, 9}, 2, 2, 3)
            .requiresGrad(true);
    IntTensor tags = IntTensor.of(new int[] {0, 2, 1, -100}, 2, 2);
    Tensor mask = Tensor.of(new double[] {1, 1, 1, 0}, 2, 2);
    Tensor loss = tokenLoss.apply(tokenLogits, tags, mask);
    loss.backward();
    double[] g = tokenLogits.grad().toArray();
    assertArrayEquals(
        new double[] {0, 0, 0},
        new double[] {g[9], g[10], g[11]},
        0.0,
        "masked token has no gradient");
    assertTrue(g[0] < 0, "the target logit of a wrong-ish token is pushed up");
  }
}
