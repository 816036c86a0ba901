package io.github.focal4j.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks analytic gradients against central finite differences in float64, in the spirit of {@code
 * torch.autograd.gradcheck}.
 *
 * <p>For a function {@code f} of some tensors, the check projects a non-scalar output onto a fixed
 * random direction {@code r} (so it compares the vector-Jacobian product {@code rᵀJ}, the quantity
 * backward computes), then for every element of every input that requires grad compares the
 * analytic derivative with {@code (F(x + ε) − F(x − ε)) / 2ε}. Inputs are perturbed in place and
 * restored.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(rng, 3, 4).requiresGrad(true);
 * GradCheck.check(in -> in[0].sigmoid().log(), x).assertWithin(1e-6, 1e-5);
 * }</pre>
 */
public final class GradCheck {

  /**
   * Errors for one input.
   *
   * @param input the input's position in the argument list of {@link #check}
   * @param shape the input's shape
   * @param maxAbsError largest {@code |a − n|} over the input's elements (+∞ if any is NaN)
   * @param maxRelError largest {@code |a − n| / max(|a|, |n|)} (0 where both are 0)
   * @param worstIndex the element with the largest error relative to {@code |n|}, or -1 for an
   *     empty input
   * @param worstAnalytic the analytic derivative there
   * @param worstNumeric the finite-difference derivative there
   * @param analytic every analytic derivative (of the projected output), row-major
   * @param numeric every finite-difference derivative, row-major
   */
  public record InputReport(
      int input,
      int[] shape,
      double maxAbsError,
      double maxRelError,
      int worstIndex,
      double worstAnalytic,
      double worstNumeric,
      double[] analytic,
      double[] numeric) {

    /** A copy of the shape. */
    @Override
    public int[] shape() {
      return shape.clone();
    }

    /** A copy of the analytic derivatives. */
    @Override
    public double[] analytic() {
      return analytic.clone();
    }

    /** A copy of the finite-difference derivatives. */
    @Override
    public double[] numeric() {
      return numeric.clone();
    }
  }

  /**
   * Errors for every checked input (inputs that do not require grad are skipped).
   *
   * @param inputs one report per checked input, in argument order
   */
  public record Report(List<InputReport> inputs) {

    /** Largest absolute error over all inputs. */
    public double maxAbsError() {
      return inputs.stream().mapToDouble(InputReport::maxAbsError).max().orElse(0.0);
    }

    /**
     * Largest relative error {@code |a − n| / max(|a|, |n|)} over all inputs (0 where both are 0).
     */
    public double maxRelError() {
      return inputs.stream().mapToDouble(InputReport::maxRelError).max().orElse(0.0);
    }

