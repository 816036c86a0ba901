package io.github.focal4j.autodiff;

import java.util.Arrays;

/**
 * An immutable row-major tensor of {@code int}s: class targets, token ids, gather indices. It
 * carries no gradient; ops take it where PyTorch takes a LongTensor.
 */
public final class IntTensor {

  private final int[] data;
  private final int[] shape;

  private IntTensor(int[] data, int[] shape) {
    this.data = data;
    this.shape = shape;
  }

  /**
   * A 1-D tensor holding a copy of {@code values}. Values are not range-checked here; ops check
   * them.
   */
  public static IntTensor of(int... values) {
    return new IntTensor(values.clone(), new int[] {values.length});
  }

  /**
   * A tensor of the given shape holding a copy of {@code values}.
   *
   * @throws IllegalArgumentException if {@code values.length} is not the shape's element count
   */
  public static IntTensor of(int[] values, int... shape) {
    int[] s = Shape.checked("IntTensor.of", shape);
    if (values.length != Shape.numel(s)) {
      throw new IllegalArgumentException(
          "IntTensor.of: " + values.length + " values do not fill shape " + Shape.format(s));
    }
    return new IntTensor(values.clone(), s);
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** Rank: 0 for a scalar. */
  public int rank() {
    return shape.length;
  }

  /** Number of elements. */
  public int numel() {
    return data.length;
  }

  /** A copy of the values. */
  public int[] toArray() {
    return data.clone();
  }

  /** The backing array, for kernels; never write to it. */
  public int[] buffer() {
    return data;
  }

  /**
   * Same values with a dimension of size 1 inserted at {@code axis} (−1 appends).
   *
   * @throws IllegalArgumentException for an axis out of range or a result of rank above {@link
   *     Shape#MAX_RANK}
   */
  public IntTensor unsqueeze(int axis) {
    int a = axis < 0 ? axis + shape.length + 1 : axis;
    if (a < 0 || a > shape.length) {
      throw new IllegalArgumentException(
          "unsqueeze: axis " + axis + " out of range for shape " + Shape.format(shape));
    }
    int[] t = new int[shape.length + 1];
    for (int i = 0, j = 0; i < t.length; i++) {
      t[i] = i == a ? 1 : shape[j++];
    }
    return new IntTensor(data, Shape.checked("unsqueeze", t));
  }

  /**
   * Same values in a new shape with the same element count.
   *
   * @throws IllegalArgumentException if the element counts differ or the shape is invalid
   */
  public IntTensor reshape(int... newShape) {
    int[] s = Shape.checked("reshape", newShape);
    if (Shape.numel(s) != data.length) {
      throw new IllegalArgumentException(
          "reshape: shape " + Shape.format(shape) + " cannot become " + Shape.format(newShape));
    }
    return new IntTensor(data, s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "IntTensor(shape="
        + Shape.format(shape)
        + ", values="
        + Arrays.toString(Arrays.copyOf(data, Math.min(data.length, 16)))
        + (data.length > 16 ? "..." : "")
        + ")";
  }
}
