package io.github.focal4j.loss;

/**
 * Class-balanced α from the effective number of samples (Cui et al. 2019, "Class-Balanced Loss
 * Based on Effective Number of Samples").
 *
 * <pre>
 *   E_c = (1 − β^{n_c}) / (1 − β)          the effective number of the n_c samples of class c
 *   w_c = 1 / E_c = (1 − β) / (1 − β^{n_c})
 *   α_c = C · w_c / Σ_k w_k                normalised to sum to the number of classes C, as the paper's code
 * </pre>
 *
 * β = 0 gives equal weights (all α_c = 1); β → 1 approaches inverse class frequency. The paper uses
 * β ∈ {0.9, 0.99, 0.999, 0.9999}. {@code 1 − β^{n}} is computed as {@code −expm1(n·log β)},
 * accurate for β close to 1.
 *
 * <pre>{@code
 * MultiClassLoss fl = FocalLoss.multiClass().classAlpha(ClassBalanced.alpha(0.999, counts)).build();
 * }</pre>
 */
public final class ClassBalanced {

  private ClassBalanced() {}

  /**
   * Per-class α, normalised to sum to C.
   *
   * @param beta β ∈ [0, 1)
   * @param counts n_c ≥ 1 for every class (at least one class)
   * @return α_c, one per class, summing to C
   * @throws IllegalArgumentException for β outside [0, 1), no classes, or a class with fewer than
   *     one sample
   */
  public static double[] alpha(double beta, long... counts) {
    String name = "ClassBalanced";
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException(name + ": beta must be in [0, 1), got " + beta);
    }
    Params.notNull(name, "counts", counts);
    if (counts.length == 0) {
      throw new IllegalArgumentException(name + ": counts must have one entry per class, got none");
    }
    double[] w = new double[counts.length];
    double total = 0;
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] < 1) {
        throw new IllegalArgumentException(
            name
                + ": counts["
                + c
                + "] is "
                + counts[c]
                + "; every class needs at least one sample (its effective number would be 0)");
      }
      w[c] = beta == 0 ? 1.0 : (1 - beta) / -Math.expm1(counts[c] * Math.log(beta));
      total += w[c];
    }
    for (int c = 0; c < w.length; c++) {
      w[c] = w[c] * counts.length / total;
    }
    return w;
  }

  /**
   * The binary α (the weight of positives; negatives get 1 − α): {@code α = w_1 / (w_0 + w_1)}, the
   * same balance as {@link #alpha} for two classes, at half the scale (α + (1 − α) = 1 rather than
   * 2).
   *
   * @throws IllegalArgumentException as {@link #alpha}
   */
  public static double binaryAlpha(double beta, long negatives, long positives) {
    double[] a = alpha(beta, negatives, positives);
    return a[1] / (a[0] + a[1]);
  }
}
