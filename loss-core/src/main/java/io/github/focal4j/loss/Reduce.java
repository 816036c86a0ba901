package io.github.focal4j.loss;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.Chunks;
import io.github.focal4j.loss.engine.GradientPool;

/** The last step every loss shares: reducing per-element losses, for both implementations. */
final class Reduce {

  private Reduce() {}

  /**
   * What MEAN multiplies the sum by: 1/count, or 0 when the count is 0 (an all-ignored batch); 1
   * otherwise.
   */
  static double scale(
      Reduction reduction, Normalization normalization, long valid, long positives) {
    if (reduction != Reduction.MEAN) {
      return 1.0;
    }
    long count = normalization == Normalization.VALID_ELEMENTS ? valid : Math.max(positives, 1);
    return count == 0 ? 0.0 : 1.0 / count;
  }

  /**
   * Composed: per-element losses (already weighted, 0 where invalid) reduced with autodiff ops.
   *
   * @param logits the loss's input, to keep an empty batch's zero connected to the graph
   */
  static Tensor composed(
      String name, Tensor perElement, Reduction reduction, double scale, Tensor logits) {
    if (reduction == Reduction.NONE) {
      return perElement;
    }
    if (perElement.numel() == 0) {
      return Tensor.fromOp(name, new double[] {0.0}, new int[0], (g, grads) -> {}, logits);
    }
    Tensor sum = perElement.sum();
    return reduction == Reduction.MEAN ? sum.mul(scale) : sum;
  }

  /**
   * Fused: wraps a kernel's results as one autodiff op whose backward scales the saved gradient.
   *
   * @param perElement the per-element losses (for NONE), else ignored
   * @param sum the sum of per-element losses (for SUM and MEAN)
   * @param outShape the shape of the per-element losses (the targets' shape)
   * @param grad d(sum of per-element losses)/d(logits), or null when no gradient is needed; from
   *     {@link GradientPool#take}, handed back once the backward has used it
   * @param width logits per output element: 1 for binary losses, C for multi-class ones
   */
  static Tensor fused(
      String name,
      Reduction reduction,
      double scale,
      double[] perElement,
      double sum,
      int[] outShape,
      double[] grad,
      int width,
      Tensor logits) {
    if (reduction == Reduction.NONE) {
      return Tensor.fromOp(
          name,
          perElement,
          outShape,
          (g, grads) -> {
            double[] gx = grads[0];
            if (gx != null && grad != null) {
              Chunks.run(
                  perElement.length,
                  Math.max(1, Chunks.GRAIN / width),
                  (c, from, to) -> {
                    for (int r = from; r < to; r++) {
                      double gr = g[r];
                      for (int k = r * width, end = k + width; k < end; k++) {
                        gx[k] += gr * grad[k];
                      }
                    }
                  });
              GradientPool.give(grad);
            }
          },
          logits);
    }
    return Tensor.fromOp(
        name,
        new double[] {sum * scale},
        new int[0],
        (g, grads) -> {
          double[] gx = grads[0];
          if (gx != null && grad != null) {
            double s = g[0] * scale;
            Chunks.run(
                gx.length,
                Chunks.GRAIN,
                (c, from, to) -> {
                  for (int i = from; i < to; i++) {
                    gx[i] += s * grad[i];
                  }
                });
            GradientPool.give(grad);
          }
        },
        logits);
  }
}
