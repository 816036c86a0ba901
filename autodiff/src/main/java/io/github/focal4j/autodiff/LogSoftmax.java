package io.github.focal4j.autodiff;

/**
 * logSoftmax(x)_k = (x_k − m) − log Σ_j exp(x_j − m) along an axis, m the slice maximum: finite
 * wherever x is finite. Backward: dx_k = g_k − softmax(x)_k · Σ_j g_j.
 */
final class LogSoftmax {
  private LogSoftmax() {}

  /**
   * @param x any tensor of rank ≥ 1
   * @param axis the axis to normalise over, negative counting from the end
   * @return a tensor of x's shape: log-probabilities along {@code axis}
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  static Tensor apply(Tensor x, int axis) {
    int[] shape = x.shape();
    int a = Shape.axis("logSoftmax", axis, shape);
    Axes.requireNonEmpty("logSoftmax", shape, a);
    Axes v = Axes.around(shape, a);
    double[] xs = x.buffer();
    LogSumExp.Shifted s = LogSumExp.Shifted.of(xs, v);
    double[] ys = new double[xs.length];
    for (int o = 0; o < v.outer(); o++) {
      for (int i = 0; i < v.inner(); i++) {
        int j = v.slice(o, i);
        for (int k = 0; k < v.n(); k++) {
          int idx = v.at(o, k, i);
          ys[idx] = s.logSoftmax(xs[idx], j);
        }
      }
    }
    return Tensor.fromOp(
        "logSoftmax",
        ys,
        shape,
        (g, grads) -> {
          double[] gx = grads[0];
          for (int o = 0; o < v.outer(); o++) {
            for (int i = 0; i < v.inner(); i++) {
              double sum = 0;
              for (int k = 0; k < v.n(); k++) {
                sum += g[v.at(o, k, i)];
              }
              for (int k = 0; k < v.n(); k++) {
                int idx = v.at(o, k, i);
                gx[idx] += g[idx] - Math.exp(ys[idx]) * sum;
              }
            }
          }
        },
        x);
  }
}
