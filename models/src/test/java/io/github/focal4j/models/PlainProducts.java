package io.github.focal4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;

/**
 * The reference the float64 product kernels are held to, bit for bit ({@code ops.RowKernelsTest},
 * {@code lanes.DoubleLanesTest}): the plain sum in ascending p, each term a rounded multiply then a
 * rounded add.
 */
public final class PlainProducts {
  private PlainProducts() {}

  /** A float64 product kernel: {@code c[r] += a[r] · b} for the first {@code rows} rows. */
  @FunctionalInterface
  public interface Kernel {
    void mulAdd(int rows, int n, int k, double[][] a, double[][] b, double[][] c);
  }

  /**
   * Draws A ({@code rows × k}), B ({@code k × n}) and C ({@code rows × n}) in that order with
   * {@link #random}, runs {@code kernel} and asserts that every row of C is the plain sum's to the
   * bit.
   */
  public static void assertPlainSum(Kernel kernel, SplittableRandom rng, int rows, int n, int k) {
    double[][] a = random(rng, rows, k);
    double[][] b = random(rng, k, n);
    double[][] c = random(rng, rows, n);
    double[][] expected = mulAdd(rows, n, k, a, b, c);
    kernel.mulAdd(rows, n, k, a, b, c);
    for (int r = 0; r < rows; r++) {
      assertArrayEquals(
          expected[r], c[r], 0.0, "rows " + rows + ", n " + n + ", k " + k + ", row " + r);
    }
  }

  /**
   * A {@code rows × cols} matrix as row arrays, its values over 10 decades of magnitude, so that a
   * changed order of the terms or a fused multiply-add shows in the last bits.
   */
  public static double[][] random(SplittableRandom rng, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int i = 0; i < cols; i++) {
        row[i] = rng.nextDouble(-1, 1) * Math.pow(10, rng.nextInt(-5, 5));
      }
    }
    return m;
  }

  /**
   * {@code c[r][j] + Σ_p a[r][p] · b[p][j]} for {@code r < rows, j < n}, the terms added one at a
   * time in ascending p; {@code c} is left as it is.
   */
  private static double[][] mulAdd(
      int rows, int n, int k, double[][] a, double[][] b, double[][] c) {
    double[][] out = new double[rows][n];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < n; j++) {
        double s = c[r][j];
        for (int p = 0; p < k; p++) {
          s += a[r][p] * b[p][j];
        }
        out[r][j] = s;
      }
    }
    return out;
  }
}
