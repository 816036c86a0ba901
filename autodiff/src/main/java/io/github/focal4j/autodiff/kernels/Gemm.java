package io.github.focal4j.autodiff.kernels;

/**
 * Double-precision matrix multiply-accumulate on row-major arrays: {@code C += op(A) · op(B)},
 * where {@code op(X)} is X or its transpose.
 *
 * <p>Pure Java, no flags, no native code. Blocks of B are packed into row arrays and four rows of C
 * are accumulated at a time in separate row buffers, which is the loop shape HotSpot C2
 * auto-vectorises ({@code c0[j] += a0 * b[j]; c1[j] += a1 * b[j]; ...}); the same loop on one flat
 * array with offsets is not vectorised as well because the stores may alias. Packing also makes the
 * transposed cases free: the kernel only ever reads packed rows.
 *
 * <p>Where the JVM compiles {@link Math#fma} to a hardware instruction (HotSpot's {@code UseFMA},
 * true on every x86-64 CPU since 2013 and on AArch64), the kernel takes two rows of B per pass and
 * fuses each multiply-add: {@code c0[j] = fma(a01, b1[j], fma(a00, b0[j], c0[j]))}. That halves the
 * loads and stores of C per flop (what it gains is measured in the autodiff README, with {@code
 * MatmulBenchmark}). Elsewhere (no FMA unit, or a JVM that does not say) it keeps separate
 * multiplies and adds, because a software {@code Math.fma} is far slower. Results therefore differ
 * between the two paths in the last bits (the fused form rounds once per multiply-add and is the
 * more accurate).
 *
 * <p>Buffers are per thread, so concurrent calls on different threads are safe.
 */
public final class Gemm {

  /**
   * Columns of C (and of packed B) per block: four C rows plus two B rows of this length stay in
   * L1.
   */
  private static final int NC = 256;

  /** Rows of packed B per block: a KC x NC block (256 KiB) stays in L2. */
  private static final int KC = 128;

  /** Rows of C accumulated together. */
  private static final int MR = 4;

  /** Whether {@link Math#fma} is a hardware instruction here; decides the kernel once per JVM. */
  static final boolean HARDWARE_FMA = detectHardwareFma();

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private static final class Buffers {
    final double[][] b = new double[KC][NC];
    final double[][] c = new double[MR][NC];
  }

  private Gemm() {}

