package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.RowLanes;

/**
 * The per-row part of a multi-class loss, in both implementations. The {@link MultiClassRowLoss}
 * driver handles checks, masks, weights and reduction around it.
 */
interface RowKernel {

  /**
   * The reference.
   *
   * @param logits [N, C]
   * @param targets [N], each in [0, C)
   * @param alpha per-class α of shape [C], or null when α is off
   * @return per-row losses [N]
   */
  Tensor composed(Tensor logits, IntTensor targets, Tensor alpha);

  /**
   * The fused row: the loss of row {@code x[off .. off + C)} with target t; when {@code grad} is
   * not null, writes {@code coef · ∂ℓ/∂x_j} into {@code grad[off + j]} for every j.
   *
   * @param alpha per-class α (length C) or null
   * @param scratch per-chunk work space the kernel may overwrite
   */
  double row(
      double[] x,
      int off,
      int classes,
      int t,
      double[] alpha,
      double coef,
      double[] grad,
      Scratch scratch);

  /**
   * The kernel's vector form, a new instance (it holds work arrays: one per thread), or null when
   * it has none or its loss's function has none (the driver then runs {@link #row}). Call only when
   * {@link Simd#ENABLED}.
   */
  default RowLanes lanes() {
    return null;
  }

  /** Work space allocated once per chunk, never per row. */
  final class Scratch {
    /** 3·C doubles. */
    final double[] a;

    /** dℓ/dz from {@link MarginFunction#valueAndSlope}. */
    final double[] slope = new double[1];

    Scratch(int classes) {
      a = new double[3 * classes];
    }
  }
}
