package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;

/**
 * A multi-class loss as the sum of one binary (one-vs-rest) loss per class: {@code ℓ = Σ_c α_c ·
 * f(z_c, [c = t])} with {@code z_c = x_c − log Σ_{k≠c} e^{x_k}} the log-odds of class c under the
 * softmax (so {@code σ(z_c) = softmax(x)_c}) and α_c the per-class weight (1 when off).
 *
 * <p>Fused row, in O(C), as {@link SmoothedRows} computes every class's margin: with M the row
 * maximum at class a and {@code e_k = e^{x_k − M}}, {@code S = Σ e_k}, every class but a has {@code
 * Σ_{k≠j} e^{x_k} = e^M (S − e_j)} with {@code S − e_j ≥ 1} (no cancellation); class a is summed
 * again around the second largest logit. With {@code D_j = coef·α_j·f'(z_j)}, the gradient is
 * {@code ∂ℓ/∂x_k = Σ_j D_j ∂z_j/∂x_k}, {@code ∂z_j/∂x_k = δ_jk − [k≠j] e^{x_k}/Σ_{i≠j} e^{x_i}}.
 * Scalar only (no vector form).
 */
final class OneVsRestRows implements RowKernel {

  private final IndicatorFunction f;

  OneVsRestRows(IndicatorFunction f) {
    this.f = f;
  }

  @Override
  public Tensor composed(Tensor logits, IntTensor targets, Tensor alpha) {
    Tensor perClass =
        f.composed(Margin.allClasses(logits), Margin.oneHot(targets, logits.size(1))); // [N, C]
    return (alpha == null ? perClass : perClass.mul(alpha)).sum(1, false);
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
    double[] e = scratch.a; // [0, C): e^{x_k − M}; [C, 2C): e^{x_k − M2}; [2C, 3C): D_k
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
    for (int j = 0; j < classes; j++) {
      double rest =
          j == a ? max2 + Math.log(sum2) : max + Math.log(sum - e[j]); // log Σ_{k≠j} e^{x_k}
      double aj = alpha == null ? 1.0 : alpha[j];
      loss += aj * f.valueAndSlope(x[off + j] - rest, j == t, scratch.slope);
      e[2 * classes + j] = coef * aj * scratch.slope[0];
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
