package io.github.focal4j.autodiff;

import java.util.random.RandomGenerator;

/**
 * Inverted dropout: each element is kept with probability {@code 1 - p} and scaled by {@code
 * 1/(1-p)}, else zeroed, so the expectation is unchanged. The mask is drawn from the caller's
 * generator (one {@code nextDouble()} per element, in order), so a seeded generator reproduces it.
 * Backward: the same mask.
 */
final class Dropout {
  private Dropout() {}

  /**
   * @throws IllegalArgumentException unless {@code 0 <= p < 1}
   */
  static Tensor apply(Tensor x, double p, RandomGenerator rng) {
    if (!(p >= 0.0 && p < 1.0)) {
      throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
    }
    double scale = 1.0 / (1.0 - p);
    double[] xs = x.buffer();
    double[] mask = new double[xs.length];
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      // keep ⇔ u ≥ p ⇔ u − p has no sign bit (the sign of a difference is exact): without a branch,
      // which the CPU would mispredict on about half the elements
      long dropped = Double.doubleToRawLongBits(rng.nextDouble() - p) >>> 63;
      mask[i] = scale * (1 - dropped);
      ys[i] = xs[i] * mask[i];
    }
    return Tensor.fromOp(
        "dropout",
        ys,
        x.shape(),
        (g, grads) -> {
          double[] gx = grads[0];
          for (int i = 0; i < gx.length; i++) {
            gx[i] += g[i] * mask[i];
          }
        },
        x);
  }
}
