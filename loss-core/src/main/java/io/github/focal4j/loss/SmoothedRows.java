package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;

/**
 * Label smoothing for a multi-class margin loss: {@code ℓ = Σ_j q_j · f(z_j; α_j)} with the
 * smoothed target {@code q = (1 − s)·onehot(t) + s/C} and {@code z_j = x_j − log Σ_{k≠j} e^{x_k}}
 * the margin of every class. For cross-entropy this is PyTorch's {@code
 * CrossEntropyLoss(label_smoothing=s)} (with {@code weight=α}); for focal it is Keras's {@code
 * CategoricalFocalCrossentropy(label_smoothing=s)}: {@code Σ_j q_j (1 − p_j)^γ (−log p_j)}.
 *
 * <p>Fused row, in O(C): with M the row maximum at class a and {@code e_k = e^{x_k − M}}, {@code S
 * = Σ e_k}, every class but a has {@code Σ_{k≠j} e^{x_k} = e^M (S − e_j)} with {@code S − e_j ≥ 1}
 * (no cancellation); class a is summed again around the second largest logit. The gradient uses
 * {@code ∂z_j/∂x_k = δ_jk − [k≠j] e^{x_k}/Σ_{i≠j} e^{x_i}}.
 */
final class SmoothedRows implements RowKernel {

  private final MarginFunction f;
  private final double smoothing;

  SmoothedRows(MarginFunction f, double smoothing) {
    this.f = f;
    this.smoothing = smoothing;
  }

  @Override
  public Tensor composed(Tensor logits, IntTensor targets, Tensor alpha) {
    int c = logits.size(1);
    Tensor q =
        Margin.oneHot(targets, c)
            .mul(1.0 - smoothing)
            .add(smoothing / c); // smoothed targets [N, C]
    return f.composed(Margin.allClasses(logits), alpha).mul(q).sum(1, false);
  }

  @Override
  public double row(
      double[] x,
      int off,
      int classes,
      int t,
      double[] alpha,
      double coef,
      double[] grad,
      Scratch scratch) {
    double[] e =
        scratch.a; // [0, C): e^{x_k − M}; [C, 2C): e^{x_k − M2}; [2C, 3C): coef·q_j·f'(z_j)
    int a = 0;
    double max = x[off];
    for (int j = 1; j < classes; j++) {
      if (x[off + j] > max) {
        max = x[off + j];
        a = j;
      }
    }
    double max2 = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < classes; j++) {
      if (j != a) {
        max2 = Math.max(max2, x[off + j]);
      }
    }
    double sum = 0;
    double sum2 = 0;
    for (int j = 0; j < classes; j++) {
      e[j] = Math.exp(x[off + j] - max);
      sum += e[j];
      e[classes + j] = j == a ? 0.0 : Math.exp(x[off + j] - max2);
      sum2 += e[classes + j];
    }
    double loss = 0;
    double base = smoothing / classes;
    for (int j = 0; j < classes; j++) {
      double rest =
          j == a ? max2 + Math.log(sum2) : max + Math.log(sum - e[j]); // log Σ_{k≠j} e^{x_k}
      double q = j == t ? 1.0 - smoothing + base : base;
      loss += q * f.valueAndSlope(x[off + j] - rest, alpha == null ? 1.0 : alpha[j], scratch.slope);
      e[2 * classes + j] = coef * q * scratch.slope[0];
    }
    if (grad != null) {
      double total = 0; // Σ_{j≠a} D_j / Σ_{k≠j} e^{x_k − M}
      for (int j = 0; j < classes; j++) {
        if (j != a) {
          total += e[2 * classes + j] / (sum - e[j]);
        }
      }
      double da = e[2 * classes + a];
      for (int k = 0; k < classes; k++) {
        double dk = e[2 * classes + k];
        grad[off + k] =
            k == a
                ? dk - total
                : dk - e[k] * (total - dk / (sum - e[k])) - da * e[classes + k] / sum2;
      }
    }
    return loss;
  }
}
