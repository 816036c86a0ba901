package io.github.focal4j.loss;

import io.github.focal4j.autodiff.ops.Sigmoid;

/**
 * Scalar pieces the fused kernels share. A kernel computes {@code e = exp(−|z|)} and {@code l = log1p01(e)}
 * once per element; then {@code −log σ(z) = max(−z, 0) + l}, {@code −log σ(−z) = max(z, 0) + l}, and
 * {@link #p}, {@link #q} give σ(z) and σ(−z) without another exp. All finite for every finite z.
 */
final class Scalar {

  private Scalar() {}

  /**
   * log(1 + e) for e ∈ [0, 1], accurate to a few ulps (Goldberg's correction: the rounding of 1 + e is
   * divided out), using the {@code Math.log} intrinsic rather than the much slower {@code Math.log1p}.
   */
  static double log1p01(double e) {
    double u = 1.0 + e;
    return u == 1.0 ? e : Math.log(u) * (e / (u - 1.0));
  }

  /** σ(z) given e = exp(−|z|), computed as {@link Sigmoid#value} does, so threshold tests agree bit for bit. */
  static double p(double z, double e) {
    return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
  }

  /** σ(−z) given e = exp(−|z|), computed as {@code Sigmoid.value(−z)} does. */
  static double q(double z, double e) {
    return z > 0 ? e / (1.0 + e) : 1.0 / (1.0 + e);
  }

  /** −log σ(z) = softplus(−z) = −log p_t: the cross-entropy at margin z. */
  static double ce(double z) {
    return Math.max(-z, 0.0) + log1p01(Math.exp(-Math.abs(z)));
  }
}
