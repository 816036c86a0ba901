package io.github.focal4j.ner.plot;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.BinaryLoss;
import io.github.focal4j.loss.FocalLoss;
import io.github.focal4j.loss.HardTruncationLoss;
import io.github.focal4j.loss.SoftenedLoss;
import io.github.focal4j.loss.WeightGradient;
import java.util.ArrayList;
import java.util.List;

/**
 * The pictures of Su Jianlin's article as numbers: a binary loss and its derivative against the
 * logit x, for y = 1 and y = 0, and the weight factors that make the losses differ.
 *
 * <p>Values and gradients come from loss-core and the autodiff, not from closed forms: for each x a
 * one-element logit tensor is built, the loss applied with target y, and {@code backward()} run;
 * dL/dx is the logit's gradient. The weights come from the losses' own {@code weight}/{@code
 * lambda} methods at the margin z = (2y − 1)x.
 */
public final class LossCurves {

  private LossCurves() {}

  /**
   * One abscissa of a loss curve.
   *
   * @param x the logit
   * @param lossY1 L(x, y = 1)
   * @param gradY1 dL/dx at y = 1
   * @param lossY0 L(x, y = 0)
   * @param gradY0 dL/dx at y = 0
   */
  public record Point(double x, double lossY1, double gradY1, double lossY0, double gradY0) {}

  /**
   * {@code n} evenly spaced logits from {@code from} to {@code to}, both included (numpy's {@code
   * linspace}).
   *
   * @throws IllegalArgumentException for n &lt; 2, a non-finite end, or from ≥ to
   */
  public static double[] grid(double from, double to, int n) {
    if (n < 2) {
      throw new IllegalArgumentException("--steps must be >= 2, got " + n);
    }
    if (!Double.isFinite(from) || !Double.isFinite(to) || !(from < to)) {
      throw new IllegalArgumentException(
          "--from must be below --to, both finite; got " + from + " and " + to);
    }
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = i == n - 1 ? to : from + i * (to - from) / (n - 1);
    }
    return xs;
  }

  /** The loss and its autodiff gradient at each x, for y = 1 and y = 0. */
  public static List<Point> compute(BinaryLoss loss, double[] xs) {
    List<Point> out = new ArrayList<>(xs.length);
    for (double x : xs) {
      double[] y1 = valueAndGrad(loss, x, 1.0);
      double[] y0 = valueAndGrad(loss, x, 0.0);
      out.add(new Point(x, y1[0], y1[1], y0[0], y0[1]));
    }
    return out;
  }

  private static double[] valueAndGrad(BinaryLoss loss, double x, double y) {
    Tensor logit = Tensor.of(new double[] {x}, 1).requiresGrad(true);
    Tensor l = loss.apply(logit, Tensor.of(new double[] {y}, 1));
    if (l.requiresGrad()) {
      l.backward();
    }
    Tensor g = logit.grad();
    return new double[] {l.item(), g == null ? 0.0 : g.item()};
  }

  /** The softened loss's weight σ(−K·z) at margin z (y = 1: z = x; y = 0: z = −x). */
  public static double softWeight(double k, double z) {
    return SoftenedLoss.function(k, WeightGradient.FULL).weight(Tensor.scalar(z)).item();
  }

  /** The focal factor (1 − p_t)^γ at margin z. */
  public static double focalWeight(double gamma, double z) {
    return FocalLoss.function(gamma, java.util.OptionalDouble.empty(), WeightGradient.FULL)
        .weight(Tensor.scalar(z))
        .item();
  }

  /** Hard truncation's λ = θ(m − p_t) at margin z. */
  public static double hardWeight(double threshold, double z) {
    return HardTruncationLoss.function(threshold).lambda(Tensor.scalar(z)).item();
  }
}
