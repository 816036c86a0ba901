package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.Chunks;
import io.github.focal4j.loss.engine.GradientPool;
import io.github.focal4j.loss.engine.LaneMath;
import io.github.focal4j.loss.engine.RowLanes;
import java.util.Arrays;
import java.util.OptionalInt;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The multi-class driver every multi-class loss shares: checks the inputs, drops masked and ignored
 * rows, evaluates the loss's {@link RowKernel} (composed, or fused in one pass over the logits),
 * applies weights and reduces. Logits {@code [..., C]} are viewed as N = numel(targets) rows of C.
 */
final class MultiClassRowLoss implements MultiClassLoss {

  private final String name;
  private final String description;
  private final RowKernel kernel;
  private final double[] alpha; // null: off
  private final int ignoreIndex;
  private final OptionalInt background; // only for POSITIVE_TARGETS
  private final int
      backgroundOrNone; // the background class, or an index no target has (for counting)
  private final Reduction reduction;
  private final Normalization normalization;
  private final Implementation implementation;

  MultiClassRowLoss(
      String name,
      String description,
      RowKernel kernel,
      double[] alpha,
      int ignoreIndex,
      OptionalInt background,
      Reduction reduction,
      Normalization normalization,
      Implementation implementation) {
    this.name = name;
    this.description = description;
    this.kernel = kernel;
    this.alpha = alpha == null ? null : alpha.clone();
    this.ignoreIndex = ignoreIndex;
    this.background = background;
    this.backgroundOrNone = background.orElse(-1); // targets counted are in [0, C)
    this.reduction = reduction;
    this.normalization = normalization;
    this.implementation = implementation;
  }

  @Override
  public Tensor apply(Tensor logits, IntTensor targets) {
    return run(logits, targets, null, null);
  }

  @Override
  public Tensor apply(Tensor logits, IntTensor targets, Tensor mask) {
    Inputs.notNull(name, "mask", mask);
    return run(logits, targets, mask, null);
  }

  @Override
  public Tensor apply(Tensor logits, IntTensor targets, Tensor mask, Tensor weights) {
    Inputs.notNull(name, "mask", mask);
    Inputs.notNull(name, "weights", weights);
    return run(logits, targets, mask, weights);
  }

  /** The loss; mask and weights may be null here (all valid, all 1). */
  private Tensor run(Tensor logits, IntTensor targets, Tensor mask, Tensor weights) {
    Inputs.notNull(name, "logits", logits);
    Inputs.notNull(name, "targets", targets);
    int[] shape = logits.shape();
    if (shape.length == 0) {
      throw new IllegalArgumentException(
          name + ": logits must have a class axis [..., C], got a scalar");
    }
    int classes = shape[shape.length - 1];
    if (classes < 2) {
      throw new IllegalArgumentException(
          name
              + ": logits "
              + Shape.format(shape)
              + " have C = "
              + classes
              + " classes; a multi-class loss needs C >= 2 (use a BinaryLoss for one logit per element)");
    }
    Inputs.sameShape(
        name,
        "targets",
        targets.shape(),
        "logits without the class axis",
        Arrays.copyOf(shape, shape.length - 1));
    Inputs.optional(name, "mask", mask, targets.shape());
    Inputs.optional(name, "weights", weights, targets.shape());
    if (alpha != null && alpha.length != classes) {
      throw new IllegalArgumentException(
          name
              + ": classAlpha has "
              + alpha.length
              + " entries but logits "
              + Shape.format(shape)
              + " have C = "
              + classes
              + " classes");
    }
    return implementation == Implementation.FUSED
        ? fused(logits, classes, targets, mask, weights)
        : composed(logits, classes, targets, mask, weights);
  }

  /** Whether row r counts; throws for a bad mask value or class index. */
  private boolean valid(int r, int t, double[] ms, int classes, int[] targetShape) {
    if (ms != null && ms[r] != 1.0) {
      if (ms[r] != 0.0) {
        throw Inputs.badMask(name, r, targetShape, ms[r]);
      }
      return false;
    }
    if (t == ignoreIndex) {
      return false;
    }
    if (t < 0 || t >= classes) {
      throw Inputs.badClass(name, r, targetShape, t, classes, ignoreIndex);
    }
    return true;
  }

