package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;

/** Same values in a new shape (copied, never aliased). Backward: the gradient, reshaped back. */
public final class Reshape {
  private Reshape() {}

  /**
   * @param newShape the target shape; at most one dimension may be -1 and is then inferred
   * @throws IllegalArgumentException if the element counts differ or more than one dimension is -1
   */
  public static Tensor apply(Tensor x, int... newShape) {
    int[] target = newShape.clone();
    int infer = -1;
    int known = 1;
    for (int d = 0; d < target.length; d++) {
      if (target[d] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException("reshape: more than one -1 in " + Shape.format(newShape));
        }
        infer = d;
      } else {
        known *= target[d];
      }
    }
    if (infer >= 0) {
      if (known == 0 || x.numel() % known != 0) {
        throw new IllegalArgumentException("reshape: cannot infer -1 in " + Shape.format(newShape) + " from shape "
            + Shape.format(x.shape()));
      }
      target[infer] = x.numel() / known;
    }
    target = Shape.checked("reshape", target);
    if (Shape.numel(target) != x.numel()) {
      throw new IllegalArgumentException("reshape: shape " + Shape.format(x.shape()) + " (" + x.numel()
          + " elements) cannot become " + Shape.format(newShape));
    }
    return Tensor.fromOp("reshape", x.buffer().clone(), target, (g, grads) -> {
      double[] gx = grads[0];
      for (int i = 0; i < gx.length; i++) {
        gx[i] += g[i];
      }
    }, x);
  }

  /** Inserts a dimension of size 1 before position {@code axis} (−1 appends). */
  public static Tensor unsqueeze(Tensor x, int axis) {
    int[] s = x.shape();
    int a = axis < 0 ? axis + s.length + 1 : axis;
    if (a < 0 || a > s.length) {
      throw new IllegalArgumentException("unsqueeze: axis " + axis + " out of range for shape " + Shape.format(s));
    }
    int[] t = new int[s.length + 1];
    for (int i = 0, j = 0; i < t.length; i++) {
      t[i] = i == a ? 1 : s[j++];
    }
    return apply(x, t);
  }

  /** Removes dimension {@code axis}. @throws IllegalArgumentException if its size is not 1 */
  public static Tensor squeeze(Tensor x, int axis) {
    int[] s = x.shape();
    int a = Shape.axis("squeeze", axis, s);
    if (s[a] != 1) {
      throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + Shape.format(s) + " has size "
          + s[a] + ", not 1");
    }
    return apply(x, Shape.reduce(s, a, false));
  }
}
