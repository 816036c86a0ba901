package io.github.focal4j.autodiff;

/**
 * A tensor seen as {@code [outer, n, inner]} around one axis: element {@code (o, k, i)} is at
 * {@code (o * n + k) * inner + i}. Reductions, softmax and log-sum-exp along an axis use this view.
 */
record Axes(int outer, int n, int inner) {

  static Axes around(int[] shape, int axis) {
    return new Axes(
        Shape.product(shape, 0, axis), shape[axis], Shape.product(shape, axis + 1, shape.length));
  }

  /** Flat index of element k of slice (o, i). */
  int at(int o, int k, int i) {
    return (o * n + k) * inner + i;
  }

  /** Flat index of slice (o, i) in the reduced tensor. */
  int slice(int o, int i) {
    return o * inner + i;
  }

  static void requireNonEmpty(String op, int[] shape, int axis) {
    if (shape[axis] == 0) {
      throw new IllegalArgumentException(
          op + ": cannot reduce over axis " + axis + " of size 0 in shape " + Shape.format(shape));
    }
  }
}
