package io.github.focal4j.autodiff;

/** Reorders dimensions (a strided copy). Backward: the inverse permutation of the gradient. */
final class Permute {
  private Permute() {}

  /**
   * Output dimension i is input dimension {@code axes[i]}.
   *
   * @throws IllegalArgumentException if {@code axes} is not a permutation of the input's dimensions
   */
  static Tensor apply(Tensor x, int... axes) {
    int[] s = x.shape();
    if (axes.length != s.length) {
      throw new IllegalArgumentException(
          "permute: " + axes.length + " axes for shape " + Shape.format(s));
    }
    boolean[] seen = new boolean[s.length];
    int[] perm = new int[s.length];
    for (int i = 0; i < axes.length; i++) {
      int a = Shape.axis("permute", axes[i], s);
      if (seen[a]) {
        throw new IllegalArgumentException(
            "permute: axis " + axes[i] + " repeated in " + Shape.format(axes));
      }
      seen[a] = true;
      perm[i] = a;
    }
    int[] outShape = new int[s.length];
    for (int i = 0; i < perm.length; i++) {
      outShape[i] = s[perm[i]];
    }
    int[] map = sourceIndex(s, perm, outShape);
    double[] xs = x.buffer();
    double[] ys = new double[xs.length];
    for (int i = 0; i < ys.length; i++) {
      ys[i] = xs[map[i]];
    }
    return Tensor.fromOp(
        "permute",
        ys,
        outShape,
        (g, grads) -> {
          double[] gx = grads[0];
          for (int i = 0; i < map.length; i++) {
            gx[map[i]] += g[i];
          }
        },
        x);
  }

  /** Swaps two dimensions. @throws IllegalArgumentException for an axis out of range */
  static Tensor transpose(Tensor x, int axis0, int axis1) {
    int[] s = x.shape();
    int a = Shape.axis("transpose", axis0, s);
    int b = Shape.axis("transpose", axis1, s);
    int[] perm = new int[s.length];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i == a ? b : i == b ? a : i;
    }
    return apply(x, perm);
  }

  /** For each output element (row-major over outShape), its flat index in the input. */
  private static int[] sourceIndex(int[] inShape, int[] perm, int[] outShape) {
    int[] inStrides = Shape.strides(inShape);
    int[] st = new int[Shape.MAX_RANK];
    int[] dims = new int[Shape.MAX_RANK];
    int pad = Shape.MAX_RANK - outShape.length;
    for (int d = 0; d < Shape.MAX_RANK; d++) {
      dims[d] = d < pad ? 1 : outShape[d - pad];
      st[d] = d < pad ? 0 : inStrides[perm[d - pad]];
    }
    int[] map = new int[Shape.numel(outShape)];
    int k = 0;
    for (int i0 = 0; i0 < dims[0]; i0++) {
      for (int i1 = 0; i1 < dims[1]; i1++) {
        for (int i2 = 0; i2 < dims[2]; i2++) {
          for (int i3 = 0; i3 < dims[3]; i3++) {
            map[k++] = i0 * st[0] + i1 * st[1] + i2 * st[2] + i3 * st[3];
          }
        }
      }
    }
    return map;
  }
}