    /**
     * Checks every element of every input.
     *
     * @throws AssertionError unless every element satisfies {@code |a − n| ≤ atol + rtol·|n|} (a
     *     NaN on either side fails); the message names the input, the element furthest beyond its
     *     tolerance and both values
     */
    public void assertWithin(double atol, double rtol) {
      for (InputReport r : inputs) {
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < r.analytic.length; i++) {
          double a = r.analytic[i];
          double n = r.numeric[i];
          double excess = Math.abs(a - n) - (atol + rtol * Math.abs(n));
          if (Double.isNaN(excess)) {
            excess = Double.POSITIVE_INFINITY;
          }
          if (excess > 0 && (worst < 0 || excess > worstExcess)) {
            worst = i;
            worstExcess = excess;
          }
        }
        if (worst >= 0) {
          throw new AssertionError(
              "gradient of input "
                  + r.input()
                  + " "
                  + Shape.format(r.shape)
                  + " at element "
                  + worst
                  + ": analytic "
                  + r.analytic[worst]
                  + ", numeric "
                  + r.numeric[worst]
                  + " (max abs error "
                  + r.maxAbsError()
                  + ", max rel error "
                  + r.maxRelError()
                  + ", atol "
                  + atol
                  + ", rtol "
                  + rtol
                  + ")");
        }
      }
    }
  }

  private GradCheck() {}

  /** {@link #check(Function, double, long, Tensor...)} with ε = 1e-6 and projection seed 0. */
  public static Report check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    return check(f, 1e-6, 0L, inputs);
  }

  /**
   * @param f the function; it must be deterministic (re-seed any randomness inside it)
   * @param eps the finite-difference step
   * @param seed seed of the random projection direction for non-scalar outputs
   * @throws IllegalArgumentException if no input requires grad or the output is not finite
   */
  public static Report check(
      Function<Tensor[], Tensor> f, double eps, long seed, Tensor... inputs) {
    List<Tensor> checked = new ArrayList<>();
    for (Tensor t : inputs) {
      if (t.requiresGrad()) {
        checked.add(t);
      }
    }
    if (checked.isEmpty()) {
      throw new IllegalArgumentException("GradCheck: no input requires grad");
    }
    Tensor out = f.apply(inputs);
    double[] r = new double[out.numel()];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < r.length; i++) {
      r[i] = r.length == 1 ? 1.0 : rng.nextDouble(-1.0, 1.0);
    }
    List<Tensor> analytic = analyticGradients(out, r, checked);

    List<InputReport> reports = new ArrayList<>();
    for (int c = 0; c < checked.size(); c++) {
      Tensor x = checked.get(c);
      double[] xs = x.buffer();
      double[] a = analytic.get(c).toArray();
      double[] numeric = new double[xs.length];
      double maxAbs = 0;
      double maxRel = 0;
      int worst = -1;
      double worstExcess = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < xs.length; i++) {
        double saved = xs[i];
        xs[i] = saved + eps;
        double plus = projected(f, inputs, r);
        xs[i] = saved - eps;
        double minus = projected(f, inputs, r);
        xs[i] = saved;
        numeric[i] = (plus - minus) / (2 * eps);
        double abs = Math.abs(a[i] - numeric[i]);
        double scale = Math.max(Math.abs(a[i]), Math.abs(numeric[i]));
        double rel = scale == 0 ? 0 : abs / scale;
        if (Double.isNaN(abs)) {
          abs = Double.POSITIVE_INFINITY;
          rel = Double.POSITIVE_INFINITY;
        }
        maxAbs = Math.max(maxAbs, abs);
        maxRel = Math.max(maxRel, rel);
        double excess = abs / (1e-12 + Math.abs(numeric[i]));
        if (worst < 0 || excess > worstExcess) {
          worst = i;
          worstExcess = excess;
        }
      }
      double wa = worst < 0 ? 0 : a[worst];
      double wn = worst < 0 ? 0 : numeric[worst];
      reports.add(
          new InputReport(
              inputIndex(inputs, x), x.shape(), maxAbs, maxRel, worst, wa, wn, a, numeric));
    }
    return new Report(List.copyOf(reports));
  }

  /**
   * rᵀJ for each checked input by one backward pass; zeros when the output is empty (nothing
   * depends on x).
   */
  private static List<Tensor> analyticGradients(Tensor out, double[] r, List<Tensor> checked) {
    if (out.numel() == 0) {
      List<Tensor> zeros = new ArrayList<>();
      for (Tensor t : checked) {
        zeros.add(Tensor.zeros(t.shape()));
      }
      return zeros;
    }
    return Autograd.grad(out.mul(Tensor.of(r, out.shape())).sum(), checked);
  }

  @SuppressWarnings("try") // the scope is used for its effect
  private static double projected(Function<Tensor[], Tensor> f, Tensor[] inputs, double[] r) {
    try (NoGrad ignored = NoGrad.enter()) {
      double[] y = f.apply(inputs).buffer();
      double s = 0;
      for (int i = 0; i < y.length; i++) {
        s += r[i] * y[i];
      }
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException(
            "GradCheck: the function is not finite near the point checked");
      }
      return s;
    }
  }

  private static int inputIndex(Tensor[] inputs, Tensor x) {
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == x) {
        return i;
      }
    }
    return -1;
  }
}
