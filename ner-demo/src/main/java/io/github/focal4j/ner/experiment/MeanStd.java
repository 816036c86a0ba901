package io.github.focal4j.ner.experiment;

import java.util.Collection;
import java.util.Locale;

/**
 * The mean and sample standard deviation (divisor n − 1; 0 for a single value) of a few numbers,
 * such as one figure over several seeds.
 *
 * @param mean the arithmetic mean (NaN when n is 0)
 * @param std the sample standard deviation (0 when n ≤ 1)
 * @param n how many numbers
 */
public record MeanStd(double mean, double std, int n) {

  /** Of the given numbers. */
  public static MeanStd of(double... xs) {
    int n = xs.length;
    if (n == 0) {
      return new MeanStd(Double.NaN, 0, 0);
    }
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    double mean = sum / n;
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    return new MeanStd(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
  }

  /** Of the given numbers. */
  public static MeanStd of(Collection<? extends Number> xs) {
    return of(xs.stream().mapToDouble(Number::doubleValue).toArray());
  }

  /**
   * {@code 95.12 ± 0.34} with this many decimals ({@code 95.12} for one value, {@code -} for none).
   */
  public String format(int decimals) {
    if (n == 0) {
      return "-";
    }
    String f = "%." + decimals + "f";
    return n == 1
        ? String.format(Locale.ROOT, f, mean)
        : String.format(Locale.ROOT, f + " ± " + f, mean, std);
  }
}
