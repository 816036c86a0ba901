package io.github.focal4j.autodiff;

import java.util.Arrays;

/** Joins same-shaped tensors along a new axis: {@code unsqueeze} each, then {@link Concat}. */
final class Stack {
  private Stack() {}

  /**
   * @param axis position of the new axis in the output, in {@code [−rank−1, rank]} of the inputs'
   *     rank
   * @throws IllegalArgumentException if no tensors are given, their shapes differ, the axis is out
   *     of range, or the inputs already have rank {@link Shape#MAX_RANK}
   */
  static Tensor apply(int axis, Tensor... tensors) {
    if (tensors.length == 0) {
      throw new IllegalArgumentException("stack: no tensors");
    }
    int[] first = tensors[0].shape();
    for (int t = 1; t < tensors.length; t++) {
      if (!Arrays.equals(tensors[t].shape(), first)) {
        throw new IllegalArgumentException(
            "stack: tensor "
                + t
                + " has shape "
                + Shape.format(tensors[t].shape())
                + ", tensor 0 has "
                + Shape.format(first));
      }
    }
    if (first.length >= Shape.MAX_RANK) {
      throw new IllegalArgumentException(
          "stack: inputs of shape "
              + Shape.format(first)
              + " already have the "
              + "maximum rank "
              + Shape.MAX_RANK);
    }
    int a = axis < 0 ? axis + first.length + 1 : axis;
    if (a < 0 || a > first.length) {
      throw new IllegalArgumentException(
          "stack: axis "
              + axis
              + " out of range for inputs of shape "
              + Shape.format(first)
              + " (valid: "
              + (-first.length - 1)
              + " to "
              + first.length
              + ")");
    }
    Tensor[] parts = new Tensor[tensors.length];
    for (int t = 0; t < tensors.length; t++) {
      parts[t] = Reshape.unsqueeze(tensors[t], a);
    }
    return Concat.apply(a, parts);
  }
}
