package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;
import java.util.Arrays;

/**
 * The multi-class driver every multi-class loss shares: checks the inputs, drops masked and ignored rows,
 * evaluates the loss's {@link RowKernel} (composed, or fused in one pass over the logits), applies weights and
 * reduces. Logits {@code [..., C]} are viewed as N = numel(targets) rows of C.
 */
final class MultiClassRowLoss implements MultiClassLoss {

  private final String name;
  private final String description;
  private final RowKernel kernel;
  private final double[] alpha; // null: off
  private final int ignoreIndex;
  private final int background; // only for POSITIVE_TARGETS; Integer.MIN_VALUE when unset
  private final Reduction reduction;
  private final Normalization normalization;
  private final Implementation implementation;

  MultiClassRowLoss(String name, String description, RowKernel kernel, double[] alpha, int ignoreIndex,
      int background, Reduction reduction, Normalization normalization, Implementation implementation) {
    this.name = name;
    this.description = description;
    this.kernel = kernel;
    this.alpha = alpha == null ? null : alpha.clone();
    this.ignoreIndex = ignoreIndex;
    this.background = background;
    this.reduction = reduction;
    this.normalization = normalization;
    this.implementation = implementation;
  }

  @Override
  public Tensor apply(Tensor logits, IntTensor targets) {
    return apply(logits, targets, null, null);
  }

  @Override
  public Tensor apply(Tensor logits, IntTensor targets, Tensor mask) {
    Inputs.notNull(name, "mask", mask);
    return apply(logits, targets, mask, null);
  }

  @Override
  public Tensor apply(Tensor logits, IntTensor targets, Tensor mask, Tensor weights) {
    Inputs.notNull(name, "logits", logits);
    Inputs.notNull(name, "targets", targets);
    int[] shape = logits.shape();
    if (shape.length == 0) {
      throw new IllegalArgumentException(name + ": logits must have a class axis [..., C], got a scalar");
    }
    int classes = shape[shape.length - 1];
    if (classes < 2) {
      throw new IllegalArgumentException(name + ": logits " + Shape.format(shape) + " have C = " + classes
          + " classes; a multi-class loss needs C >= 2 (use a BinaryLoss for one logit per element)");
    }
    Inputs.sameShape(name, "targets", targets.shape(), "logits without the class axis",
        Arrays.copyOf(shape, shape.length - 1));
    Inputs.optional(name, "mask", mask, targets.shape());
    Inputs.optional(name, "weights", weights, targets.shape());
    if (alpha != null && alpha.length != classes) {
      throw new IllegalArgumentException(name + ": classAlpha has " + alpha.length + " entries but logits "
          + Shape.format(shape) + " have C = " + classes + " classes");
    }
    return implementation == Implementation.FUSED ? fused(logits, classes, targets, mask, weights)
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

  private Tensor composed(Tensor logits, int classes, IntTensor targets, Tensor mask, Tensor weights) {
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
      positives += ts[r] != background ? 1 : 0;
    }
    double scale = Reduce.scale(reduction, normalization, valid, positives);
    if (n == 0) {
      return Reduce.composed(name, Tensor.zeros(targetShape), reduction, scale, logits);
    }
    Tensor loss = kernel.composed(logits.reshape(n, classes), IntTensor.of(t, n), alpha == null ? null : Tensor.of(alpha));
    if (!plain) {
      loss = loss.mul(Tensor.of(coef, n));
    }
    return Reduce.composed(name, loss.reshape(targetShape), reduction, scale, logits);
  }

  // ---------------------------------------------------------------- fused

  private Tensor fused(Tensor logits, int classes, IntTensor targets, Tensor mask, Tensor weights) {
    int n = targets.numel();
    int[] shape = logits.shape();
    int[] targetShape = targets.shape();
    double[] xs = logits.buffer();
    int[] ts = targets.buffer();
    double[] ms = mask == null ? null : mask.buffer();
    double[] ws = weights == null ? null : weights.buffer();
    boolean wantGrad = logits.requiresGrad() && NoGrad.isGradEnabled();
    double[] grad = wantGrad ? new double[xs.length] : null;
    double[] out = reduction == Reduction.NONE ? new double[n] : null;
    int grain = Math.max(1, Chunks.GRAIN / classes);
    int chunks = Chunks.count(n, grain);
    double[] sums = new double[chunks];
    long[] valid = new long[chunks];
    long[] positives = new long[chunks];
    Chunks.run(n, grain, (c, from, to) -> {
      RowKernel.Scratch scratch = new RowKernel.Scratch(classes);
      double sum = 0;
      long v = 0;
      long p = 0;
      for (int r = from; r < to; r++) {
        int off = r * classes;
        for (int j = off; j < off + classes; j++) {
          if (!Double.isFinite(xs[j])) {
            throw Inputs.nonFinite(name, j, shape, xs[j]);
          }
        }
        int t = ts[r];
        if (!valid(r, t, ms, classes, targetShape)) {
          continue; // loss 0, gradient 0 (the arrays start zeroed)
        }
        double w = weight(r, ws, targetShape);
        double l = w * kernel.row(xs, off, classes, t, alpha, w, grad, scratch);
        sum += l;
        if (out != null) {
          out[r] = l;
        }
        v++;
        p += t != background ? 1 : 0;
      }
      sums[c] = sum;
      valid[c] = v;
      positives[c] = p;
    });
    double scale = Reduce.scale(reduction, normalization, Chunks.sum(valid), Chunks.sum(positives));
    return Reduce.fused(name, reduction, scale, out, Chunks.sum(sums), targetShape, grad, classes, logits);
  }

  @Override
  public String toString() {
    return description + ", classAlpha=" + (alpha == null ? "off" : Arrays.toString(alpha)) + ", ignoreIndex="
        + ignoreIndex + ", reduction=" + reduction
        + (reduction == Reduction.MEAN ? ", normalization=" + normalization : "")
        + (background != Integer.MIN_VALUE ? ", backgroundClass=" + background : "") + ", " + implementation + ")";
  }
}
