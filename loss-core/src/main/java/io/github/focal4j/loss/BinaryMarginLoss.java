package io.github.focal4j.loss;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.LT;

import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.Chunks;
import io.github.focal4j.loss.engine.GradientPool;
import io.github.focal4j.loss.engine.LaneMath;
import io.github.focal4j.loss.engine.MarginLanes;
import java.util.OptionalDouble;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The binary driver every binary loss shares: checks the inputs, turns each element into its margin
 * {@code z = (2y − 1)·x}, evaluates the loss's {@link MarginFunction} (composed, or fused in one
 * pass), applies α, label smoothing, mask and weights, and reduces.
 *
 * <p>Per element, with α_t = α for y = 1 and 1 − α for y = 0 (1 when α is off) and smoothing s:
 * {@code ℓ = (1 − s/2)·f(z; α_t) + (s/2)·f(−z; 1 − α_t)} — the loss against the smoothed target
 * {@code y(1 − s) + s/2}, written as the two-class sum so that it equals the multi-class loss on
 * logits {@code [0, x]}.
 */
final class BinaryMarginLoss implements BinaryLoss {

  private final String name;
  private final String description;
  private final MarginFunction f;
  private final OptionalDouble alpha;
  private final double smoothing;
  private final Reduction reduction;
  private final Normalization normalization;
  private final Implementation implementation;

  BinaryMarginLoss(
      String name,
      String description,
      MarginFunction f,
      OptionalDouble alpha,
      double smoothing,
      Reduction reduction,
      Normalization normalization,
      Implementation implementation) {
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
    return run(logits, targets, null, null);
  }

  @Override
  public Tensor apply(Tensor logits, Tensor targets, Tensor mask) {
    Inputs.notNull(name, "mask", mask);
    return run(logits, targets, mask, null);
  }

  @Override
  public Tensor apply(Tensor logits, Tensor targets, Tensor mask, Tensor weights) {
    Inputs.notNull(name, "mask", mask);
    Inputs.notNull(name, "weights", weights);
    return run(logits, targets, mask, weights);
  }

  /** The loss; mask and weights may be null here (all valid, all 1). */
  private Tensor run(Tensor logits, Tensor targets, Tensor mask, Tensor weights) {
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
    Tensor alphaT =
        alpha.isEmpty()
            ? null
            : yt.mul(alpha.getAsDouble()).add(yt.rsub(1.0).mul(1.0 - alpha.getAsDouble()));
    Tensor loss = f.composed(z, alphaT);
    if (smoothing > 0) {
      Tensor alphaOther = alphaT == null ? null : alphaT.rsub(1.0);
      loss = loss.mul(1.0 - smoothing / 2).add(f.composed(z.neg(), alphaOther).mul(smoothing / 2));
    }
    if (ms != null || ws != null) {
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
   * A weight no element can have (weights are ≥ 0): {@link #weightOf} returns it for a masked
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
          MarginLanes lanes =
              Simd.ENABLED ? MarginRows.lanesOf(f) : null; // per chunk: it holds work arrays
          partials[c] =
              lanes == null ? scalarChunk(b, from, to) : Vectorized.chunk(this, lanes, b, from, to);
        });
    Chunks.Partial total = Chunks.Partial.total(partials);
    double scale = Reduce.scale(reduction, normalization, total.valid, total.positives);
    return Reduce.fused(name, reduction, scale, b.out, total.sum, b.shape, b.grad, 1, logits);
  }

  /**
   * Checks element i — logit finite, mask 0 or 1, target 0 or 1, weight finite and ≥ 0, in that
   * order, the target and weight only where the mask is 1 — and returns its weight, or {@link
   * #MASKED}.
   */
  private double weightOf(Batch b, int i) {
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
    return w;
  }

  /** α_t: α for y = 1, 1 − α for y = 0, 1 when α is off. */
  private double alphaOf(double y) {
    return alpha.isEmpty() ? 1.0 : y == 1.0 ? alpha.getAsDouble() : 1.0 - alpha.getAsDouble();
  }

  /** The scalar kernel on elements [from, to): one pass, loss and gradient together. */
  private Chunks.Partial scalarChunk(Batch b, int from, int to) {
    Chunks.Partial acc = new Chunks.Partial();
    double[] slope = new double[1];
    double s = smoothing;
    for (int i = from; i < to; i++) {
      double w = weightOf(b, i);
      if (w == MASKED) { // loss 0 (out starts zeroed), gradient 0
        if (b.grad != null) {
          b.grad[i] = 0.0;
        }
        continue;
      }
      double y = b.y[i];
      double sign = 2.0 * y - 1.0;
      double z = sign * b.x[i];
      double at = alphaOf(y);
      double l = f.valueAndSlope(z, at, slope);
      double dz = slope[0];
      if (s > 0) {
        l *= 1.0 - s / 2;
        dz *= 1.0 - s / 2;
        l += s / 2 * f.valueAndSlope(-z, alpha.isEmpty() ? 1.0 : 1.0 - at, slope);
        dz -= s / 2 * slope[0];
      }
      double li = w * l;
      acc.sum += li;
      if (b.out != null) {
        b.out[i] = li;
      }
      if (b.grad != null) {
        b.grad[i] = w * sign * dz;
      }
      acc.valid++;
      acc.positives += (long) y;
    }
    return acc;
  }

