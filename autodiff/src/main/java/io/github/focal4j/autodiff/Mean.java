package io.github.focal4j.autodiff;

/**
 * Mean over all elements or along one axis: the sum divided by the count. Empty reductions are
 * rejected.
 */
final class Mean {
  private Mean() {}

  /** Mean of all elements, a scalar. @throws IllegalArgumentException for an empty tensor */
  static Tensor apply(Tensor x) {
    if (x.numel() == 0) {
      throw new IllegalArgumentException(
          "mean: cannot reduce an empty tensor of shape " + Shape.format(x.shape()));
    }
    return Mul.apply(Sum.apply(x), Tensor.scalar(1.0 / x.numel()));
  }

  /**
   * Mean along {@code axis} (negative counts from the end); the axis is removed unless {@code
   * keepDim}.
   *
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  static Tensor apply(Tensor x, int axis, boolean keepDim) {
    int[] shape = x.shape();
    int a = Shape.axis("mean", axis, shape);
    Axes.requireNonEmpty("mean", shape, a);
    return Mul.apply(Sum.apply(x, a, keepDim), Tensor.scalar(1.0 / shape[a]));
  }
}
