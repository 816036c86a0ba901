package io.github.focal4j.loss;

import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Tensor;

/**
 * The binary driver of the overlap losses ({@link IndicatorFunction}): checks the inputs as
 * {@link BinaryMarginLoss} does (same messages, same order), evaluates {@code ℓ(x, y)} on the logit itself
 * (composed, or fused in one pass), applies α_t (α for y = 1, 1 − α for y = 0, 1 when off), mask and weights,
 * and reduces. The fused kernel is scalar only.
 */
final class BinaryIndicatorLoss implements BinaryLoss {

  private final String name;
  private final String description;
  private final IndicatorFunction f;
  private final boolean hasAlpha;
  private final double alphaPositive;
  private final double alphaNegative;
  private final Reduction reduction;
  private final Normalization normalization;
  private final Implementation implementation;

  /**
   * @param alpha the weight of positives in [0, 1] (negatives get 1 − alpha), or null when α is off
   */
  BinaryIndicatorLoss(String name, String description, IndicatorFunction f, Double alpha, Reduction reduction,
      Normalization normalization, Implementation implementation) {
    this.name = name;
    this.description = description;
    this.f = f;
    this.hasAlpha = alpha != null;
    this.alphaPositive = hasAlpha ? alpha : 1.0;
    this.alphaNegative = hasAlpha ? 1.0 - alpha : 1.0;
    this.reduction = reduction;
    this.normalization = normalization;
    this.implementation = implementation;
  }

  /**
   * The loss a binary builder describes, with f as its per-element function: the one place that reads the
   * builder's shared options (reduction, normalization, implementation, α).
   *
   * @throws IllegalArgumentException for a non-default normalization without {@link Reduction#MEAN}
   */
  static BinaryLoss of(BinaryLossBuilder<?> b, IndicatorFunction f, String description) {
    b.checkReduction();
    Double alpha = Double.isNaN(b.alpha) ? null : b.alpha;
    return new BinaryIndicatorLoss(b.loss, description, f, alpha, b.reduction, b.normalization, b.implementation);
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
    double[] coef = new double[n]; // mask · weight · α_t
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
      coef[i] = w * (ys[i] == 1.0 ? alphaPositive : alphaNegative);
      valid++;
      positives += ys[i] == 1.0 ? 1 : 0;
    }
    Tensor loss = f.composed(logits, Tensor.of(y, shape));
    if (ms != null || ws != null || hasAlpha) {
      loss = loss.mul(Tensor.of(coef, shape));
    }
    return Reduce.composed(name, loss, reduction, Reduce.scale(reduction, normalization, valid, positives), logits);
  }

  // ---------------------------------------------------------------- fused (scalar)

  private Tensor fused(Tensor logits, Tensor targets, Tensor mask, Tensor weights) {
    int n = logits.numel();
    int[] shape = logits.shape();
    double[] xs = logits.buffer();
    double[] ys = targets.buffer();
    double[] ms = mask == null ? null : mask.buffer();
    double[] ws = weights == null ? null : weights.buffer();
    boolean wantGrad = logits.requiresGrad() && NoGrad.isGradEnabled();
    double[] grad = wantGrad ? GradientPool.take(n) : null;
    double[] out = reduction == Reduction.NONE ? new double[n] : null;
    Chunks.Partial[] partials = new Chunks.Partial[Chunks.count(n, Chunks.GRAIN)];
    Chunks.run(n, Chunks.GRAIN, (c, from, to) -> {
      Chunks.Partial acc = new Chunks.Partial();
      double[] slope = new double[1];
      for (int i = from; i < to; i++) {
        double x = xs[i];
        if (!Double.isFinite(x)) {
          throw Inputs.nonFinite(name, i, shape, x);
        }
        if (ms != null && ms[i] != 1.0) {
          if (ms[i] != 0.0) {
            throw Inputs.badMask(name, i, shape, ms[i]);
          }
          if (grad != null) {
            grad[i] = 0.0; // loss 0 (out starts zeroed), gradient 0
          }
          continue;
        }
        double y = ys[i];
        if (y != 0.0 && y != 1.0) {
          throw Inputs.badBinaryTarget(name, i, shape, y);
        }
        double w = ws == null ? 1.0 : ws[i];
        if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
          throw Inputs.badWeight(name, i, shape, w);
        }
        boolean positive = y == 1.0;
        double k = w * (positive ? alphaPositive : alphaNegative);
        double l = k * f.valueAndSlope(x, positive, slope);
        acc.sum += l;
        if (out != null) {
          out[i] = l;
        }
        if (grad != null) {
          grad[i] = k * slope[0];
        }
        acc.valid++;
        acc.positives += positive ? 1 : 0;
      }
      partials[c] = acc;
    });
    Chunks.Partial total = Chunks.Partial.total(partials);
    double scale = Reduce.scale(reduction, normalization, total.valid, total.positives);
    return Reduce.fused(name, reduction, scale, out, total.sum, shape, grad, 1, logits);
  }

  @Override
  public String toString() {
    return description + ", alpha=" + (hasAlpha ? alphaPositive : "off") + ", reduction=" + reduction
        + (reduction == Reduction.MEAN ? ", normalization=" + normalization : "") + ", " + implementation + ")";
  }
}
