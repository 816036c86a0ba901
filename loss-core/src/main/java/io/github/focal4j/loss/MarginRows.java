package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.MarginLanes;
import io.github.focal4j.loss.engine.MarginRowLanes;
import io.github.focal4j.loss.engine.RowLanes;

/**
 * A multi-class loss that depends on the target's margin only: {@code ℓ = f(z_t; α_t)} with {@code
 * z_t = x_t − log Σ_{j≠t} e^{x_j}} (see {@link Margin#multiClass}).
 *
 * <p>Fused row: one max and one pass of C − 1 exps give z_t; then {@code ∂z_t/∂x_t = 1} and {@code
 * ∂z_t/∂x_j = −e^{x_j}/Σ_{k≠t} e^{x_k}} (j ≠ t), so the row's gradient is {@code f'(z_t)} times
 * that.
 */
final class MarginRows implements RowKernel {

  private final MarginFunction f;

  MarginRows(MarginFunction f) {
    this.f = f;
  }

  @Override
  public Tensor composed(Tensor logits, IntTensor targets, Tensor alpha) {
    Tensor z = Margin.multiClass(logits, targets);
    return f.composed(z, alpha == null ? null : alpha.indexSelect(0, targets.buffer()));
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
    double[] e = scratch.a;
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < classes; j++) {
      if (j != t) {
        max = Math.max(max, x[off + j]);
      }
    }
    double sum = 0;
    for (int j = 0; j < classes; j++) {
      e[j] = j == t ? 0.0 : Math.exp(x[off + j] - max);
      sum += e[j];
    }
    double z = x[off + t] - (max + Math.log(sum));
    double l = f.valueAndSlope(z, alpha == null ? 1.0 : alpha[t], scratch.slope);
    if (grad != null) {
      double d = coef * scratch.slope[0];
      double k = -d / sum;
      for (int j = 0; j < classes; j++) {
        grad[off + j] = k * e[j];
      }
      grad[off + t] = d;
    }
    return l;
  }

  @Override
  public RowLanes lanes() {
    MarginLanes lanes = lanesOf(f);
    return lanes == null ? null : new MarginRowLanes(lanes);
  }

  /**
   * The vector form of a built-in margin function, or null for any other (a user's own function
   * runs the scalar kernels). Call only when {@link Simd#ENABLED}.
   */
  static MarginLanes lanesOf(MarginFunction f) {
    return f instanceof BuiltInMargin builtIn ? builtIn.lanes() : null;
  }
}
