package io.github.focal4j.loss;

import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Tensor;

/**
 * The binary driver every binary loss shares: checks the inputs, turns each element into its margin
 * {@code z = (2y − 1)·x}, evaluates the loss's {@link MarginFunction} (composed, or fused in one pass),
 * applies α, label smoothing, mask and weights, and reduces.
 *
 * <p>Per element, with α_t = α for y = 1 and 1 − α for y = 0 (1 when α is off) and smoothing s:
 * {@code ℓ = (1 − s/2)·f(z; α_t) + (s/2)·f(−z; 1 − α_t)} — the loss against the smoothed target
 * {@code y(1 − s) + s/2}, written as the two-class sum so that it equals the multi-class loss on logits
 * {@code [0, x]}.
 */
final class BinaryMarginLoss implements BinaryLoss {

  private final String name;
  private final String description;
  private final MarginFunction f;
  private final double alpha; // NaN: off
  private final double smoothing;
  private final Reduction reduction;
  private final Normalization normalization;
  private final Implementation implementation;

  BinaryMarginLoss(String name, String description, MarginFunction f, double alpha, double smoothing,
      Reduction reduction, Normalization normalization, Implementation implementation) {
    this.name = name;
    this.description = description;
    this.f = f;
    this.alpha = alpha;
    this.smoothing = smoothing;
    this.reduction = reduction;
    this.normalization = normalization;
    this.implementation = implementation;
  }

  @Override
  public Tensor apply(Tensor logits, Tensor targets) {
    return apply(logits, targets, null, null);
  }

  @Override
  public Tensor apply(Tensor logits, Tensor targets, Tensor mask) {
    Inputs.notNull(name, "mask", mask);
    return apply(logits, targets, mask, null);
  }

  @Override
  public Tensor apply(Tensor logits, Tensor targets, Tensor mask, Tensor weights) {
    Inputs.notNull(name, "logits", logits);
    Inputs.notNull(name, "targets", targets);
    Inputs.sameShape(name, "targets", targets.shape(), "logits", logits.shape());
    Inputs.optional(name, "mask", mask, targets.shape());
    Inputs.optional(name, "weights", weights, targets.shape());
    return implementation == Implementation.FUSED ? fused(logits, targets, mask, weights)
        : composed(logits, targets, mask, weights);
  }

  // ---------------------------------------------------------------- composed (the reference)

  private Tensor composed(Tensor logits, Tensor targets, Tensor mask, Tensor weights) {
    Inputs.finite(name, logits);
    int n = logits.numel();
    int[] shape = logits.shape();
    double[] ys = targets.buffer();
    double[] ms = mask == null ? null : mask.buffer();
    double[] ws = weights == null ? null : weights.buffer();
    double[] y = new double[n]; // targets with invalid elements set to 0
    double[] coef = new double[n]; // mask · weight
    long valid = 0;
    long positives = 0;
    for (int i = 0; i < n; i++) {
      if (ms != null && ms[i] != 1.0) {
        if (ms[i] != 0.0) {
          throw Inputs.badMask(name, i, shape, ms[i]);
        }
        continue;
      }
      if (ys[i] != 0.0 && ys[i] != 1.0) {
        throw Inputs.badBinaryTarget(name, i, shape, ys[i]);
      }
      double w = ws == null ? 1.0 : ws[i];
      if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
        throw Inputs.badWeight(name, i, shape, w);
      }
      y[i] = ys[i];
      coef[i] = w;
      valid++;
      positives += ys[i] == 1.0 ? 1 : 0;
    }
    Tensor yt = Tensor.of(y, shape);
    Tensor z = Margin.binary(logits, yt); // z = (2y − 1)·x
    Tensor alphaT = Double.isNaN(alpha) ? null : yt.mul(alpha).add(yt.rsub(1.0).mul(1.0 - alpha));
    Tensor loss = f.composed(z, alphaT);
    if (smoothing > 0) {
      Tensor alphaOther = alphaT == null ? null : alphaT.rsub(1.0);
      loss = loss.mul(1.0 - smoothing / 2).add(f.composed(z.neg(), alphaOther).mul(smoothing / 2));
    }
    if (ms != null || ws != null) {
      loss = loss.mul(Tensor.of(coef, shape));
    }
    return Reduce.composed(name, loss, reduction, Reduce.scale(reduction, normalization, valid, positives), logits);
  }

  // ---------------------------------------------------------------- fused

  private Tensor fused(Tensor logits, Tensor targets, Tensor mask, Tensor weights) {
    int n = logits.numel();
    int[] shape = logits.shape();
    double[] xs = logits.buffer();
    double[] ys = targets.buffer();
    double[] ms = mask == null ? null : mask.buffer();
    double[] ws = weights == null ? null : weights.buffer();
    boolean wantGrad = logits.requiresGrad() && NoGrad.isGradEnabled();
    double[] grad = wantGrad ? new double[n] : null;
    double[] out = reduction == Reduction.NONE ? new double[n] : null;
    int chunks = Chunks.count(n, Chunks.GRAIN);
    double[] sums = new double[chunks];
    long[] valid = new long[chunks];
    long[] positives = new long[chunks];
    boolean hasAlpha = !Double.isNaN(alpha);
    double s = smoothing;
    Chunks.run(n, Chunks.GRAIN, (c, from, to) -> {
      double[] slope = new double[1];
      double sum = 0;
      long v = 0;
      long p = 0;
      for (int i = from; i < to; i++) {
        double x = xs[i];
        if (!Double.isFinite(x)) {
          throw Inputs.nonFinite(name, i, shape, x);
        }
        if (ms != null && ms[i] != 1.0) {
          if (ms[i] != 0.0) {
            throw Inputs.badMask(name, i, shape, ms[i]);
          }
          continue; // loss 0, gradient 0 (the arrays start zeroed)
        }
        double y = ys[i];
        double sign;
        if (y == 1.0) {
          sign = 1.0;
          p++;
        } else if (y == 0.0) {
          sign = -1.0;
        } else {
          throw Inputs.badBinaryTarget(name, i, shape, y);
        }
        double w = ws == null ? 1.0 : ws[i];
        if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
          throw Inputs.badWeight(name, i, shape, w);
        }
        double z = sign * x;
        double at = hasAlpha ? (y == 1.0 ? alpha : 1.0 - alpha) : 1.0;
        double l = f.valueAndSlope(z, at, slope);
        double dz = slope[0];
        if (s > 0) {
          l *= 1.0 - s / 2;
          dz *= 1.0 - s / 2;
          l += s / 2 * f.valueAndSlope(-z, hasAlpha ? 1.0 - at : 1.0, slope);
          dz -= s / 2 * slope[0];
        }
        double li = w * l;
        sum += li;
        if (out != null) {
          out[i] = li;
        }
        if (grad != null) {
          grad[i] = w * sign * dz;
        }
        v++;
      }
      sums[c] = sum;
      valid[c] = v;
      positives[c] = p;
    });
    double scale = Reduce.scale(reduction, normalization, Chunks.sum(valid), Chunks.sum(positives));
    return Reduce.fused(name, reduction, scale, out, Chunks.sum(sums), shape, grad, 1, logits);
  }

  @Override
  public String toString() {
    return description + ", alpha=" + (Double.isNaN(alpha) ? "off" : alpha) + ", reduction=" + reduction
        + (reduction == Reduction.MEAN ? ", normalization=" + normalization : "") + ", " + implementation + ")";
  }
}
