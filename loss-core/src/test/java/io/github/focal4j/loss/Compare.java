package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.focal4j.autodiff.Autograd;
import io.github.focal4j.autodiff.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Value-and-gradient evaluation and tolerance checks shared by the tests. */
final class Compare {

  private Compare() {}

  /**
   * A loss's values and d(Σ r·out)/d(logits) for a fixed random projection r (1 for a scalar
   * output).
   */
  record Result(double[] value, double[] grad) {}

  static Result evaluate(Function<Tensor, Tensor> loss, double[] logits, int... shape) {
    Tensor x = Tensor.of(logits, shape).requiresGrad(true);
    Tensor out = loss.apply(x);
    double[] r = new double[out.numel()];
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < r.length; i++) {
      r[i] = r.length == 1 ? 1.0 : rng.nextDouble(0.5, 1.5);
    }
    double[] value = out.toArray();
    double[] grad =
        Autograd.grad(out.mul(Tensor.of(r, out.shape())).sum(), List.of(x)).get(0).toArray();
    return new Result(value, grad);
  }

  /** |a − b| ≤ tol·max(1, |b|) for every element, all finite. */
  static void close(String what, double[] actual, double[] expected, double tol) {
    if (actual.length != expected.length) {
      fail(what + ": length " + actual.length + " != " + expected.length);
    }
    for (int i = 0; i < actual.length; i++) {
      double a = actual[i];
      double b = expected[i];
      if (!Double.isFinite(a) || !Double.isFinite(b)) {
        fail(what + "[" + i + "]: not finite: " + a + " vs " + b);
      }
      if (Math.abs(a - b) > tol * Math.max(1.0, Math.abs(b))) {
        fail(what + "[" + i + "]: " + a + " vs " + b + " (diff " + (a - b) + ", tol " + tol + ")");
      }
    }
  }
}
