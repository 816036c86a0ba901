package io.github.focal4j.models.ops;

import io.github.focal4j.models.lanes.DoubleLanes;
import io.github.focal4j.models.lanes.VectorSupport;

/**
 * The small matrix product of recurrent steps, {@code C[r] += A[r] · B} for the first {@code rows}
 * rows, on matrices stored as arrays of rows. B (a weight, already row-major) needs no packing —
 * unlike {@code Gemm}, which packs B on every call, a waste when the same weight meets 16 rows per
 * time step. Where the JVM has the Vector API with 512-bit vectors the product runs {@link
 * DoubleLanes}' register-blocked kernel; elsewhere {@link #scalarMulAdd}, loops that HotSpot C2
 * vectorises. Both give the same bits, so a training run does not depend on the JVM flags.
 */
final class RowKernels {
  /**
   * Whether {@link #mulAdd} runs {@link DoubleLanes}' kernel: the JVM has the Vector API with
   * 512-bit vectors (AVX-512). With 256-bit ones (AVX2's 16 registers) the kernel's 4 × 3 block
   * needs more vector registers than there are, and it ran slower than the scalar loop, which gives
   * the same bits (models README).
   */
  static final boolean LANES = VectorSupport.UNAVAILABLE.isEmpty() && DoubleLanes.L >= 8;

  static {
    if (LANES) {
      CompilePolicyAdvice.logOnce();
      DoubleLanes.warmUp(3000); // from here, not DoubleLanes' initializer: see warmUp
    }
  }

  private RowKernels() {}

  /**
   * {@code c[r][j] += Σ_p a[r][p] · b[p][j]} for {@code r < rows, j < n, p < k}: each element's
   * terms added in ascending p, each a rounded multiply then a rounded add, so both paths (the
   * Vector API's {@link DoubleLanes} and {@link #scalarMulAdd}) give the same bits.
   */
  static void mulAdd(int rows, int n, int k, double[][] a, double[][] b, double[][] c) {
    if (LANES) {
      DoubleLanes.mulAdd(rows, n, k, a, b, c);
    } else {
      scalarMulAdd(rows, n, k, a, b, c);
    }
  }

  /**
   * {@link #mulAdd} without the Vector API: the loop HotSpot C2 vectorises on its own. Blocks of 2
   * rows × 2 terms: each pass over a row of C adds two terms, {@code (c + x·b_p) + y·b_{p+1}}, the
   * order of the plain sum, so C is loaded and stored half as often as one term at a time would. On
   * AVX2 that store traffic was the limit (models README, "LSTM products on the Vector API").
   */
  static void scalarMulAdd(int rows, int n, int k, double[][] a, double[][] b, double[][] c) {
    int r = 0;
    for (; r + 2 <= rows; r += 2) {
      double[] a0 = a[r];
      double[] a1 = a[r + 1];
      double[] c0 = c[r];
      double[] c1 = c[r + 1];
      int p = 0;
      for (; p + 2 <= k; p += 2) {
        double x0 = a0[p];
        double x1 = a1[p];
        double y0 = a0[p + 1];
        double y1 = a1[p + 1];
        double[] bp = b[p];
        double[] bq = b[p + 1];
        for (int j = 0; j < n; j++) {
          double bj = bp[j];
          double dj = bq[j];
          c0[j] = c0[j] + x0 * bj + y0 * dj;
          c1[j] = c1[j] + x1 * bj + y1 * dj;
        }
      }
      if (p < k) {
        double x0 = a0[p];
        double x1 = a1[p];
        double[] bp = b[p];
        for (int j = 0; j < n; j++) {
          double bj = bp[j];
          c0[j] += x0 * bj;
          c1[j] += x1 * bj;
        }
      }
    }
    if (r < rows) {
      double[] a0 = a[r];
      double[] c0 = c[r];
      for (int p = 0; p < k; p++) {
        double x0 = a0[p];
        double[] bp = b[p];
        for (int j = 0; j < n; j++) {
          c0[j] += x0 * bp[j];
        }
      }
    }
  }

  /** Rows of a row-major {@code [rows, cols]} matrix as separate arrays. */
  static double[][] rows(double[] m, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(m, r * cols, out[r], 0, cols);
    }
    return out;
  }

  /** Rows of the transpose of a row-major {@code [rows, cols]} matrix: {@code [cols][rows]}. */
  static double[][] transposedRows(double[] m, int rows, int cols) {
    double[][] out = new double[cols][rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c][r] = m[r * cols + c];
      }
    }
    return out;
  }

  /** The transpose of {@code [rows][cols]} row arrays, as {@code [cols][rows]}. */
  static double[][] transposedRows(double[][] m) {
    int rows = m.length;
    int cols = rows == 0 ? 0 : m[0].length;
    double[][] out = new double[cols][rows];
    for (int r = 0; r < rows; r++) {
      double[] src = m[r];
      for (int c = 0; c < cols; c++) {
        out[c][r] = src[c];
      }
    }
    return out;
  }

  /** σ(x) = 1 / (1 + e^{-x}). */
  static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /**
   * tanh(x) through one {@code Math.exp} (an intrinsic, unlike {@code Math.tanh} on JDK 17); exact
   * to a few ulps. Near 0 it takes {@code StrictMath.tanh}, whose bits are the same on every JDK:
   * JDK 24 made {@code Math.tanh} an intrinsic that differs in the last bit, which changed whole
   * training runs on JDK 25.
   */
  static double tanh(double x) {
    if (x > 20) {
      return 1.0;
    }
    if (x < -20) {
      return -1.0;
    }
    if (Math.abs(x) < 1e-3) {
      return StrictMath.tanh(x); // avoid cancellation in 1 - e^{-2x}
    }
    double e = Math.exp(-2 * x);
    return (1 - e) / (1 + e);
  }
}