  private double weight(int r, double[] ws, int[] targetShape) {
    double w = ws == null ? 1.0 : ws[r];
    if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
      throw Inputs.badWeight(name, r, targetShape, w);
    }
    return w;
  }

  // ---------------------------------------------------------------- composed (the reference)

  private Tensor composed(
      Tensor logits, int classes, IntTensor targets, Tensor mask, Tensor weights) {
    Inputs.finite(name, logits);
    int n = targets.numel();
    int[] targetShape = targets.shape();
    int[] ts = targets.buffer();
    double[] ms = mask == null ? null : mask.buffer();
    double[] ws = weights == null ? null : weights.buffer();
    int[] t = new int[n]; // targets with invalid rows set to class 0
    double[] coef = new double[n];
    boolean plain = ws == null;
    long valid = 0;
    long positives = 0;
    for (int r = 0; r < n; r++) {
      if (!valid(r, ts[r], ms, classes, targetShape)) {
        plain = false;
        continue;
      }
      coef[r] = weight(r, ws, targetShape);
      t[r] = ts[r];
      valid++;
      positives += ts[r] != backgroundOrNone ? 1 : 0;
    }
    double scale = Reduce.scale(reduction, normalization, valid, positives);
    if (n == 0) {
      return Reduce.composed(name, Tensor.zeros(targetShape), reduction, scale, logits);
    }
    Tensor loss =
        kernel.composed(
            logits.reshape(n, classes),
            IntTensor.of(t, n),
            alpha == null ? null : Tensor.of(alpha));
    if (!plain) {
      loss = loss.mul(Tensor.of(coef, n));
    }
    return Reduce.composed(name, loss.reshape(targetShape), reduction, scale, logits);
  }

  // ---------------------------------------------------------------- fused

  /** The arrays of one call. grad and out are null when not wanted. */
  private record Batch(
      double[] x,
      int[] t,
      double[] mask,
      double[] weights,
      double[] grad,
      double[] out,
      int classes,
      int[] shape,
      int[] targetShape) {}

  private Tensor fused(Tensor logits, int classes, IntTensor targets, Tensor mask, Tensor weights) {
    int n = targets.numel();
    boolean wantGrad = logits.requiresGrad() && NoGrad.isGradEnabled();
    Batch b =
        new Batch(
            logits.buffer(),
            targets.buffer(),
            mask == null ? null : mask.buffer(),
            weights == null ? null : weights.buffer(),
            wantGrad ? GradientPool.take(logits.numel()) : null,
            reduction == Reduction.NONE ? new double[n] : null,
            classes,
            logits.shape(),
            targets.shape());
    int grain = Math.max(1, Chunks.GRAIN / classes);
    Chunks.Partial[] partials = new Chunks.Partial[Chunks.count(n, grain)];
    Chunks.run(
        n,
        grain,
        (c, from, to) -> {
          RowLanes lanes = Simd.ENABLED ? kernel.lanes() : null; // per chunk: it holds work arrays
          partials[c] =
              lanes == null ? scalarChunk(b, from, to) : Vectorized.chunk(this, lanes, b, from, to);
        });
    Chunks.Partial total = Chunks.Partial.total(partials);
    double scale = Reduce.scale(reduction, normalization, total.valid, total.positives);
    return Reduce.fused(
        name, reduction, scale, b.out, total.sum, b.targetShape, b.grad, classes, logits);
  }

  /** Throws for the first non-finite logit of row r. */
  private void checkFinite(Batch b, int r) {
    for (int j = r * b.classes; j < (r + 1) * b.classes; j++) {
      if (!Double.isFinite(b.x[j])) {
        throw Inputs.nonFinite(name, j, b.shape, b.x[j]);
      }
    }
  }

  /** The scalar kernel on rows [from, to): one pass, loss and gradient together. */
  private Chunks.Partial scalarChunk(Batch b, int from, int to) {
    Chunks.Partial acc = new Chunks.Partial();
    RowKernel.Scratch scratch = new RowKernel.Scratch(b.classes);
    for (int r = from; r < to; r++) {
      checkFinite(b, r);
      int t = b.t[r];
      if (!valid(
          r, t, b.mask, b.classes, b.targetShape)) { // loss 0 (out starts zeroed), gradient 0
        if (b.grad != null) {
          Arrays.fill(b.grad, r * b.classes, (r + 1) * b.classes, 0.0);
        }
        continue;
      }
      double w = weight(r, b.weights, b.targetShape);
      double l = w * kernel.row(b.x, r * b.classes, b.classes, t, alpha, w, b.grad, scratch);
      acc.sum += l;
      if (b.out != null) {
        b.out[r] = l;
      }
      acc.valid++;
      acc.positives += t != backgroundOrNone ? 1 : 0;
    }
    return acc;
  }

  /**
   * The vector kernel, in blocks of rows (about 512 logits): check the block (all logits finite — a
   * vector test, row by row only when it fails, so that the errors are the scalar kernel's, in the
   * same order — then each row's mask, target and weight), hand it to the kernel's {@link
   * RowLanes}, add up the rows' losses in row order. Invalid rows go in with target 0 and weight 0
   * and come out zeroed.
   */
  static final class Vectorized {
    private Vectorized() {}

    static Chunks.Partial chunk(MultiClassRowLoss loss, RowLanes lanes, Batch b, int from, int to) {
      int classes = b.classes;
      int block = Math.max(LaneMath.LENGTH, 512 / classes / LaneMath.LENGTH * LaneMath.LENGTH);
      int[] t = new int[block];
      double[] coef = new double[block];
      double[] value = new double[block];
      boolean[] valid = new boolean[block];
      Chunks.Partial acc = new Chunks.Partial();
      for (int start = from; start < to; start += block) {
        int rows = Math.min(block, to - start);
        boolean finite = allFinite(b.x, start * classes, (start + rows) * classes);
        for (int k = 0; k < rows; k++) {
          int r = start + k;
          if (!finite) {
            loss.checkFinite(b, r);
          }
          valid[k] = loss.valid(r, b.t[r], b.mask, classes, b.targetShape);
          t[k] = valid[k] ? b.t[r] : 0;
          coef[k] = valid[k] ? loss.weight(r, b.weights, b.targetShape) : 0.0;
        }
        lanes.rows(b.x, start * classes, rows, classes, t, loss.alpha, coef, value, b.grad);
        for (int k = 0; k < rows; k++) {
          int r = start + k;
          if (!valid[k]) {
            if (b.grad != null) {
              Arrays.fill(b.grad, r * classes, (r + 1) * classes, 0.0);
            }
            continue;
          }
          double l = coef[k] * value[k];
          acc.sum += l;
          if (b.out != null) {
            b.out[r] = l;
          }
          acc.valid++;
          acc.positives += t[k] != loss.backgroundOrNone ? 1 : 0;
        }
      }
      return acc;
    }

    /** Whether x[from, to) are all finite, a vector at a time. */
    private static boolean allFinite(double[] x, int from, int to) {
      int i = from;
      for (; i + LaneMath.LENGTH <= to; i += LaneMath.LENGTH) {
        DoubleVector v = DoubleVector.fromArray(LaneMath.SPECIES, x, i);
        if (!v.abs().compare(VectorOperators.LT, Double.POSITIVE_INFINITY).allTrue()) {
          return false;
        }
      }
      for (; i < to; i++) {
        if (!Double.isFinite(x[i])) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public String toString() {
    return description
        + ", classAlpha="
        + (alpha == null ? "off" : Arrays.toString(alpha))
        + ", ignoreIndex="
        + ignoreIndex
        + ", reduction="
        + reduction
        + (reduction == Reduction.MEAN ? ", normalization=" + normalization : "")
        + (background.isPresent() ? ", backgroundClass=" + background.getAsInt() : "")
        + ", "
        + implementation
        + ")";
  }
}