  /**
   * The vector kernel, in blocks of {@link #BLOCK} elements. Per block: stage each element's margin
   * z = (2y − 1)·x, its α_t, its weight w (0 where masked) and w·(2y − 1) in small arrays — a whole
   * vector at a time when its elements are plain (finite logit, target 0 or 1, mask 1, valid
   * weight), element by element with {@link #weightOf} otherwise, which also throws the scalar
   * kernel's errors in the same order; then the loss's {@link MarginLanes} gives values and slopes;
   * then one pass writes the gradient and adds up the loss per lane, the lanes added in order at
   * the end. (Only booleans and arrays cross branches and calls here: C2 boxes a vector merged from
   * two branches or passed to a call it does not inline.)
   */
  static final class Vectorized {
    static final int BLOCK = 256;

    private final BinaryMarginLoss loss;
    private final MarginLanes lanes;
    private final Batch b;
    private final boolean hasAlpha;
    private final double alphaPositive; // α_t for y = 1
    private final double alphaNegative; // α_t for y = 0
    private final double[] z = new double[BLOCK];
    private final double[] at = new double[BLOCK];
    private final double[] coef = new double[BLOCK]; // w, 0 where masked
    private final double[] coefSign = new double[BLOCK]; // w·(2y − 1)
    private final double[] value = new double[BLOCK];
    private final double[] slope = new double[BLOCK];
    private final int[] masked = new int[BLOCK];
    private final double[] sum = new double[LaneMath.LENGTH]; // per lane
    private final Chunks.Partial acc = new Chunks.Partial();
    private int maskedCount;

    private Vectorized(BinaryMarginLoss loss, MarginLanes lanes, Batch b) {
      this.loss = loss;
      this.lanes = lanes;
      this.b = b;
      this.hasAlpha = loss.alpha.isPresent();
      this.alphaPositive = loss.alpha.orElse(1.0);
      this.alphaNegative = hasAlpha ? 1.0 - loss.alpha.getAsDouble() : 1.0;
      java.util.Arrays.fill(at, 1.0);
    }

    static Chunks.Partial chunk(
        BinaryMarginLoss loss, MarginLanes lanes, Batch b, int from, int to) {
      Vectorized v = new Vectorized(loss, lanes, b);
      for (int start = from; start < to; start += BLOCK) {
        v.block(start, Math.min(BLOCK, to - start));
      }
      for (double lane : v.sum) { // in lane order: not reduceLanes, whose order may vary
        v.acc.sum += lane;
      }
      return v.acc;
    }