  /**
   * {@code C[m×n] += op(A)[m×k] · op(B)[k×n]}, all row-major with the given leading dimensions
   * (elements between consecutive rows as stored): A is stored m×k ({@code lda ≥ k}) or, when
   * {@code transA}, k×m ({@code lda ≥ m}); likewise B is stored k×n or n×k. C must not overlap A or
   * B.
   *
   * @throws IllegalArgumentException if a dimension is negative, a leading dimension is too small,
   *     or an operand does not fit in its array at its offset (checked up front: never an index
   *     exception from inside the kernel)
   */
  public static void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc) {
    gemm(HARDWARE_FMA, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }

  /**
   * {@link #gemm(boolean, boolean, int, int, int, double[], int, int, double[], int, int, double[],
   * int, int)} with the kernel chosen by the caller (tests run both).
   */
  static void gemm(
      boolean fma,
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc) {
    check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    if (m == 0 || n == 0 || k == 0) {
      return;
    }
    Buffers buf = BUFFERS.get();
    for (int j0 = 0; j0 < n; j0 += NC) {
      int nc = Math.min(NC, n - j0);
      for (int p0 = 0; p0 < k; p0 += KC) {
        int kc = Math.min(KC, k - p0);
        packB(transB, b, bOff, ldb, p0, kc, j0, nc, buf.b);
        int i = 0;
        for (; i + MR <= m; i += MR) {
          block4(fma, transA, a, aOff, lda, i, p0, kc, nc, buf, c, cOff + i * ldc + j0, ldc);
        }
        for (; i < m; i++) {
          block1(fma, transA, a, aOff, lda, i, p0, kc, nc, buf, c, cOff + i * ldc + j0);
        }
      }
    }
  }

  /**
   * Convenience for dense row-major matrices: {@code C[m×n] += A[m×k] · B[k×n]}.
   *
   * @throws IllegalArgumentException if a dimension is negative or an array is too small for its
   *     matrix
   */
  public static void gemm(int m, int n, int k, double[] a, double[] b, double[] c) {
    gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n);
  }

  /**
   * HotSpot reports {@code UseFMA} through its diagnostic bean; any other answer, or none, means
   * "no". Only then is {@code Math.fma} known to be a single instruction.
   */
  private static boolean detectHardwareFma() {
    try {
      com.sun.management.HotSpotDiagnosticMXBean bean =
          java.lang.management.ManagementFactory.getPlatformMXBean(
              com.sun.management.HotSpotDiagnosticMXBean.class);
      return bean != null && Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static void packB(
      boolean transB,
      double[] b,
      int bOff,
      int ldb,
      int p0,
      int kc,
      int j0,
      int nc,
      double[][] packed) {
    for (int p = 0; p < kc; p++) {
      double[] row = packed[p];
      if (!transB) {
        System.arraycopy(b, bOff + (p0 + p) * ldb + j0, row, 0, nc);
      } else {
        int base = bOff + j0 * ldb + p0 + p;
        for (int j = 0; j < nc; j++) {
          row[j] = b[base + j * ldb];
        }
      }
    }
  }

  private static double aAt(boolean transA, double[] a, int aOff, int lda, int i, int p) {
    return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
  }

  private static void block4(
      boolean fma,
      boolean transA,
      double[] a,
      int aOff,
      int lda,
      int i,
      int p0,
      int kc,
      int nc,
      Buffers buf,
      double[] c,
      int cBase,
      int ldc) {
    double[] c0 = buf.c[0];
    double[] c1 = buf.c[1];
    double[] c2 = buf.c[2];
    double[] c3 = buf.c[3];
    java.util.Arrays.fill(c0, 0, nc, 0.0);
    java.util.Arrays.fill(c1, 0, nc, 0.0);
    java.util.Arrays.fill(c2, 0, nc, 0.0);
    java.util.Arrays.fill(c3, 0, nc, 0.0);
    int p = 0;
    if (fma) {
      for (; p + 2 <= kc; p += 2) {
        int q = p0 + p;
        double a00 = aAt(transA, a, aOff, lda, i, q);
        double a10 = aAt(transA, a, aOff, lda, i + 1, q);
        double a20 = aAt(transA, a, aOff, lda, i + 2, q);
        double a30 = aAt(transA, a, aOff, lda, i + 3, q);
        double a01 = aAt(transA, a, aOff, lda, i, q + 1);
        double a11 = aAt(transA, a, aOff, lda, i + 1, q + 1);
        double a21 = aAt(transA, a, aOff, lda, i + 2, q + 1);
        double a31 = aAt(transA, a, aOff, lda, i + 3, q + 1);
        double[] b0 = buf.b[p];
        double[] b1 = buf.b[p + 1];
        for (int j = 0; j < nc; j++) {
          double x0 = b0[j];
          double x1 = b1[j];
          c0[j] = Math.fma(a01, x1, Math.fma(a00, x0, c0[j]));
          c1[j] = Math.fma(a11, x1, Math.fma(a10, x0, c1[j]));
          c2[j] = Math.fma(a21, x1, Math.fma(a20, x0, c2[j]));
          c3[j] = Math.fma(a31, x1, Math.fma(a30, x0, c3[j]));
        }
      }
    }
    for (; p < kc; p++) {
      double a0 = aAt(transA, a, aOff, lda, i, p0 + p);
      double a1 = aAt(transA, a, aOff, lda, i + 1, p0 + p);
      double a2 = aAt(transA, a, aOff, lda, i + 2, p0 + p);
      double a3 = aAt(transA, a, aOff, lda, i + 3, p0 + p);
      double[] bp = buf.b[p];
      for (int j = 0; j < nc; j++) {
        double bj = bp[j];
        c0[j] += a0 * bj;
        c1[j] += a1 * bj;
        c2[j] += a2 * bj;
        c3[j] += a3 * bj;
      }
    }
    addRow(c0, c, cBase, nc);
    addRow(c1, c, cBase + ldc, nc);
    addRow(c2, c, cBase + 2 * ldc, nc);
    addRow(c3, c, cBase + 3 * ldc, nc);
  }

  private static void block1(
      boolean fma,
      boolean transA,
      double[] a,
      int aOff,
      int lda,
      int i,
      int p0,
      int kc,
      int nc,
      Buffers buf,
      double[] c,
      int cBase) {
    double[] c0 = buf.c[0];
    java.util.Arrays.fill(c0, 0, nc, 0.0);
    int p = 0;
    if (fma) {
      for (; p + 2 <= kc; p += 2) {
        double a00 = aAt(transA, a, aOff, lda, i, p0 + p);
        double a01 = aAt(transA, a, aOff, lda, i, p0 + p + 1);
        double[] b0 = buf.b[p];
        double[] b1 = buf.b[p + 1];
        for (int j = 0; j < nc; j++) {
          c0[j] = Math.fma(a01, b1[j], Math.fma(a00, b0[j], c0[j]));
        }
      }
    }
    for (; p < kc; p++) {
      double a0 = aAt(transA, a, aOff, lda, i, p0 + p);
      double[] bp = buf.b[p];
      for (int j = 0; j < nc; j++) {
        c0[j] += a0 * bp[j];
      }
    }
    addRow(c0, c, cBase, nc);
  }

  private static void addRow(double[] src, double[] c, int cBase, int nc) {
    for (int j = 0; j < nc; j++) {
      c[cBase + j] += src[j];
    }
  }

  private static void check(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("gemm: negative dimension m=" + m + " n=" + n + " k=" + k);
    }
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    requireFits("A", a, aOff, lda, aRows, aCols);
    requireFits("B", b, bOff, ldb, bRows, bCols);
    requireFits("C", c, cOff, ldc, m, n);
  }

  private static void requireFits(String name, double[] x, int off, int ld, int rows, int cols) {
    if (rows == 0 || cols == 0) {
      return;
    }
    if (ld < cols) {
      throw new IllegalArgumentException(
          "gemm: leading dimension of " + name + " is " + ld + " < " + cols + " columns");
    }
    long last = (long) off + (long) (rows - 1) * ld + cols;
    if (off < 0 || last > x.length) {
      throw new IllegalArgumentException(
          "gemm: "
              + name
              + " ("
              + rows
              + "x"
              + cols
              + ", offset "
              + off
              + ", ld "
              + ld
              + ") does not fit in an array of "
              + x.length);
    }
  }
}
