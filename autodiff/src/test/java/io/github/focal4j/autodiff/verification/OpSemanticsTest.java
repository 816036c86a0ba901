package io.github.focal4j.autodiff.verification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gradient conventions at points where the derivative is not defined, pinned to PyTorch 1.13's
 * choices (the goldens check the same points against torch itself), and the ops that have no
 * finite-difference check.
 */
class OpSemanticsTest {

  private static Tensor leaf(double... v) {
    return Tensor.of(v).requiresGrad(true);
  }

  @Test
  void maximumAndMinimumSplitTiesInHalf() {
    Tensor a = leaf(1, 2, 3);
    Tensor b = leaf(1, 1, 4);
    a.maximum(b).sum().backward();
    assertArrayEquals(new double[] {0.5, 1, 0}, a.grad().toArray(), 0);
    assertArrayEquals(new double[] {0.5, 0, 1}, b.grad().toArray(), 0);
    a.zeroGrad();
    b.zeroGrad();
    a.minimum(b).sum().backward();
    assertArrayEquals(new double[] {0.5, 0, 1}, a.grad().toArray(), 0);
    assertArrayEquals(new double[] {0.5, 1, 0}, b.grad().toArray(), 0);
  }

  @Test
  void maxOverAllElementsSplitsTiesButMaxAlongAnAxisPicksTheFirst() {
    Tensor x = Tensor.of(new double[] {1, 3, 3, 2, 2, 0}, 2, 3).requiresGrad(true);
    x.max().backward(); // torch.max(x): evenly among ties
    assertArrayEquals(new double[] {0, 0.5, 0.5, 0, 0, 0}, x.grad().toArray(), 0);
    x.zeroGrad();
    x.max(1, false).sum().backward(); // torch.max(x, 1).values: the first maximal index
    assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, x.grad().toArray(), 0);
    x.zeroGrad();
    x.max(0, true).sum().backward(); // columns: (1,2) (3,2) (3,0)
    assertArrayEquals(new double[] {0, 1, 1, 1, 0, 0}, x.grad().toArray(), 0);
  }

  @Test
  void clampPassesTheGradientAtItsBounds() {
    Tensor x = leaf(-1, 0, 0.5, 1, 2);
    x.clamp(0, 1).sum().backward();
    assertArrayEquals(new double[] {0, 1, 1, 1, 0}, x.grad().toArray(), 0);
  }

  @Test
  void absReluAndStepAtZero() {
    Tensor x = leaf(-1, 0, 1);
    x.abs().sum().backward();
    assertArrayEquals(new double[] {-1, 0, 1}, x.grad().toArray(), 0);
    x.zeroGrad();
    x.relu().sum().backward();
    assertArrayEquals(new double[] {0, 0, 1}, x.grad().toArray(), 0);
    x.zeroGrad();
    Tensor h = x.heaviside(0.5);
    assertArrayEquals(new double[] {0, 0.5, 1}, h.toArray(), 0);
    assertTrue(
        h.requiresGrad(), "step records a graph so it can sit inside a differentiable expression");
    h.mul(x).sum().backward(); // λ·x with λ = θ(x): d/dx = λ, nothing through λ
    assertArrayEquals(new double[] {0, 0.5, 1}, x.grad().toArray(), 0);
  }

  @Test
  void powAtBaseZero() {
    Tensor base = leaf(0, 0, 0, 2);
    Tensor exp = leaf(0, 2, -1, 0);
    Tensor y = base.pow(exp);
    assertArrayEquals(new double[] {1, 0, Double.POSITIVE_INFINITY, 1}, y.toArray(), 0);
    y.sum().backward();
    assertArrayEquals(new double[] {0, 0, Double.NEGATIVE_INFINITY, 0}, base.grad().toArray(), 0);
    assertArrayEquals(
        new double[] {0, 0, Double.NEGATIVE_INFINITY, Math.log(2)}, exp.grad().toArray(), 0);

    Tensor z = leaf(0, 1);
    z.pow(0.0).sum().backward();
    assertArrayEquals(new double[] {0, 0}, z.grad().toArray(), 0, "x^0 is constant, also at 0");
    z.zeroGrad();
    z.pow(0.5).sum().backward();
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.5}, z.grad().toArray(), 0);
    z.zeroGrad();
    z.sqrt().sum().backward();
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.5}, z.grad().toArray(), 0);
  }

  @Test
  void powOfANegativeBaseHasNoExponentGradient() {
    Tensor base = leaf(-2, 3);
    Tensor exp = leaf(2, 2);
    base.pow(exp).sum().backward();
    assertArrayEquals(new double[] {-4, 6}, base.grad().toArray(), 1e-15);
    assertTrue(Double.isNaN(exp.grad().get(0)), "d/de (−2)^e is not real, as in torch");
    assertEquals(9 * Math.log(3), exp.grad().get(1), 1e-14);
  }

  @Test
  void whereGivesTheMaskNoGradient() {
    Tensor mask = leaf(1, 0, 1);
    Tensor a = leaf(1, 2, 3);
    Tensor b = Tensor.scalar(10).requiresGrad(true);
    Tensor.where(mask, a, b).sum().backward();
    assertArrayEquals(new double[] {1, 0, 1}, a.grad().toArray(), 0);
    assertEquals(1.0, b.grad().item(), 0, "the broadcast scalar collects every unpicked element");
    assertArrayEquals(new double[] {0, 0, 0}, mask.grad().toArray(), 0);
  }

  @Test
  void dropoutIsReproducibleAndUnbiased() {
    Tensor x = Tensor.ones(10_000).requiresGrad(true);
    Tensor y1 = x.dropout(0.3, new SplittableRandom(42));
    Tensor y2 = x.dropout(0.3, new SplittableRandom(42));
    assertArrayEquals(y1.toArray(), y2.toArray(), 0);
    double mean = y1.mean().item();
    assertEquals(1.0, mean, 0.03, "inverted dropout keeps the expectation");
    long zeros = java.util.Arrays.stream(y1.toArray()).filter(v -> v == 0).count();
    assertEquals(3000, zeros, 150);
    y1.sum().backward();
    assertArrayEquals(y1.toArray(), x.grad().toArray(), 0, "the gradient is the mask");
    assertArrayEquals(x.toArray(), x.dropout(0.0, new SplittableRandom(1)).toArray(), 0);
  }

  @Test
  void indexSelectRepeatsAccumulateAndUnpickedRowsGetZero() {
    Tensor table = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2).requiresGrad(true);
    Tensor e = table.indexSelect(0, 2, 0, 2);
    assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6}, e.toArray(), 0);
    e.sum().backward();
    assertArrayEquals(new double[] {1, 1, 0, 0, 2, 2}, table.grad().toArray(), 0);
  }

  @Test
  void detachAndReplicaCutOrSplitTheGraph() {
    Tensor x = leaf(2, 3);
    Tensor d = x.detach();
    assertFalse(d.requiresGrad());
    x.mul(d).sum().backward();
    assertArrayEquals(new double[] {2, 3}, x.grad().toArray(), 0);

    Tensor w = leaf(1, 1);
    Tensor r = w.replica();
    assertTrue(r.requiresGrad());
    r.mul(3.0).sum().backward();
    assertArrayEquals(new double[] {3, 3}, r.grad().toArray(), 0);
    assertNull(w.grad(), "a replica has its own gradient");
    assertEquals(w.buffer(), r.buffer(), "a replica shares the values");
  }

  @Test
  void zeroDimensionalTensorsWorkEverywhereAShapeAllows() {
    Tensor s = Tensor.scalar(2).requiresGrad(true);
    Tensor v = leaf(1, 2, 3);
    Tensor y =
        s.mul(v)
            .add(s)
            .sum()
            .add(s.exp())
            .add(s.max())
            .add(s.mean())
            .add(s.reshape(1, 1).sum(0, false).sum())
            .add(Tensor.stack(0, s, s).sum())
            .add(s.unsqueeze(0).squeeze(0))
            .add(s.permute());
    assertEquals(0, y.rank());
    y.backward();
    assertEquals(6 + 3 + Math.exp(2) + 1 + 1 + 1 + 2 + 1 + 1, s.grad().item(), 1e-12);
  }
}
