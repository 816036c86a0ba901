package io.github.focal4j.loss.engine;

import io.github.focal4j.autodiff.ops.Sigmoid;

/**
 * Scalar pieces the fused kernels share. A kernel computes one exponential per margin, {@code e =
 * exp(−|z|)}, and one reciprocal, {@code r = 1/(1 + e)}; everything else follows with no further
 * exp or division:
 *
 * <pre>
 *   σ(z) = z ≥ 0 ? r : e·r          σ(−z) = z &gt; 0 ? e·r : r
 *   l = log(1 + e) = {@link #log1p01}(e, r)
 *   −log σ(z) = max(−z, 0) + l      −log σ(−z) = max(z, 0) + l
 * </pre>
 *
 * All finite for every finite z. {@link LaneMath} has the same pieces for the vector path.
 */
public final class Scalar {

  private Scalar() {}

  /**
   * log(1 + e) for e ∈ [0, 1] given r = 1/(1 + e), to about an ulp: {@code log(u)} of the rounded
   * {@code u = 1 + e} plus the rounding error {@code e − (u − 1)} (exact) divided by u. One {@code
   * Math.log} intrinsic, no {@code Math.log1p} (much slower) and no extra division.
   */
  public static double log1p01(double e, double r) {
    double u = 1.0 + e;
    return Math.log(u) + (e - (u - 1.0)) * r;
  }

  /**
   * σ(z) given e = exp(−|z|), computed as {@link Sigmoid#value} does, so threshold tests agree bit
   * for bit.
   */
  public static double p(double z, double e) {
    return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
  }

  /** σ(z) given e = exp(−|z|) and r = 1/(1 + e). */
  public static double p(double z, double e, double r) {
    return z >= 0 ? r : e * r;
  }

  /** σ(−z) given e = exp(−|z|) and r = 1/(1 + e). */
  public static double q(double z, double e, double r) {
    return z > 0 ? e * r : r;
  }

  /**
   * {@code b^k} for a base b ∈ [0, 1] with known {@code log b}: by repeated multiplication when k
   * is a small integer (γ = 1, 2 and K = 2 are the common settings; a product of k factors is as
   * accurate as the exponential and needs none), else {@code exp(k·log b)}, which stays finite,
   * with a finite derivative, for k ∈ (0, 1) where {@code Math.pow}'s derivative at b = 0 is not.
   */
  public static double pow(double b, double logB, double k) {
    int n = smallInteger(k);
    if (n < 0) {
      return Math.exp(k * logB);
    }
    double w = 1.0;
    for (int i = 0; i < n; i++) {
      w *= b;
    }
    return w;
  }

  /**
   * k as an int when it is an integer in [0, 8], else −1 ({@link #pow} multiplies up to 8 factors).
   */
  public static int smallInteger(double k) {
    return k >= 0 && k <= 8 && k == Math.rint(k) ? (int) k : -1;
  }
}