    private void block(int start, int len) {
      final int width = LaneMath.LENGTH;
      final VectorSpecies<Double> species = LaneMath.SPECIES;
      boolean unitWeights =
          b.mask == null && b.weights == null; // then coef is 1 wherever it is read
      int full = len - len % width;
      int padded = LaneMath.roundUp(len);
      long valid = 0;
      long positives = 0;
      maskedCount = 0;
      for (int k = 0; k < full; k += width) {
        int i = start + k;
        DoubleVector x = DoubleVector.fromArray(species, b.x, i);
        DoubleVector y = DoubleVector.fromArray(species, b.y, i);
        VectorMask<Double> positive = y.compare(EQ, 1.0);
        boolean plain =
            x.abs()
                .compare(LT, Double.POSITIVE_INFINITY)
                .and(positive.or(y.compare(EQ, 0.0)))
                .allTrue();
        if (b.mask != null) {
          plain &= DoubleVector.fromArray(species, b.mask, i).compare(EQ, 1.0).allTrue();
        }
        if (b.weights != null) {
          DoubleVector w = DoubleVector.fromArray(species, b.weights, i);
          plain &= w.compare(GE, 0.0).and(w.compare(LT, Double.POSITIVE_INFINITY)).allTrue();
        }
        if (!plain) {
          stageOneByOne(start, k, k + width, len);
          continue;
        }
        DoubleVector sign = y.add(y).sub(1.0);
        x.mul(sign).intoArray(z, k);
        if (b.weights != null) {
          DoubleVector w = DoubleVector.fromArray(species, b.weights, i);
          w.intoArray(coef, k);
          w.mul(sign).intoArray(coefSign, k);
        } else {
          DoubleVector.broadcast(species, 1.0).intoArray(coef, k);
          sign.intoArray(coefSign, k);
        }
        if (hasAlpha) {
          DoubleVector.broadcast(species, alphaNegative)
              .blend(alphaPositive, positive)
              .intoArray(at, k);
        }
        valid += width;
        positives += positive.trueCount();
      }
      acc.valid += valid;
      acc.positives += positives;
      stageOneByOne(start, full, padded, len);
      lanes.valuesAndSlopes(z, at, value, slope, padded);
      double s = loss.smoothing;
      if (s > 0) {
        smooth(s, padded);
      }
      if (!unitWeights) {
        for (int k = 0; k < full; k += width) {
          DoubleVector.fromArray(species, value, k)
              .mul(DoubleVector.fromArray(species, coef, k))
              .intoArray(value, k);
        }
      }
      for (int k = 0; k < full; k += width) {
        DoubleVector l = DoubleVector.fromArray(species, value, k);
        DoubleVector.fromArray(species, sum, 0).add(l).intoArray(sum, 0);
        if (b.out != null) {
          l.intoArray(b.out, start + k);
        }
        if (b.grad != null) {
          DoubleVector d =
              DoubleVector.fromArray(species, coefSign, k)
                  .mul(DoubleVector.fromArray(species, slope, k));
          d.intoArray(b.grad, start + k);
        }
      }
      for (int k = full; k < len; k++) {
        double l = coef[k] * value[k];
        acc.sum += l;
        if (b.out != null) {
          b.out[start + k] = l;
        }
        if (b.grad != null) {
          b.grad[start + k] = coefSign[k] * slope[k];
        }
      }
      for (int m = 0;
          m < maskedCount;
          m++) { // exactly 0 where masked, as the scalar kernel leaves it
        if (b.out != null) {
          b.out[start + masked[m]] = 0.0;
        }
        if (b.grad != null) {
          b.grad[start + masked[m]] = 0.0;
        }
      }
    }

    /** Stages block positions [from, to) one by one; positions at or past len are padding. */
    private void stageOneByOne(int start, int from, int to, int len) {
      for (int j = from; j < to; j++) {
        double w = j < len ? loss.weightOf(b, start + j) : MASKED;
        if (w == MASKED) {
          z[j] = 0.0;
          at[j] = 1.0;
          coef[j] = 0.0;
          coefSign[j] = 0.0;
          if (j < len) {
            masked[maskedCount++] = j;
          }
          continue;
        }
        double y = b.y[start + j];
        double sign = 2.0 * y - 1.0;
        z[j] = sign * b.x[start + j];
        at[j] = y == 1.0 ? alphaPositive : alphaNegative;
        coef[j] = w;
        coefSign[j] = w * sign;
        acc.valid++;
        acc.positives += (long) y;
      }
    }

    /**
     * Label smoothing: value and slope become (1 − s/2)·f(z; α_t) + (s/2)·f(−z; 1 − α_t) and its
     * slope.
     */
    private void smooth(double s, int padded) {
      final int width = LaneMath.LENGTH;
      final VectorSpecies<Double> species = LaneMath.SPECIES;
      double[] negZ = new double[padded];
      double[] otherAlpha = new double[padded];
      double[] otherValue = new double[padded];
      double[] otherSlope = new double[padded];
      for (int k = 0; k < padded; k += width) {
        DoubleVector.fromArray(species, z, k).neg().intoArray(negZ, k);
        DoubleVector a = DoubleVector.fromArray(species, at, k);
        if (hasAlpha) {
          a.neg().add(1.0).intoArray(otherAlpha, k);
        } else {
          a.intoArray(otherAlpha, k);
        }
      }
      lanes.valuesAndSlopes(negZ, otherAlpha, otherValue, otherSlope, padded);
      for (int k = 0; k < padded; k += width) {
        DoubleVector v = DoubleVector.fromArray(species, value, k).mul(1.0 - s / 2);
        v.add(DoubleVector.fromArray(species, otherValue, k).mul(s / 2)).intoArray(value, k);
        DoubleVector d = DoubleVector.fromArray(species, slope, k).mul(1.0 - s / 2);
        d.sub(DoubleVector.fromArray(species, otherSlope, k).mul(s / 2)).intoArray(slope, k);
      }
    }
  }

  @Override
  public String toString() {
    return description
        + ", alpha="
        + (alpha.isEmpty() ? "off" : alpha.getAsDouble())
        + ", reduction="
        + reduction
        + (reduction == Reduction.MEAN ? ", normalization=" + normalization : "")
        + ", "
        + implementation
        + ")";
  }
}
