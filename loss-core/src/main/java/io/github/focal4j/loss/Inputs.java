package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;
import java.util.Arrays;

/**
 * Input checks and their messages, shared by the fused kernels (which test inline, in the same
 * pass) and the composed path (which tests up front). Every message names the loss, the tensor, the
 * element and the value.
 */
final class Inputs {

  private Inputs() {}

  static void notNull(String loss, String what, Object o) {
    if (o == null) {
      throw new IllegalArgumentException(loss + ": " + what + " must not be null");
    }
  }

  static void sameShape(String loss, String what, int[] shape, String reference, int[] expected) {
    if (!Arrays.equals(shape, expected)) {
      throw new IllegalArgumentException(
          loss
              + ": "
              + what
              + " shape "
              + Shape.format(shape)
              + " does not match "
              + reference
              + " shape "
              + Shape.format(expected));
    }
  }

  /** Checks a mask/weights tensor if present: same shape as the targets. */
  static void optional(String loss, String what, Tensor t, int[] targetShape) {
    if (t != null) {
      sameShape(loss, what, t.shape(), "targets", targetShape);
    }
  }

  static NonFiniteLogitException nonFinite(String loss, int i, int[] shape, double v) {
    return new NonFiniteLogitException(loss, i, at(i, shape), v);
  }

  static IllegalArgumentException badMask(String loss, int i, int[] shape, double v) {
    return new IllegalArgumentException(
        loss
            + ": mask"
            + at(i, shape)
            + " is "
            + v
            + "; a mask holds 0 (ignore) or 1 (valid) — use weights for fractional weighting");
  }

  static IllegalArgumentException badWeight(String loss, int i, int[] shape, double v) {
    return new IllegalArgumentException(
        loss + ": weights" + at(i, shape) + " is " + v + "; weights must be finite and >= 0");
  }

  static IllegalArgumentException badBinaryTarget(String loss, int i, int[] shape, double v) {
    return new IllegalArgumentException(
        loss
            + ": targets"
            + at(i, shape)
            + " is "
            + v
            + "; binary targets must be 0 or 1 (label smoothing is an option of the loss)");
  }

  static IllegalArgumentException badClass(
      String loss, int i, int[] shape, int t, int classes, int ignoreIndex) {
    return new IllegalArgumentException(
        loss
            + ": targets"
            + at(i, shape)
            + " is "
            + t
            + "; class indices must be in [0, "
            + classes
            + ") or the ignore index "
            + ignoreIndex);
  }

  /** Scans for a non-finite logit (the composed path's up-front check). */
  static void finite(String loss, Tensor logits) {
    double[] xs = logits.buffer();
    for (int i = 0; i < xs.length; i++) {
      if (!Double.isFinite(xs[i])) {
        throw nonFinite(loss, i, logits.shape(), xs[i]);
      }
    }
  }

  /** Formats flat index i of a tensor of the given shape as {@code [a, b] (flat i)}. */
  static String at(int flat, int[] shape) {
    if (shape.length <= 1) {
      return "[" + flat + "]";
    }
    int[] idx = new int[shape.length];
    int r = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = shape[d] == 0 ? 0 : r % shape[d];
      r = shape[d] == 0 ? 0 : r / shape[d];
    }
    return Arrays.toString(idx) + " (flat " + flat + ")";
  }
}
