package io.github.focal4j.autodiff;

/**
 * softmax(x)_k = exp(x_k − m) / Σ_j exp(x_j − m) along an axis, m the slice maximum: no overflow,
 * and exact shares for equal logits of any size. Backward: dx_k = y_k · (g_k − Σ_j g_j y_j).
 */
final class Softmax {
  private Softmax() {}

  /**
   * @param x any tensor of rank ≥ 1
   * @param axis the axis to normalise over, negative counting from the end
   * @return a tensor of x's shape whose slices along {@code axis} are positive and sum to 1
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  static Tensor apply(Tensor x, int axis) {
    int[] shape = x.shape();
    int a = Shape.axis("softmax", axis, shape);
    Axes.requireNonEmpty("softmax", shape, a);
    Axes v = Axes.around(shape, a);
    double[] xs = x.buffer();
    LogSumExp.Shifted s = LogSumExp.Shifted.of(xs, v);
    double[] ys = new double[xs.length];
    for (int o = 0; o < v.outer(); o++) {
      for (int i = 0; i < v.inner(); i++) {
        int j = v.slice(o, i);
        for (int k = 0; k < v.n(); k++) {
          int idx = v.at(o, k, i);
          ys[idx] = s.softmax(xs[idx], j);
        }
      }
    }
    return Tensor.fromOp(
        "softmax",
        ys,
        shape,
        (g, grads) -> {
          double[] gx = grads[0];
          for (int o = 0; o < v.outer(); o++) {
            for (int i = 0; i < v.inner(); i++) {
              double dot = 0;
              for (int k = 0; k < v.n(); k++) {
                int idx = v.at(o, k, i);
                dot += g[idx] * ys[idx];
              }
              for (int k = 0; k < v.n(); k++) {
                int idx = v.at(o, k, i);
                gx[idx] += ys[idx] * (g[idx] - dot);
              }
            }
          }
        },
        x);
  }
}
