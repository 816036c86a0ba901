package io.github.focal4j.autodiff;

/**
 * {@code log Σ_k exp(x_k)} along an axis, computed as {@code m + log Σ_k exp(x_k − m)} with m the
 * slice maximum, so nothing overflows. d/dx_k = softmax(x)_k, computed as {@code exp(x_k − m) / Σ_j
 * exp(x_j − m)} (not {@code exp(x_k − lse)}, which loses the log-sum to rounding once |x| exceeds
 * about 1e15). A slice of all −∞ gives −∞ and a zero gradient.
 */
final class LogSumExp {
  private LogSumExp() {}

  /**
   * @param x any tensor of rank ≥ 1
   * @param axis the axis to reduce, negative counting from the end
   * @param keepDim keep the reduced axis with size 1 (else it is removed)
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  static Tensor apply(Tensor x, int axis, boolean keepDim) {
    int[] shape = x.shape();
    int a = Shape.axis("logSumExp", axis, shape);
    Axes.requireNonEmpty("logSumExp", shape, a);
    Axes v = Axes.around(shape, a);
    double[] xs = x.buffer();
    Shifted s = Shifted.of(xs, v);
    double[] ys = new double[v.outer() * v.inner()];
    for (int j = 0; j < ys.length; j++) {
      ys[j] = s.logSumExp(j);
    }
    return Tensor.fromOp(
        "logSumExp",
        ys,
        Shape.reduce(shape, a, keepDim),
        (g, grads) -> {
          double[] gx = grads[0];
          for (int o = 0; o < v.outer(); o++) {
            for (int i = 0; i < v.inner(); i++) {
              int j = v.slice(o, i);
              if (s.max[j] == Double.NEGATIVE_INFINITY) {
                continue;
              }
              for (int k = 0; k < v.n(); k++) {
                int idx = v.at(o, k, i);
                gx[idx] += g[j] * s.softmax(xs[idx], j);
              }
            }
          }
        },
        x);
  }

  /**
   * Per slice of an {@link Axes} view: the maximum m and the shifted sum {@code Σ_k exp(x_k − m)}.
   * Where m is not finite (a slice of −∞, or one holding +∞ or NaN) the sum is 1, so the formulas
   * below reduce to what IEEE arithmetic gives for such slices.
   */
  static final class Shifted {
    final double[] max;
    final double[] sum;

    private Shifted(double[] max, double[] sum) {
      this.max = max;
      this.sum = sum;
    }

    static Shifted of(double[] xs, Axes v) {
      double[] max = new double[v.outer() * v.inner()];
      double[] sum = new double[max.length];
      for (int o = 0; o < v.outer(); o++) {
        for (int i = 0; i < v.inner(); i++) {
          int j = v.slice(o, i);
          double m = Double.NEGATIVE_INFINITY;
          for (int k = 0; k < v.n(); k++) {
            m = Math.max(m, xs[v.at(o, k, i)]); // NaN propagates
          }
          max[j] = m;
          if (!Double.isFinite(m)) {
            sum[j] = 1.0;
            continue;
          }
          double s = 0;
          for (int k = 0; k < v.n(); k++) {
            s += Math.exp(xs[v.at(o, k, i)] - m);
          }
          sum[j] = s;
        }
      }
      return new Shifted(max, sum);
    }

    /** log-sum-exp of slice j. */
    double logSumExp(int j) {
      return max[j] + Math.log(sum[j]);
    }

    /** softmax of value x in slice j. */
    double softmax(double x, int j) {
      return Math.exp(x - max[j]) / sum[j];
    }

    /** log-softmax of value x in slice j. */
    double logSoftmax(double x, int j) {
      return (x - max[j]) - Math.log(sum[j]);
    }
  }
}
