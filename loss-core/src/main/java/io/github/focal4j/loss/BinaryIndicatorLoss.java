package io.github.focal4j.loss;

import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.Chunks;
import io.github.focal4j.loss.engine.GradientPool;
import io.github.focal4j.loss.engine.IndicatorLanes;
import io.github.focal4j.loss.engine.LaneMath;
import java.util.OptionalDouble;

/**
 * The binary driver of the overlap losses ({@link IndicatorFunction}): checks the inputs as {@link
 * BinaryMarginLoss} does (same messages, same order), evaluates {@code ℓ(x, y)} on the logit itself
 * (composed, or fused in one pass), applies α_t (α for y = 1, 1 − α for y = 0, 1 when off), mask
 * and weights, and reduces. The fused kernel has a scalar form and, for {@link DiceLoss} and {@link
 * TverskyLoss}, a vector form ({@link IndicatorLanes}) used when {@link Simd#ENABLED}.
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
   * @param alpha the weight of positives in [0, 1] (negatives get 1 − alpha), or empty when α is
   *     off
   */
  BinaryIndicatorLoss(
      String name,
      String description,
      IndicatorFunction f,
      OptionalDouble alpha,
      Reduction reduction,
      Normalization normalization,
      Implementation implementation) {
    this.name = name;
    this.description = description;
    this.f = f;
    this.hasAlpha = alpha.isPresent();
    this.alphaPositive = alpha.orElse(1.0);
    this.alphaNegative = hasAlpha ? 1.0 - alpha.getAsDouble() : 1.0;
    this.reduction = reduction;
    this.normalization = normalization;
    this.implementation = implementation;
  }

  /**
   * The loss a binary builder describes, with f as its per-element function: the one place that
   * reads the builder's shared options (reduction, normalization, implementation, α).
   *
   * @throws IllegalArgumentException for a non-default normalization without {@link Reduction#MEAN}
   */
  static BinaryLoss of(BinaryLossBuilder<?> b, IndicatorFunction f, String description) {
    b.checkReduction();
    return new BinaryIndicatorLoss(
        b.loss, description, f, b.alpha, b.reduction, b.normalization, b.implementation);
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
    return implementation == Implementation.FUSED
        ? fused(logits, targets, mask, weights)
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
    return Reduce.composed(
        name, loss, reduction, Reduce.scale(reduction, normalization, valid, positives), logits);
  }

  // ---------------------------------------------------------------- fused

  /** The arrays of one call. grad and out are null when not wanted. */
  private record Batch(
      double[] x,
      double[] y,
      double[] mask,
      double[] weights,
      double[] grad,
      double[] out,
      int[] shape) {}

  /**
   * A coefficient no element can have (weights and α_t are ≥ 0): {@link #coefficient} for a masked
   * element.
   */
  private static final double MASKED = -1.0;

  private Tensor fused(Tensor logits, Tensor targets, Tensor mask, Tensor weights) {
    int n = logits.numel();
    boolean wantGrad = logits.requiresGrad() && NoGrad.isGradEnabled();
    Batch b =
        new Batch(
            logits.buffer(),
            targets.buffer(),
            mask == null ? null : mask.buffer(),
            weights == null ? null : weights.buffer(),
            wantGrad ? GradientPool.take(n) : null,
            reduction == Reduction.NONE ? new double[n] : null,
            logits.shape());
    Chunks.Partial[] partials = new Chunks.Partial[Chunks.count(n, Chunks.GRAIN)];
    Chunks.run(
        n,
        Chunks.GRAIN,
        (c, from, to) -> {
          IndicatorLanes lanes =
              Simd.ENABLED ? lanesOf(f) : null; // per chunk: it holds work arrays
          partials[c] = lanes == null ? scalarChunk(b, from, to) : vectorChunk(lanes, b, from, to);
        });
    Chunks.Partial total = Chunks.Partial.total(partials);
    double scale = Reduce.scale(reduction, normalization, total.valid, total.positives);
    return Reduce.fused(name, reduction, scale, b.out, total.sum, b.shape, b.grad, 1, logits);
  }

  /**
   * Checks element i — logit finite, mask 0 or 1, target 0 or 1, weight finite and ≥ 0, in that
   * order (as {@link BinaryMarginLoss}), the target and weight only where the mask is 1 — and
   * returns its coefficient w·α_t, or {@link #MASKED}.
   */
  private double coefficient(Batch b, int i) {
    double x = b.x[i];
    if (!Double.isFinite(x)) {
      throw Inputs.nonFinite(name, i, b.shape, x);
    }
    if (b.mask != null && b.mask[i] != 1.0) {
      if (b.mask[i] != 0.0) {
        throw Inputs.badMask(name, i, b.shape, b.mask[i]);
      }
      return MASKED;
    }
    double y = b.y[i];
    if (y != 0.0 && y != 1.0) {
      throw Inputs.badBinaryTarget(name, i, b.shape, y);
    }
    double w = b.weights == null ? 1.0 : b.weights[i];
    if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
      throw Inputs.badWeight(name, i, b.shape, w);
    }
    return w * (y == 1.0 ? alphaPositive : alphaNegative);
  }

  /**
   * The vector form of a built-in function, or null for any other (which then runs the scalar
   * kernel). Call only when {@link Simd#ENABLED}.
   */
  private static IndicatorLanes lanesOf(IndicatorFunction f) {
    if (f instanceof DiceLoss dice) {
      return dice.lanes();
    } else if (f instanceof TverskyLoss tversky) {
      return tversky.lanes();
    }
    return null;
  }

  /** The scalar kernel on elements [from, to): one pass, loss and gradient together. */
  private Chunks.Partial scalarChunk(Batch b, int from, int to) {
    Chunks.Partial acc = new Chunks.Partial();
    double[] slope = new double[1];
    for (int i = from; i < to; i++) {
      double k = coefficient(b, i);
      if (k == MASKED) { // loss 0 (out starts zeroed), gradient 0
        if (b.grad != null) {
          b.grad[i] = 0.0;
        }
        continue;
      }
      boolean positive = b.y[i] == 1.0;
      double l = k * f.valueAndSlope(b.x[i], positive, slope);
      acc.sum += l;
      if (b.out != null) {
        b.out[i] = l;
      }
      if (b.grad != null) {
        b.grad[i] = k * slope[0];
      }
      acc.valid++;
      acc.positives += positive ? 1 : 0;
    }
    return acc;
  }

  /** Elements per block of the vector kernel. */
  static final int BLOCK = 256;

  /**
   * The vector kernel on elements [from, to), in blocks of {@link #BLOCK}: check and stage each
   * element (one by one, with the scalar kernel's errors in its order; masked elements and the
   * padding up to a whole vector staged as z = 0, y = 0), the function's {@link IndicatorLanes} on
   * the block, then one pass that writes the gradient and adds up the loss in element order (so the
   * sum is the scalar kernel's order).
   */
  private Chunks.Partial vectorChunk(IndicatorLanes lanes, Batch b, int from, int to) {
    Chunks.Partial acc = new Chunks.Partial();
    double[] z = new double[BLOCK];
    double[] y = new double[BLOCK];
    double[] k = new double[BLOCK];
    double[] value = new double[BLOCK];
    double[] slope = new double[BLOCK];
    for (int start = from; start < to; start += BLOCK) {
      int len = Math.min(BLOCK, to - start);
      int padded = LaneMath.roundUp(len);
      for (int j = 0; j < padded; j++) {
        double c = j < len ? coefficient(b, start + j) : MASKED;
        k[j] = c;
        z[j] = c == MASKED ? 0.0 : b.x[start + j];
        y[j] = c == MASKED ? 0.0 : b.y[start + j];
      }
      lanes.valuesAndSlopes(z, y, value, slope, padded);
      for (int j = 0; j < len; j++) {
        int i = start + j;
        if (k[j] == MASKED) {
          if (b.grad != null) {
            b.grad[i] = 0.0;
          }
          continue;
        }
        double l = k[j] * value[j];
        acc.sum += l;
        if (b.out != null) {
          b.out[i] = l;
        }
        if (b.grad != null) {
          b.grad[i] = k[j] * slope[j];
        }
        acc.valid++;
        acc.positives += y[j] == 1.0 ? 1 : 0;
      }
    }
    return acc;
  }

  @Override
  public String toString() {
    return description
        + ", alpha="
        + (hasAlpha ? alphaPositive : "off")
        + ", reduction="
        + reduction
        + (reduction == Reduction.MEAN ? ", normalization=" + normalization : "")
        + ", "
        + implementation
        + ")";
  }
}
