package io.github.focal4j.models.lanes;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix product of training's recurrent steps ({@code ops.RowKernels.mulAdd}) on the Vector
 * API: blocks of 4 rows × 3 vectors of C stay in registers across the whole k loop, where the
 * scalar loop loads and stores C once per term. Every element is summed in the same order, one
 * rounded multiply then one rounded add per term (no fused multiply-add), so the result is bit for
 * bit the scalar loop's.
 *
 * <p>Why 4 × 3 on AVX-512 too, not FloatLanes' 4 × 4: with a separate multiply and add the 4 × 4
 * block has twice FloatLanes' vector operations, and JDK 17's C2 was seen to give up on some of its
 * store intrinsics even when compiling it from its entry; those vectors then live as heap objects
 * and the block runs several times slower than the scalar loop. 4 × 3 compiles whole and is nearly
 * as fast as 4 × 4 where both compile (the models README has the figures).
 *
 * <p>Used with 512-bit vectors only ({@code ops.RowKernels} decides): with AVX2's 16 registers the
 * 4 × 3 block, its 3 vectors of B, the broadcast and the product need 17, and the kernel ran slower
 * than the scalar loop (the models README has the figures).
 *
 * <p>Loaded only when {@link VectorSupport#UNAVAILABLE} is empty; no method takes or returns a
 * vector (a vector passed to a call C2 did not inline is boxed on every call).
 *
 * <p>Run the JVM with {@code -XX:Tier3DelayOn=100000}, as the {@code ner-demo} launcher does. By
 * default HotSpot compiles methods without profiling while C2's queue is long; when that hits the
 * Vector API's own methods, C2 compiles these blocks without knowing their vectors' class and boxes
 * them for the rest of the run: the same results, several times slower (the models README has the
 * diagnosis).
 */
public final class DoubleLanes {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  /** Doubles per vector. */
  public static final int L = S.length();

  private DoubleLanes() {}

  /**
   * Runs every path of {@link #mulAdd} on tiny arrays (loops of 16 terms), so that HotSpot's C2
   * compiles each method whole, from its entry, before the first real call. Otherwise the first
   * long loops make C2 compile them on-stack (OSR), where the vectors arrive from the interpreter's
   * frame as objects of unknown class: the store intrinsics fail, and those loops run several times
   * slower than the scalar loop (measured in the models README).
   *
   * <p>Call it once before the first real call ({@code ops.RowKernels} does, from its own
   * initializer), never from this class's static initializer: C2 code compiled while this class is
   * being initialized carries an initialization barrier, traps ({@code reason='initialized'}) on
   * the first call after it and is thrown away, and which methods that hits depends on the
   * compiler's timing — {@code compare} then ran 4× slower on some runs and not on others.
   */
  public static void warmUp(int rounds) {
    int rows = 7; // blocks of 4, 2 and 1 rows
    int n = 3 * L + L + 1; // a 3-vector block, a 1-vector block, a tail column
    int k = 16;
    double[][] a = new double[rows][k];
    double[][] b = new double[k][n];
    double[][] c = new double[rows][n];
    for (int r = 0; r < rounds; r++) {
      mulAdd(rows, n, k, a, b, c);
    }
  }

  /** {@code c[r][j] += Σ_p a[r][p] · b[p][j]} for {@code r < rows, j < n, p < k}, p ascending. */
  public static void mulAdd(int rows, int n, int k, double[][] a, double[][] b, double[][] c) {
    int j = 0;
    // Column blocks outside, rows inside: one panel of B (k rows × the block's columns) stays in
    // cache while every row block of C passes over it.
    for (; j + 3 * L <= n; j += 3 * L) {
      for (int r = 0; r < rows; ) {
        r += rowBlock(3, rows - r, k, a, b, c, r, j);
      }
    }
    for (; j + L <= n; j += L) {
      for (int r = 0; r < rows; ) {
        r += rowBlock(1, rows - r, k, a, b, c, r, j);
      }
    }
    if (j < n) {
      columnTail(rows, j, n, k, a, b, c);
    }
  }

  /**
   * The block of {@code vectors} (3 or 1) vectors at column j with as many rows from r as fit in
   * {@code left}: 4, 2 or 1.
   *
   * @return the rows done
   */
  private static int rowBlock(
      int vectors, int left, int k, double[][] a, double[][] b, double[][] c, int r, int j) {
    if (left >= 4) {
      if (vectors == 3) {
        block4x3(k, a, b, c, r, j);
      } else {
        block4x1(k, a, b, c, r, j);
      }
      return 4;
    }
    if (left >= 2) {
      if (vectors == 3) {
        block2x3(k, a, b, c, r, j);
      } else {
        block2x1(k, a, b, c, r, j);
      }
      return 2;
    }
    if (vectors == 3) {
      block1x3(k, a, b, c, r, j);
    } else {
      block1x1(k, a, b, c, r, j);
    }
    return 1;
  }

  /**
   * The last {@code n − j < L} columns: copied into whole vectors padded with zeros, run through
   * the one-vector blocks, copied back. Each element sees the same operations in the same order;
   * the padding lanes are dropped.
   */
  private static void columnTail(
      int rows, int j, int n, int k, double[][] a, double[][] b, double[][] c) {
    int w = n - j;
    double[][] bTail = new double[k][L];
    for (int p = 0; p < k; p++) {
      System.arraycopy(b[p], j, bTail[p], 0, w);
    }
    double[][] cTail = new double[4][L];
    for (int r = 0; r < rows; ) {
      int fit = Math.min(4, rows - r);
      for (int i = 0; i < fit; i++) {
        System.arraycopy(c[r + i], j, cTail[i], 0, w);
      }
      int done = rowBlock(1, fit, k, Arrays.copyOfRange(a, r, r + fit), bTail, cTail, 0, 0);
      for (int i = 0; i < done; i++) {
        System.arraycopy(cTail[i], 0, c[r + i], j, w);
      }
      r += done;
    }
  }

  /** C[4 rows, 3 vectors at column j] += A[4 rows from r] · B[:, the same columns]. */
  private static void block4x3(int k, double[][] a, double[][] b, double[][] c, int r, int j) {
    double[] a0 = a[r];
    double[] c0 = c[r];
    double[] a1 = a[r + 1];
    double[] c1 = c[r + 1];
    double[] a2 = a[r + 2];
    double[] c2 = c[r + 2];
    double[] a3 = a[r + 3];
    double[] c3 = c[r + 3];
    DoubleVector s00 = DoubleVector.fromArray(S, c0, j);
    DoubleVector s01 = DoubleVector.fromArray(S, c0, j + L);
    DoubleVector s02 = DoubleVector.fromArray(S, c0, j + 2 * L);
    DoubleVector s10 = DoubleVector.fromArray(S, c1, j);
    DoubleVector s11 = DoubleVector.fromArray(S, c1, j + L);
    DoubleVector s12 = DoubleVector.fromArray(S, c1, j + 2 * L);
    DoubleVector s20 = DoubleVector.fromArray(S, c2, j);
    DoubleVector s21 = DoubleVector.fromArray(S, c2, j + L);
    DoubleVector s22 = DoubleVector.fromArray(S, c2, j + 2 * L);
    DoubleVector s30 = DoubleVector.fromArray(S, c3, j);
    DoubleVector s31 = DoubleVector.fromArray(S, c3, j + L);
    DoubleVector s32 = DoubleVector.fromArray(S, c3, j + 2 * L);
    for (int p = 0; p < k; p++) {
      double[] bp = b[p];
      DoubleVector b0 = DoubleVector.fromArray(S, bp, j);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, j + L);
      DoubleVector b2 = DoubleVector.fromArray(S, bp, j + 2 * L);
      DoubleVector x = DoubleVector.broadcast(S, a0[p]);
      s00 = s00.add(x.mul(b0));
      s01 = s01.add(x.mul(b1));
      s02 = s02.add(x.mul(b2));
      x = DoubleVector.broadcast(S, a1[p]);
      s10 = s10.add(x.mul(b0));
      s11 = s11.add(x.mul(b1));
      s12 = s12.add(x.mul(b2));
      x = DoubleVector.broadcast(S, a2[p]);
      s20 = s20.add(x.mul(b0));
      s21 = s21.add(x.mul(b1));
      s22 = s22.add(x.mul(b2));
      x = DoubleVector.broadcast(S, a3[p]);
      s30 = s30.add(x.mul(b0));
      s31 = s31.add(x.mul(b1));
      s32 = s32.add(x.mul(b2));
    }
    s00.intoArray(c0, j);
    s01.intoArray(c0, j + L);
    s02.intoArray(c0, j + 2 * L);
    s10.intoArray(c1, j);
    s11.intoArray(c1, j + L);
    s12.intoArray(c1, j + 2 * L);
    s20.intoArray(c2, j);
    s21.intoArray(c2, j + L);
    s22.intoArray(c2, j + 2 * L);
    s30.intoArray(c3, j);
    s31.intoArray(c3, j + L);
    s32.intoArray(c3, j + 2 * L);
  }

  /** C[4 rows, 1 vector at column j] += A[4 rows from r] · B[:, the same columns]. */
  private static void block4x1(int k, double[][] a, double[][] b, double[][] c, int r, int j) {
    double[] a0 = a[r];
    double[] c0 = c[r];
    double[] a1 = a[r + 1];
    double[] c1 = c[r + 1];
    double[] a2 = a[r + 2];
    double[] c2 = c[r + 2];
    double[] a3 = a[r + 3];
    double[] c3 = c[r + 3];
    DoubleVector s00 = DoubleVector.fromArray(S, c0, j);
    DoubleVector s10 = DoubleVector.fromArray(S, c1, j);
    DoubleVector s20 = DoubleVector.fromArray(S, c2, j);
    DoubleVector s30 = DoubleVector.fromArray(S, c3, j);
    for (int p = 0; p < k; p++) {
      double[] bp = b[p];
      DoubleVector b0 = DoubleVector.fromArray(S, bp, j);
      DoubleVector x = DoubleVector.broadcast(S, a0[p]);
      s00 = s00.add(x.mul(b0));
      x = DoubleVector.broadcast(S, a1[p]);
      s10 = s10.add(x.mul(b0));
      x = DoubleVector.broadcast(S, a2[p]);
      s20 = s20.add(x.mul(b0));
      x = DoubleVector.broadcast(S, a3[p]);
      s30 = s30.add(x.mul(b0));
    }
    s00.intoArray(c0, j);
    s10.intoArray(c1, j);
    s20.intoArray(c2, j);
    s30.intoArray(c3, j);
  }

  /** C[2 rows, 3 vectors at column j] += A[2 rows from r] · B[:, the same columns]. */
  private static void block2x3(int k, double[][] a, double[][] b, double[][] c, int r, int j) {
    double[] a0 = a[r];
    double[] c0 = c[r];
    double[] a1 = a[r + 1];
    double[] c1 = c[r + 1];
    DoubleVector s00 = DoubleVector.fromArray(S, c0, j);
    DoubleVector s01 = DoubleVector.fromArray(S, c0, j + L);
    DoubleVector s02 = DoubleVector.fromArray(S, c0, j + 2 * L);
    DoubleVector s10 = DoubleVector.fromArray(S, c1, j);
    DoubleVector s11 = DoubleVector.fromArray(S, c1, j + L);
    DoubleVector s12 = DoubleVector.fromArray(S, c1, j + 2 * L);
    for (int p = 0; p < k; p++) {
      double[] bp = b[p];
      DoubleVector b0 = DoubleVector.fromArray(S, bp, j);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, j + L);
      DoubleVector b2 = DoubleVector.fromArray(S, bp, j + 2 * L);
      DoubleVector x = DoubleVector.broadcast(S, a0[p]);
      s00 = s00.add(x.mul(b0));
      s01 = s01.add(x.mul(b1));
      s02 = s02.add(x.mul(b2));
      x = DoubleVector.broadcast(S, a1[p]);
      s10 = s10.add(x.mul(b0));
      s11 = s11.add(x.mul(b1));
      s12 = s12.add(x.mul(b2));
    }
    s00.intoArray(c0, j);
    s01.intoArray(c0, j + L);
    s02.intoArray(c0, j + 2 * L);
    s10.intoArray(c1, j);
    s11.intoArray(c1, j + L);
    s12.intoArray(c1, j + 2 * L);
  }

  /** C[2 rows, 1 vector at column j] += A[2 rows from r] · B[:, the same columns]. */
  private static void block2x1(int k, double[][] a, double[][] b, double[][] c, int r, int j) {
    double[] a0 = a[r];
    double[] c0 = c[r];
    double[] a1 = a[r + 1];
    double[] c1 = c[r + 1];
    DoubleVector s00 = DoubleVector.fromArray(S, c0, j);
    DoubleVector s10 = DoubleVector.fromArray(S, c1, j);
    for (int p = 0; p < k; p++) {
      double[] bp = b[p];
      DoubleVector b0 = DoubleVector.fromArray(S, bp, j);
      DoubleVector x = DoubleVector.broadcast(S, a0[p]);
      s00 = s00.add(x.mul(b0));
      x = DoubleVector.broadcast(S, a1[p]);
      s10 = s10.add(x.mul(b0));
    }
    s00.intoArray(c0, j);
    s10.intoArray(c1, j);
  }

  /** C[1 row, 3 vectors at column j] += A[1 row from r] · B[:, the same columns]. */
  private static void block1x3(int k, double[][] a, double[][] b, double[][] c, int r, int j) {
    double[] a0 = a[r];
    double[] c0 = c[r];
    DoubleVector s00 = DoubleVector.fromArray(S, c0, j);
    DoubleVector s01 = DoubleVector.fromArray(S, c0, j + L);
    DoubleVector s02 = DoubleVector.fromArray(S, c0, j + 2 * L);
    for (int p = 0; p < k; p++) {
      double[] bp = b[p];
      DoubleVector b0 = DoubleVector.fromArray(S, bp, j);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, j + L);
      DoubleVector b2 = DoubleVector.fromArray(S, bp, j + 2 * L);
      DoubleVector x = DoubleVector.broadcast(S, a0[p]);
      s00 = s00.add(x.mul(b0));
      s01 = s01.add(x.mul(b1));
      s02 = s02.add(x.mul(b2));
    }
    s00.intoArray(c0, j);
    s01.intoArray(c0, j + L);
    s02.intoArray(c0, j + 2 * L);
  }

  /** C[1 row, 1 vector at column j] += A[1 row from r] · B[:, the same columns]. */
  private static void block1x1(int k, double[][] a, double[][] b, double[][] c, int r, int j) {
    double[] a0 = a[r];
    double[] c0 = c[r];
    DoubleVector s00 = DoubleVector.fromArray(S, c0, j);
    for (int p = 0; p < k; p++) {
      double[] bp = b[p];
      DoubleVector b0 = DoubleVector.fromArray(S, bp, j);
      DoubleVector x = DoubleVector.broadcast(S, a0[p]);
      s00 = s00.add(x.mul(b0));
    }
    s00.intoArray(c0, j);
  }
}
