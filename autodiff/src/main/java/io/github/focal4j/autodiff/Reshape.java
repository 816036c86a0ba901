package io.github.focal4j.autodiff;

/**
 * Same values in a new shape (copied, never aliased), and its special cases {@code unsqueeze} and
 * {@code squeeze}. Backward: the gradient, reshaped back.
 */
final class Reshape {
  private Reshape() {}

  /**
   * @param newShape the target shape, rank 0 to {@link Shape#MAX_RANK}; at most one dimension may
   *     be -1 and is then inferred
   * @throws IllegalArgumentException if the element counts differ, more than one dimension is -1, a
   *     dimension is otherwise negative, or the rank exceeds {@link Shape#MAX_RANK}
   */
  static Tensor apply(Tensor x, int... newShape) {
    int[] target = newShape.clone();
    int infer = -1;
    long known = 1;
    for (int d = 0; d < target.length; d++) {
      if (target[d] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException(
              "reshape: more than one -1 in " + Shape.format(newShape));
        }
        infer = d;
      } else if (target[d] < 0) {
        throw new IllegalArgumentException(
            "reshape: negative dimension in " + Shape.format(newShape));
      } else {
        known *= target[d];
        known =
            Math.min(
                known, Integer.MAX_VALUE + 1L); // capped: such a product cannot match numel anyway
      }
    }
    if (infer >= 0) {
      if (known == 0 || x.numel() % known != 0) {
        throw new IllegalArgumentException(
            "reshape: cannot infer -1 in "
                + Shape.format(newShape)
                + " from shape "
                + Shape.format(x.shape())
                + " ("
                + x.numel()
                + " elements)");
      }
      target[infer] = (int) (x.numel() / known);
    }
    return to("reshape", x, target);
  }

  /**
   * Inserts a dimension of size 1 before position {@code axis} (−1 appends).
   *
   * @param axis in {@code [−rank−1, rank]}
   * @throws IllegalArgumentException for an axis out of range or when x already has rank {@link
   *     Shape#MAX_RANK}
   */
  static Tensor unsqueeze(Tensor x, int axis) {
    int[] s = x.shape();
    int a = axis < 0 ? axis + s.length + 1 : axis;
    if (a < 0 || a > s.length) {
      throw new IllegalArgumentException(
          "unsqueeze: axis "
              + axis
              + " out of range for shape "
              + Shape.format(s)
              + " (valid: "
              + (-s.length - 1)
              + " to "
              + s.length
              + ")");
    }
    int[] t = new int[s.length + 1];
    for (int i = 0, j = 0; i < t.length; i++) {
      t[i] = i == a ? 1 : s[j++];
    }
    return to("unsqueeze", x, t);
  }

  /**
   * Removes dimension {@code axis}, which must have size 1.
   *
   * @throws IllegalArgumentException for an axis out of range or of a size other than 1
   */
  static Tensor squeeze(Tensor x, int axis) {
    int[] s = x.shape();
    int a = Shape.axis("squeeze", axis, s);
    if (s[a] != 1) {
      throw new IllegalArgumentException(
          "squeeze: axis "
              + axis
              + " of shape "
              + Shape.format(s)
              + " has size "
              + s[a]
              + ", not 1");
    }
    return to("squeeze", x, Shape.reduce(s, a, false));
  }

  private static Tensor to(String op, Tensor x, int[] target) {
    int[] t = Shape.checked(op, target);
    if (Shape.numel(t) != x.numel()) {
      throw new IllegalArgumentException(
          op
              + ": shape "
              + Shape.format(x.shape())
              + " ("
              + x.numel()
              + " elements) cannot become "
              + Shape.format(t)
              + " ("
              + Shape.numel(t)
              + " elements)");
    }
    return Tensor.fromOp(
        op,
        x.buffer().clone(),
        t,
        (g, grads) -> {
          double[] gx = grads[0];
          for (int i = 0; i < gx.length; i++) {
            gx[i] += g[i];
          }
        },
        x);
  }
}
