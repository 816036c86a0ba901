package io.github.focal4j.models.lanes;

import static jdk.incubator.vector.VectorOperators.LSHL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 inference path's kernels ({@code inference.FloatTagger}) on the Vector API, {@link
 * #LENGTH} lanes at a time: a register-blocked matrix product, exp, and the LSTM cell. Loaded only
 * when {@link VectorSupport#UNAVAILABLE} is empty.
 *
 * <p>As in loss-core's {@code LaneMath}, no method takes or returns a vector: a vector passed to a
 * call that C2 did not inline is boxed on every call. Every pass takes arrays and offsets, and each
 * loop body uses only Vector API calls. exp is a polynomial of IEEE operations (not {@code
 * lanewise(EXP)}, whose SVML results change in the last bit once C2 compiles it), so a text gets
 * the same tags on every run.
 *
 * <p>Every length passed here is a multiple of {@link #LENGTH}; callers pad their widths to it with
 * zero weights.
 */
public final class FloatLanes {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /** Floats per vector. */
  public static final int LENGTH = SPECIES.length();

  /**
   * Whether the CPU has 32 vector registers (AVX-512), enough for 4 × 4 blocks of C; with 16 (AVX2)
   * the blocks are 4 × 3, which fill them.
   */
  private static final boolean WIDE_BLOCKS = SPECIES.vectorBitSize() >= 512;

  private FloatLanes() {}

  /** n rounded up to a multiple of {@link #LENGTH}. */
  public static int roundUp(int n) {
    return (n + LENGTH - 1) / LENGTH * LENGTH;
  }

  /**
   * {@code C += A · B} on row-major matrices: {@code A [m, k]} at {@code a[aOff + i·lda + p]},
   * {@code B [k, n]} at {@code b[p·n + j]}, {@code C [m, n]} at {@code c[cOff + i·ldc + j]}; n a
   * multiple of {@link #LENGTH}. Blocks of 4 rows × 4 vectors of C (AVX-512; × 3 with AVX2) stay in
   * registers across the k loop (fused multiply-add).
   */
  public static void mulAdd(
      int m, int n, int k, float[] a, int aOff, int lda, float[] b, float[] c, int cOff, int ldc) {
    int i = 0;
    for (; i + 4 <= m; i += 4) { // a block of 4 rows of C stays in cache while B streams by
      for (int j = 0, w; j < n; j += w) {
        w = panelWidth(n - j);
        block4(w, k, n, a, aOff + i * lda, lda, b, j, c, cOff + i * ldc + j, ldc);
      }
    }
    for (; i < m; i++) {
      row(n, k, n, a, aOff + i * lda, b, 0, c, cOff + i * ldc);
    }
  }

  /** Rows of C that {@link #mulAddPanels} computes against one panel of B before the next. */
  private static final int PANEL_ROWS = 64;

  /**
   * The widths of {@link #mulAdd}'s register blocks and of {@link #panels}' column panels of an
   * n-column B, left to right: the widest block (4 vectors with AVX-512, 3 with AVX2), then what
   * remains as 3, 2 or 1 vectors.
   */
  private static int panelWidth(int remaining) {
    int l = LENGTH;
    if (WIDE_BLOCKS && remaining >= 4 * l) {
      return 4 * l;
    }
    return remaining >= 3 * l ? 3 * l : remaining >= 2 * l ? 2 * l : l;
  }

  /**
   * Row-major {@code B [k, n]} as column panels for {@link #mulAddPanels}: each panel's {@code k}
   * rows contiguous ({@code [k, width]}), panels left to right; n a multiple of {@link #LENGTH}.
   * Made once for a B multiplied many times, such as a recurrent weight matrix.
   */
  public static float[] panels(float[] b, int k, int n) {
    float[] out = new float[k * n];
    for (int j = 0, at = 0; j < n; ) {
      int w = panelWidth(n - j);
      for (int p = 0; p < k; p++) {
        System.arraycopy(b, p * n + j, out, at + p * w, w);
      }
      j += w;
      at += k * w;
    }
    return out;
  }

  /**
   * {@link #mulAdd} with B given as {@link #panels}: the same sums in the same order, so the same
   * bits. Rows of C are taken {@value #PANEL_ROWS} at a time and each panel of B (a few tens of
   * kilobytes) serves all of them before the next is read, so B is read from memory once per
   * {@value #PANEL_ROWS} rows instead of once per 4, and contiguously.
   */
  public static void mulAddPanels(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int lda,
      float[] panels,
      float[] c,
      int cOff,
      int ldc) {
    for (int i0 = 0; i0 < m; i0 += PANEL_ROWS) {
      int i1 = Math.min(m, i0 + PANEL_ROWS);
      for (int j = 0, at = 0, w; j < n; j += w, at += k * w) {
        w = panelWidth(n - j);
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
          block4(w, k, w, a, aOff + i * lda, lda, panels, at, c, cOff + i * ldc + j, ldc);
        }
        for (; i < i1; i++) {
          row(w, k, w, a, aOff + i * lda, panels, at, c, cOff + i * ldc + j);
        }
      }
    }
  }

  /**
   * C[4 rows, w columns at c0] += A[4 rows at a0] · B[:, w columns at b0], B's rows {@code ldb}
   * apart; w one of {@link #panelWidth}'s widths.
   */
  private static void block4(
      int w,
      int k,
      int ldb,
      float[] a,
      int a0,
      int lda,
      float[] b,
      int b0,
      float[] c,
      int c0,
      int ldc) {
    int l = LENGTH;
    if (w == 4 * l) {
      block4x4(k, ldb, a, a0, lda, b, b0, c, c0, ldc);
    } else if (w == 3 * l) {
      block4x3(k, ldb, a, a0, lda, b, b0, c, c0, ldc);
    } else if (w == 2 * l) {
      block4x2(k, ldb, a, a0, lda, b, b0, c, c0, ldc);
    } else {
      block4x1(k, ldb, a, a0, lda, b, b0, c, c0, ldc);
    }
  }

  /**
   * C[1 row, w columns at c0] += A[row at a0] · B[:, w columns at b0], B's rows {@code ldb} apart:
   * 3 vectors at a time, then 1.
   */
  private static void row(
      int w, int k, int ldb, float[] a, int a0, float[] b, int b0, float[] c, int c0) {
    int l = LENGTH;
    int v = 0;
    for (; v + 3 * l <= w; v += 3 * l) {
      block1x3(k, ldb, a, a0, b, b0 + v, c, c0 + v);
    }
    for (; v < w; v += l) {
      block1x1(k, ldb, a, a0, b, b0 + v, c, c0 + v);
    }
  }

  /**
   * C[4 rows, 4 vectors at c0] += A[4 rows at a0] · B[:, 4 vectors at j] (AVX-512: 16 of 32
   * registers).
   */
  private static void block4x4(
      int k, int n, float[] a, int a0, int lda, float[] b, int j, float[] c, int c0, int ldc) {
    final int l = LENGTH;
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    FloatVector s00 = FloatVector.fromArray(SPECIES, c, c0);
    FloatVector s01 = FloatVector.fromArray(SPECIES, c, c0 + l);
    FloatVector s02 = FloatVector.fromArray(SPECIES, c, c0 + 2 * l);
    FloatVector s03 = FloatVector.fromArray(SPECIES, c, c0 + 3 * l);
    FloatVector s10 = FloatVector.fromArray(SPECIES, c, c1);
    FloatVector s11 = FloatVector.fromArray(SPECIES, c, c1 + l);
    FloatVector s12 = FloatVector.fromArray(SPECIES, c, c1 + 2 * l);
    FloatVector s13 = FloatVector.fromArray(SPECIES, c, c1 + 3 * l);
    FloatVector s20 = FloatVector.fromArray(SPECIES, c, c2);
    FloatVector s21 = FloatVector.fromArray(SPECIES, c, c2 + l);
    FloatVector s22 = FloatVector.fromArray(SPECIES, c, c2 + 2 * l);
    FloatVector s23 = FloatVector.fromArray(SPECIES, c, c2 + 3 * l);
    FloatVector s30 = FloatVector.fromArray(SPECIES, c, c3);
    FloatVector s31 = FloatVector.fromArray(SPECIES, c, c3 + l);
    FloatVector s32 = FloatVector.fromArray(SPECIES, c, c3 + 2 * l);
    FloatVector s33 = FloatVector.fromArray(SPECIES, c, c3 + 3 * l);
    for (int p = 0, bp = j; p < k; p++, bp += n) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + l);
      FloatVector b2 = FloatVector.fromArray(SPECIES, b, bp + 2 * l);
      FloatVector b3 = FloatVector.fromArray(SPECIES, b, bp + 3 * l);
      FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      s02 = x.fma(b2, s02);
      s03 = x.fma(b3, s03);
      x = FloatVector.broadcast(SPECIES, a[a1 + p]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      s12 = x.fma(b2, s12);
      s13 = x.fma(b3, s13);
      x = FloatVector.broadcast(SPECIES, a[a2 + p]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      s22 = x.fma(b2, s22);
      s23 = x.fma(b3, s23);
      x = FloatVector.broadcast(SPECIES, a[a3 + p]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      s32 = x.fma(b2, s32);
      s33 = x.fma(b3, s33);
    }
    s00.intoArray(c, c0);
    s01.intoArray(c, c0 + l);
    s02.intoArray(c, c0 + 2 * l);
    s03.intoArray(c, c0 + 3 * l);
    s10.intoArray(c, c1);
    s11.intoArray(c, c1 + l);
    s12.intoArray(c, c1 + 2 * l);
    s13.intoArray(c, c1 + 3 * l);
    s20.intoArray(c, c2);
    s21.intoArray(c, c2 + l);
    s22.intoArray(c, c2 + 2 * l);
    s23.intoArray(c, c2 + 3 * l);
    s30.intoArray(c, c3);
    s31.intoArray(c, c3 + l);
    s32.intoArray(c, c3 + 2 * l);
    s33.intoArray(c, c3 + 3 * l);
  }

  /** C[4 rows, 3 vectors at c0] += A[4 rows at a0] · B[:, 3 vectors at j]. */
  private static void block4x3(
      int k, int n, float[] a, int a0, int lda, float[] b, int j, float[] c, int c0, int ldc) {
    final int l = LENGTH;
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    FloatVector s00 = FloatVector.fromArray(SPECIES, c, c0);
    FloatVector s01 = FloatVector.fromArray(SPECIES, c, c0 + l);
    FloatVector s02 = FloatVector.fromArray(SPECIES, c, c0 + 2 * l);
    FloatVector s10 = FloatVector.fromArray(SPECIES, c, c1);
    FloatVector s11 = FloatVector.fromArray(SPECIES, c, c1 + l);
    FloatVector s12 = FloatVector.fromArray(SPECIES, c, c1 + 2 * l);
    FloatVector s20 = FloatVector.fromArray(SPECIES, c, c2);
    FloatVector s21 = FloatVector.fromArray(SPECIES, c, c2 + l);
    FloatVector s22 = FloatVector.fromArray(SPECIES, c, c2 + 2 * l);
    FloatVector s30 = FloatVector.fromArray(SPECIES, c, c3);
    FloatVector s31 = FloatVector.fromArray(SPECIES, c, c3 + l);
    FloatVector s32 = FloatVector.fromArray(SPECIES, c, c3 + 2 * l);
    for (int p = 0, bp = j; p < k; p++, bp += n) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + l);
      FloatVector b2 = FloatVector.fromArray(SPECIES, b, bp + 2 * l);
      FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      s02 = x.fma(b2, s02);
      x = FloatVector.broadcast(SPECIES, a[a1 + p]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      s12 = x.fma(b2, s12);
      x = FloatVector.broadcast(SPECIES, a[a2 + p]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      s22 = x.fma(b2, s22);
      x = FloatVector.broadcast(SPECIES, a[a3 + p]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      s32 = x.fma(b2, s32);
    }
    s00.intoArray(c, c0);
    s01.intoArray(c, c0 + l);
    s02.intoArray(c, c0 + 2 * l);
    s10.intoArray(c, c1);
    s11.intoArray(c, c1 + l);
    s12.intoArray(c, c1 + 2 * l);
    s20.intoArray(c, c2);
    s21.intoArray(c, c2 + l);
    s22.intoArray(c, c2 + 2 * l);
    s30.intoArray(c, c3);
    s31.intoArray(c, c3 + l);
    s32.intoArray(c, c3 + 2 * l);
  }

  /** C[4 rows, 2 vectors at c0] += A[4 rows at a0] · B[:, 2 vectors at j]. */
  private static void block4x2(
      int k, int n, float[] a, int a0, int lda, float[] b, int j, float[] c, int c0, int ldc) {
    final int l = LENGTH;
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    FloatVector s00 = FloatVector.fromArray(SPECIES, c, c0);
    FloatVector s01 = FloatVector.fromArray(SPECIES, c, c0 + l);
    FloatVector s10 = FloatVector.fromArray(SPECIES, c, c1);
    FloatVector s11 = FloatVector.fromArray(SPECIES, c, c1 + l);
    FloatVector s20 = FloatVector.fromArray(SPECIES, c, c2);
    FloatVector s21 = FloatVector.fromArray(SPECIES, c, c2 + l);
    FloatVector s30 = FloatVector.fromArray(SPECIES, c, c3);
    FloatVector s31 = FloatVector.fromArray(SPECIES, c, c3 + l);
    for (int p = 0, bp = j; p < k; p++, bp += n) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + l);
      FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      x = FloatVector.broadcast(SPECIES, a[a1 + p]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      x = FloatVector.broadcast(SPECIES, a[a2 + p]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      x = FloatVector.broadcast(SPECIES, a[a3 + p]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
    }
    s00.intoArray(c, c0);
    s01.intoArray(c, c0 + l);
    s10.intoArray(c, c1);
    s11.intoArray(c, c1 + l);
    s20.intoArray(c, c2);
    s21.intoArray(c, c2 + l);
    s30.intoArray(c, c3);
    s31.intoArray(c, c3 + l);
  }

  /** C[4 rows, 1 vector at c0] += A[4 rows at a0] · B[:, 1 vector at j]. */
  private static void block4x1(
      int k, int n, float[] a, int a0, int lda, float[] b, int j, float[] c, int c0, int ldc) {
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0);
    FloatVector s1 = FloatVector.fromArray(SPECIES, c, c0 + ldc);
    FloatVector s2 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc);
    FloatVector s3 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc);
    for (int p = 0, bp = j; p < k; p++, bp += n) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
      s0 = FloatVector.broadcast(SPECIES, a[a0 + p]).fma(b0, s0);
      s1 = FloatVector.broadcast(SPECIES, a[a1 + p]).fma(b0, s1);
      s2 = FloatVector.broadcast(SPECIES, a[a2 + p]).fma(b0, s2);
      s3 = FloatVector.broadcast(SPECIES, a[a3 + p]).fma(b0, s3);
    }
    s0.intoArray(c, c0);
    s1.intoArray(c, c0 + ldc);
    s2.intoArray(c, c0 + 2 * ldc);
    s3.intoArray(c, c0 + 3 * ldc);
  }

  /** C[1 row, 3 vectors at c0] += A[row at a0] · B[:, 3 vectors at j]. */
  private static void block1x3(
      int k, int n, float[] a, int a0, float[] b, int j, float[] c, int c0) {
    final int l = LENGTH;
    FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0);
    FloatVector s1 = FloatVector.fromArray(SPECIES, c, c0 + l);
    FloatVector s2 = FloatVector.fromArray(SPECIES, c, c0 + 2 * l);
    for (int p = 0, bp = j; p < k; p++, bp += n) {
      FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
      s0 = x.fma(FloatVector.fromArray(SPECIES, b, bp), s0);
      s1 = x.fma(FloatVector.fromArray(SPECIES, b, bp + l), s1);
      s2 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 2 * l), s2);
    }
    s0.intoArray(c, c0);
    s1.intoArray(c, c0 + l);
    s2.intoArray(c, c0 + 2 * l);
  }

  /** C[1 row, 1 vector at c0] += A[row at a0] · B[:, 1 vector at j]. */
  private static void block1x1(
      int k, int n, float[] a, int a0, float[] b, int j, float[] c, int c0) {
    FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0);
    for (int p = 0, bp = j; p < k; p++, bp += n) {
      s0 = FloatVector.broadcast(SPECIES, a[a0 + p]).fma(FloatVector.fromArray(SPECIES, b, bp), s0);
    }
    s0.intoArray(c, c0);
  }

  /**
   * {@code y[yOff + i] += alpha · x[xOff + i]} for {@code i < n}, any n: a rounded multiply then a
   * rounded add per element, in the vector body and the scalar tail alike.
   */
  public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
    FloatVector a = FloatVector.broadcast(SPECIES, alpha);
    int i = 0;
    for (; i + LENGTH <= n; i += LENGTH) {
      FloatVector.fromArray(SPECIES, y, yOff + i)
          .add(a.mul(FloatVector.fromArray(SPECIES, x, xOff + i)))
          .intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  /** {@code y[yOff + i] += x[xOff + i]} for {@code i < n}. */
  public static void add(float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i += LENGTH) {
      FloatVector.fromArray(SPECIES, y, yOff + i)
          .add(FloatVector.fromArray(SPECIES, x, xOff + i))
          .intoArray(y, yOff + i);
    }
  }

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;

  /**
   * 1.5·2²³: adding it rounds a float below 2²² in magnitude to an integer, held in the low bits.
   */
  private static final float ROUND = 12582912f;

  private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

  /**
   * {@code x[off + i] = exp(x[off + i])} in place, for {@code i < n}, with inputs clamped to [−87,
   * 88] (so the result is finite and normal). Cephes' expf: {@code x = k·ln2 + r}, {@code |r| ≤
   * ln2/2}, a degree-6 polynomial for {@code e^r}, times {@code 2^k} built from its exponent bits;
   * within 2 ulp of {@code Math.exp}.
   */
  public static void exp(float[] x, int off, int n) {
    for (int i = off; i < off + n; i += LENGTH) {
      FloatVector v = FloatVector.fromArray(SPECIES, x, i).max(-87f).min(88f);
      FloatVector t =
          v.fma(FloatVector.broadcast(SPECIES, LOG2E), FloatVector.broadcast(SPECIES, ROUND));
      FloatVector kf = t.sub(ROUND);
      IntVector k = t.reinterpretAsInts().sub(ROUND_BITS);
      FloatVector r = kf.fma(FloatVector.broadcast(SPECIES, -LN2_HI), v);
      r = kf.fma(FloatVector.broadcast(SPECIES, -LN2_LO), r);
      FloatVector p = FloatVector.broadcast(SPECIES, 1.9875691500e-4f);
      p = p.fma(r, FloatVector.broadcast(SPECIES, 1.3981999507e-3f));
      p = p.fma(r, FloatVector.broadcast(SPECIES, 8.3334519073e-3f));
      p = p.fma(r, FloatVector.broadcast(SPECIES, 4.1665795894e-2f));
      p = p.fma(r, FloatVector.broadcast(SPECIES, 1.6666665459e-1f));
      p = p.fma(r, FloatVector.broadcast(SPECIES, 5.0000001201e-1f));
      FloatVector e = p.fma(r.mul(r), r).add(1f);
      FloatVector scale = k.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
      e.mul(scale).intoArray(x, i);
    }
  }

  /**
   * One LSTM step for {@code rows} sentences, PyTorch's gate order: row r of {@code gates} holds
   * the pre-activations {@code [a_i, a_f, a_g, a_o]}, each {@code hp} wide, at {@code r·4hp}; the
   * cells {@code cell} and hidden states {@code hidden} are {@code [rows, hp]}, updated in place:
   *
   * <pre>
   *   c = σ(a_f) ⊙ c + σ(a_i) ⊙ tanh(a_g)        h = σ(a_o) ⊙ tanh(c)
   * </pre>
   *
   * with {@code σ(x) = 1/(1 + e^{−x})} and {@code tanh(x) = 2σ(2x) − 1}. {@code gates} is used as
   * work space; {@code scratch} holds at least {@code rows·hp} floats.
   */
  public static void lstmCell(
      int rows, int hp, float[] gates, float[] cell, float[] hidden, float[] scratch) {
    int g4 = 4 * hp;
    for (int r = 0; r < rows; r++) { // exp arguments: −a for σ, −2a for tanh
      int base = r * g4;
      for (int u = 0; u < g4; u += LENGTH) {
        FloatVector a = FloatVector.fromArray(SPECIES, gates, base + u);
        (u >= 2 * hp && u < 3 * hp ? a.mul(-2f) : a.neg()).intoArray(gates, base + u);
      }
    }
    exp(gates, 0, rows * g4);
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    FloatVector two = FloatVector.broadcast(SPECIES, 2f);
    for (int r = 0; r < rows; r++) {
      int base = r * g4;
      int s = r * hp;
      for (int u = 0; u < hp; u += LENGTH) {
        FloatVector i = one.div(FloatVector.fromArray(SPECIES, gates, base + u).add(one));
        FloatVector f = one.div(FloatVector.fromArray(SPECIES, gates, base + hp + u).add(one));
        FloatVector g =
            two.div(FloatVector.fromArray(SPECIES, gates, base + 2 * hp + u).add(one)).sub(one);
        FloatVector o = one.div(FloatVector.fromArray(SPECIES, gates, base + 3 * hp + u).add(one));
        FloatVector c = f.fma(FloatVector.fromArray(SPECIES, cell, s + u), i.mul(g));
        c.intoArray(cell, s + u);
        c.mul(-2f).intoArray(scratch, s + u);
        o.intoArray(gates, base + 3 * hp + u);
      }
    }
    exp(scratch, 0, rows * hp);
    for (int r = 0; r < rows; r++) {
      int base = r * g4 + 3 * hp;
      int s = r * hp;
      for (int u = 0; u < hp; u += LENGTH) {
        FloatVector tanhC =
            two.div(FloatVector.fromArray(SPECIES, scratch, s + u).add(one)).sub(one);
        FloatVector.fromArray(SPECIES, gates, base + u).mul(tanhC).intoArray(hidden, s + u);
      }
    }
  }

  /**
   * The backward of one LSTM step for {@code rows} consecutive rows (training's {@code
   * ops.LstmFloat32}). Row r's gate activations {@code [i, f, g, o]} (each {@code h} wide) are at
   * {@code act[aOff + r·gp]}, and its gate gradients are written at the same place in {@code dA};
   * {@code tanh c}, the output gradient and the cell before the step are {@code h} wide at {@code
   * tanhC[hOff + r·h]}, {@code gOut[hOff + r·h]} and {@code cPrev[cOff + r·cStride]} (stride 0: one
   * row of zeros for the first step); {@code dhRec[r·hp]} is the recurrent share of the hidden
   * gradient, and {@code dcNext[r·h]} carries {@code dc ⊙ f} between steps (read, then
   * overwritten):
   *
   * <pre>
   *   dh = gOut + dhRec        dc = dh ⊙ o ⊙ (1 − tanh²c) + dcNext        dcNext ← dc ⊙ f
   *   da_i = dc ⊙ g ⊙ i(1−i)   da_f = dc ⊙ c_prev ⊙ f(1−f)   da_g = dc ⊙ i ⊙ (1−g²)   da_o = dh ⊙ tanh c ⊙ o(1−o)
   * </pre>
   *
   * Each element is the same sequence of rounded float operations in the vector body and the scalar
   * tail, so the result does not depend on {@code h}'s remainder.
   */
  public static void lstmStepBackward(
      int rows,
      int h,
      int gp,
      float[] act,
      float[] dA,
      int aOff,
      float[] tanhC,
      float[] gOut,
      int hOff,
      float[] cPrev,
      int cOff,
      int cStride,
      float[] dhRec,
      int hp,
      float[] dcNext) {
    final int l = LENGTH;
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    for (int r = 0; r < rows; r++) {
      int a = aOff + r * gp;
      int t = hOff + r * h;
      int c = cOff + r * cStride;
      int d = r * hp;
      int n = r * h;
      int k = 0;
      for (; k + l <= h; k += l) {
        FloatVector i = FloatVector.fromArray(SPECIES, act, a + k);
        FloatVector f = FloatVector.fromArray(SPECIES, act, a + h + k);
        FloatVector g = FloatVector.fromArray(SPECIES, act, a + 2 * h + k);
        FloatVector o = FloatVector.fromArray(SPECIES, act, a + 3 * h + k);
        FloatVector tc = FloatVector.fromArray(SPECIES, tanhC, t + k);
        FloatVector dh =
            FloatVector.fromArray(SPECIES, gOut, t + k)
                .add(FloatVector.fromArray(SPECIES, dhRec, d + k));
        FloatVector dc =
            dh.mul(o).mul(one.sub(tc.mul(tc))).add(FloatVector.fromArray(SPECIES, dcNext, n + k));
        dc.mul(f).intoArray(dcNext, n + k);
        dc.mul(g).mul(i).mul(one.sub(i)).intoArray(dA, a + k);
        dc.mul(FloatVector.fromArray(SPECIES, cPrev, c + k))
            .mul(f)
            .mul(one.sub(f))
            .intoArray(dA, a + h + k);
        dc.mul(i).mul(one.sub(g.mul(g))).intoArray(dA, a + 2 * h + k);
        dh.mul(tc).mul(o).mul(one.sub(o)).intoArray(dA, a + 3 * h + k);
      }
      for (; k < h; k++) {
        float i = act[a + k];
        float f = act[a + h + k];
        float g = act[a + 2 * h + k];
        float o = act[a + 3 * h + k];
        float tc = tanhC[t + k];
        float dh = gOut[t + k] + dhRec[d + k];
        float dc = dh * o * (1 - tc * tc) + dcNext[n + k];
        dcNext[n + k] = dc * f;
        dA[a + k] = dc * g * i * (1 - i);
        dA[a + h + k] = dc * cPrev[c + k] * f * (1 - f);
        dA[a + 2 * h + k] = dc * i * (1 - g * g);
        dA[a + 3 * h + k] = dh * tc * o * (1 - o);
      }
    }
  }

  /**
   * The character features of one word, convolution then max-pool: {@code out[oOff + f] = bias[f] +
   * max_p Σ_k table[k][chars[p + k − half]][f]} over the word's positions {@code p ∈ [from, to)},
   * window positions outside the word contributing nothing. {@code table} is {@code
   * [width][vocab][fp]}: each character's embedding already multiplied by the filter taps.
   */
  public static void charConvMax(
      float[] table,
      int vocab,
      int width,
      int fp,
      int[] chars,
      int from,
      int to,
      float[] bias,
      float[] out,
      int oOff) {
    int half = (width - 1) / 2;
    for (int f = 0; f < fp; f += LENGTH) {
      FloatVector best = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
      for (int p = from; p < to; p++) {
        // The taps whose character lies inside the word: k in [k0, k1), never empty (k = half).
        int k0 = Math.max(0, from - p + half);
        int k1 = Math.min(width, to - p + half);
        int q = p - half + k0;
        FloatVector sum = FloatVector.fromArray(SPECIES, table, (k0 * vocab + chars[q]) * fp + f);
        for (int k = k0 + 1; k < k1; k++) {
          q++;
          sum = sum.add(FloatVector.fromArray(SPECIES, table, (k * vocab + chars[q]) * fp + f));
        }
        best = best.max(sum);
      }
      best.add(FloatVector.fromArray(SPECIES, bias, f)).intoArray(out, oOff + f);
    }
  }

  /**
   * Runs every kernel on small arrays until HotSpot has compiled it. Until C2 compiles a Vector API
   * method, each vector operation allocates and runs tens of times slower than compiled; the first
   * real batches would pay that on full-size matrices.
   */
  public static void warmUp(int rounds) {
    int l = LENGTH;
    float[] a = new float[5 * 4];
    float[] b = new float[4 * 9 * l];
    float[] c = new float[5 * 9 * l];
    float[] gates = new float[2 * 4 * l];
    float[] cell = new float[2 * l];
    float[] hidden = new float[2 * l];
    float[] scratch = new float[2 * l];
    float[] taps = new float[3 * 2 * l];
    float[] bias = new float[l];
    int[] chars = {0, 1, 1};
    float[] feature = new float[l];
    java.util.Arrays.fill(a, 0.01f);
    java.util.Arrays.fill(b, 0.01f);
    float[][] panels = new float[10][];
    for (int vectors = 6; vectors <= 9; vectors++) {
      panels[vectors] = panels(b, 4, vectors * l);
    }
    for (int r = 0; r < rounds; r++) {
      for (int vectors = 6; vectors <= 9; vectors++) { // every block shape runs, 4- and 1-row
        mulAdd(5, vectors * l, 4, a, 0, 4, b, c, 0, vectors * l);
        mulAddPanels(5, vectors * l, 4, a, 0, 4, panels[vectors], c, 0, vectors * l);
      }
      add(b, 0, c, 0, l);
      axpy(l + 3, 0.5f, b, 1, c, 2);
      System.arraycopy(b, 0, gates, 0, gates.length);
      java.util.Arrays.fill(c, 0f);
      lstmCell(2, l, gates, cell, hidden, scratch);
      lstmStepBackward(2, l + 1, 4 * l + 4, b, c, 0, b, b, 0, cell, 0, 0, b, l + 1, c);
      charConvMax(taps, 2, 3, l, chars, 0, 3, bias, feature, 0);
    }
  }
}
