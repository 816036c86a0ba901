package io.github.focal4j.autodiff;

import java.util.Arrays;

/**
 * Static helpers for tensor shapes: validation, element counts, strides, broadcasting and axis
 * handling.
 *
 * <p>A shape is an {@code int[]} of length 0 (a scalar) to {@link #MAX_RANK}, every dimension
 * {@code >= 0}. Methods that take an {@code op} name use it in their error messages, so a failure
 * reads {@code "matmul: shapes [2, 3] and [4, 5] do not match (3 != 4)"} rather than an index
 * exception.
 */
public final class Shape {

  /** The largest supported rank. Every kernel treats shapes as padded to this many dimensions. */
  public static final int MAX_RANK = 4;

  private Shape() {}

  /**
   * Validates a shape and returns a defensive copy.
   *
   * @throws IllegalArgumentException naming {@code op} if the shape is null, its rank exceeds
   *     {@link #MAX_RANK}, a dimension is negative, or it has more than 2^31−1 elements
   */
  public static int[] checked(String op, int... shape) {
    if (shape == null) {
      throw new IllegalArgumentException(op + ": shape is null");
    }
    if (shape.length > MAX_RANK) {
      throw new IllegalArgumentException(
          op
              + ": rank "
              + shape.length
              + " of shape "
              + format(shape)
              + " exceeds the maximum rank "
              + MAX_RANK);
    }
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(op + ": negative dimension in shape " + format(shape));
      }
      n = Math.min(n * d, Integer.MAX_VALUE + 1L); // capped: no long overflow
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          op + ": shape " + format(shape) + " has more than 2^31-1 elements");
    }
    return shape.clone();
  }

  /**
   * Number of elements of {@code shape} (1 for a scalar). @throws IllegalArgumentException on int
   * overflow
   */
  public static int numel(int... shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape " + format(shape) + " has more than 2^31-1 elements");
      }
    }
    return (int) n;
  }

  /** Row-major strides of {@code shape}, in elements. */
  public static int[] strides(int... shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= shape[i];
    }
    return s;
  }

  /** Formats a shape as {@code [2, 3]}; a scalar is {@code []}. */
  public static String format(int... shape) {
    return Arrays.toString(shape);
  }

  /**
   * Resolves a possibly negative axis ({@code -1} is the last) against {@code rank}.
   *
   * @throws IllegalArgumentException naming the op, the axis and the shape when out of range
   */
  public static int axis(String op, int axis, int[] shape) {
    int rank = shape.length;
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new IllegalArgumentException(
          op
              + ": axis "
              + axis
              + " is out of range for shape "
              + format(shape)
              + " (rank "
              + rank
              + ")");
    }
    return a;
  }

  /**
   * NumPy broadcasting of two shapes: align on the right, each pair of dimensions equal or one of
   * them 1.
   *
   * @throws IllegalArgumentException naming the op and both shapes when they are incompatible
   */
  public static int[] broadcast(String op, int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op
                + ": shapes "
                + format(a)
                + " and "
                + format(b)
                + " cannot be broadcast (dimension "
                + i
                + ": "
                + da
                + " vs "
                + db
                + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /**
   * For each flat index of {@code out}, the flat index of the element of an input of shape {@code
   * in} that broadcasting reads; {@code null} when {@code in} equals {@code out} (the identity
   * map). {@code in} must broadcast to {@code out}.
   */
  public static int[] broadcastIndex(int[] in, int[] out) {
    if (Arrays.equals(in, out)) {
      return null;
    }
    int n = numel(out);
    int[] map = new int[n];
    if (numel(in) == 1) {
      return map; // every output element reads element 0
    }
    int[] o4 = pad(out);
    int[] inPadded = new int[MAX_RANK];
    Arrays.fill(inPadded, 1);
    System.arraycopy(in, 0, inPadded, MAX_RANK - in.length, in.length);
    int[] s = strides(inPadded);
    for (int d = 0; d < MAX_RANK; d++) {
      if (inPadded[d] == 1) {
        s[d] = 0;
      }
    }
    int k = 0;
    for (int i0 = 0; i0 < o4[0]; i0++) {
      for (int i1 = 0; i1 < o4[1]; i1++) {
        for (int i2 = 0; i2 < o4[2]; i2++) {
          int base = i0 * s[0] + i1 * s[1] + i2 * s[2];
          for (int i3 = 0; i3 < o4[3]; i3++) {
            map[k++] = base + i3 * s[3];
          }
        }
      }
    }
    return map;
  }

  /** Left-pads a shape with 1s to {@link #MAX_RANK} dimensions. */
  public static int[] pad(int[] shape) {
    int[] p = new int[MAX_RANK];
    Arrays.fill(p, 1);
    System.arraycopy(shape, 0, p, MAX_RANK - shape.length, shape.length);
    return p;
  }

  /** Product of dimensions {@code [from, to)}. */
  public static int product(int[] shape, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= shape[i];
    }
    return p;
  }

  /** {@code shape} without dimension {@code axis}, or with it set to 1 when {@code keepDim}. */
  public static int[] reduce(int[] shape, int axis, boolean keepDim) {
    if (keepDim) {
      int[] r = shape.clone();
      r[axis] = 1;
      return r;
    }
    int[] r = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != axis) {
        r[j++] = shape[i];
      }
    }
    return r;
  }
}
