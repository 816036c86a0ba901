package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;

/**
 * The target margin z = logit(p_t), the variable every loss in this package is written in (see
 * {@link MarginFunction}), built from autodiff primitives.
 */
public final class Margin {

  private Margin() {}

  /**
   * Binary: {@code z = (2y − 1)·x}, so σ(z) = ŷ for y = 1 and 1 − ŷ for y = 0.
   *
   * @param logits x, any shape
   * @param targets y ∈ {0, 1}, same shape (data: no gradient flows to it)
   */
  public static Tensor binary(Tensor logits, Tensor targets) {
    return logits.mul(targets.detach().mul(2.0).sub(1.0));
  }

  /**
   * Multi-class: {@code z = x_t − log Σ_{j≠t} e^{x_j}}, the log-odds of the target class, so {@code
   * p_t = softmax(x)_t = σ(z)} and {@code log(1 − p_t) = log σ(−z)} with no cancellation (unlike
   * {@code log1p(−p_t)}, which loses everything once p_t rounds to 1).
   *
   * @param logits x of shape [N, C]
   * @param targets t of shape [N], each in [0, C)
   * @return z of shape [N]
   */
  public static Tensor multiClass(Tensor logits, IntTensor targets) {
    int n = logits.size(0);
    Tensor xt = logits.gather(1, targets.unsqueeze(1)).reshape(n);
    Tensor others =
        Tensor.where(
                oneHot(targets, logits.size(1)), Tensor.scalar(Double.NEGATIVE_INFINITY), logits)
            .logSumExp(1, false); // log Σ_{j≠t} e^{x_j}
    return xt.sub(others);
  }

  /**
   * The margin of every class: {@code z_j = x_j − log Σ_{k≠j} e^{x_k}}, for losses that sum over
   * all classes (label smoothing).
   *
   * @param logits x of shape [N, C]
   * @return z of shape [N, C]
   */
  public static Tensor allClasses(Tensor logits) {
    int c = logits.size(1);
    double[] diagonal = new double[c * c];
    for (int j = 0; j < c; j++) {
      diagonal[j * c + j] = 1.0;
    }
    Tensor others =
        Tensor.where(
                Tensor.of(diagonal, c, c),
                Tensor.scalar(Double.NEGATIVE_INFINITY),
                logits.unsqueeze(1))
            .logSumExp(2, false); // [N, C]: row j is log Σ_{k≠j} e^{x_k}
    return logits.sub(others);
  }

  /** A constant [N, C] tensor with 1 at (i, targets[i]). */
  static Tensor oneHot(IntTensor targets, int classes) {
    int[] t = targets.buffer();
    double[] d = new double[t.length * classes];
    for (int i = 0; i < t.length; i++) {
      d[i * classes + t[i]] = 1.0;
    }
    return Tensor.of(d, t.length, classes);
  }
}
