package io.github.focal4j.models.training;

/**
 * Clipping by global norm, as PyTorch's {@code clip_grad_norm_}: with {@code n = ‖(g₁, …, g_k)‖₂}
 * over all gradients, every gradient is scaled by {@code maxNorm / (n + 1e-6)} when that is below
 * 1.
 */
public final class GradientClipping {
  private GradientClipping() {}

  /** The global L2 norm of the gradients (summed in order, so deterministic). */
  public static double globalNorm(double[][] grads) {
    double s = 0;
    for (double[] g : grads) {
      for (double x : g) {
        s += x * x;
      }
    }
    return Math.sqrt(s);
  }

  /** The factor {@code maxNorm / (norm + 1e-6)} when below 1, else 1 (no clipping). */
  public static double coefficient(double norm, double maxNorm) {
    double coef = maxNorm / (norm + 1e-6);
    return coef < 1 ? coef : 1.0;
  }

  /**
   * Scales the gradients in place when their global norm exceeds {@code maxNorm}.
   *
   * @return the scale applied (1 when not clipped)
   */
  public static double clip(double[][] grads, double maxNorm) {
    double coef = coefficient(globalNorm(grads), maxNorm);
    if (coef < 1) {
      for (double[] g : grads) {
        for (int i = 0; i < g.length; i++) {
          g[i] *= coef;
        }
      }
    }
    return coef;
  }
}
