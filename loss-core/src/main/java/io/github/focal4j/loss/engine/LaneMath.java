package io.github.focal4j.loss.engine;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector path's exp and log, as passes over arrays, {@link #LENGTH} lanes at a time. Loaded
 * only when the fused kernels take the vector path ({@code Simd.ENABLED} in the loss package).
 *
 * <p><b>Arrays in, arrays out.</b> No method of the vector path takes or returns a vector. C2 stops
 * inlining our methods once a compilation grows past its node budget ({@code
 * NodeCountInliningCutoff}; the Vector API's own methods are exempt), and a vector passed to or
 * returned from a call that was not inlined is boxed on every call, and the kernel runs many times
 * slower (loss-core's README has the figure). A call that passes arrays costs nothing when it is
 * not inlined. So every loop body is written with Vector API calls only, and each transcendental
 * has a loop of its own.
 *
 * <p><b>Why not {@code lanewise(EXP)} and {@code lanewise(LOG)}.</b> Once C2 compiles them they
 * call Intel's SVML, whose results differ from {@code Math.exp}/{@code Math.log} — which the same
 * operators return before compilation — in the last bit for some inputs (see loss-core's README). A
 * kernel's output would then depend on when the JIT got to it, and sums would no longer be
 * bit-identical from run to run. The passes here use only IEEE add, multiply, fma, divide, compares
 * and integer bit operations, which give the same bits interpreted and compiled, and run at about
 * SVML's speed (figures in loss-core's README); {@code LaneMathTest} holds them to 1 ulp of {@code
 * Math.exp}/{@code Math.log}.
 */
public final class LaneMath {

  public static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  /** Doubles per vector. */
  public static final int LENGTH = SPECIES.length();

  private LaneMath() {}

  /** n rounded up to a multiple of {@link #LENGTH}. */
  public static int roundUp(int n) {
    return (n + LENGTH - 1) / LENGTH * LENGTH;
  }

  /** Work arrays of at least n doubles, reallocated only when too small. */
  public static double[] ensure(double[] a, int n) {
    return a != null && a.length >= n ? a : new double[n];
  }

  /**
   * The sigmoid pieces of n margins (n a multiple of {@link #LENGTH}), as {@link Scalar} describes
   * them: {@code e = exp(−|z|)}, {@code r = 1/(1 + e)}, {@code l = log(1 + e)}.
   */
  public static void sigmoidParts(double[] z, double[] e, double[] r, double[] l, int n) {
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector.fromArray(SPECIES, z, i).abs().neg().intoArray(e, i);
    }
    exp(e, e, n);
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector u = DoubleVector.fromArray(SPECIES, e, i).add(1.0);
      one.div(u).intoArray(r, i);
      u.intoArray(l, i);
    }
    log(l, l, n); // log(u), u = 1 + e rounded
    for (int i = 0; i < n; i += LENGTH) { // + (e − (u − 1))/u, the rounding of u (Scalar.log1p01)
      DoubleVector ev = DoubleVector.fromArray(SPECIES, e, i);
      DoubleVector u = ev.add(1.0);
      DoubleVector correction = ev.sub(u.sub(1.0)).mul(DoubleVector.fromArray(SPECIES, r, i));
      DoubleVector.fromArray(SPECIES, l, i).add(correction).intoArray(l, i);
    }
  }

  /**
   * σ(−z) and its log from the sigmoid parts: {@code q = z > 0 ? e·r : r}, {@code logQ = −(max(z,
   * 0) + l)} (n a multiple of {@link #LENGTH}).
   */
  public static void oneMinusP(
      double[] z, double[] e, double[] r, double[] l, double[] q, double[] logQ, int n) {
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector zv = DoubleVector.fromArray(SPECIES, z, i);
      DoubleVector rv = DoubleVector.fromArray(SPECIES, r, i);
      rv.blend(DoubleVector.fromArray(SPECIES, e, i).mul(rv), zv.compare(GT, 0.0)).intoArray(q, i);
      zv.max(0.0).add(DoubleVector.fromArray(SPECIES, l, i)).neg().intoArray(logQ, i);
    }
  }

  /**
   * {@link Scalar#pow} on arrays: {@code out[i] = b[i]^k} for b ∈ [0, 1] given {@code logB[i] = log
   * b[i]}, by multiplication for a small integer k, else {@code exp(k·log b)} (n a multiple of
   * {@link #LENGTH}).
   */
  public static void pow(double[] b, double[] logB, double k, double[] out, int n) {
    int m = Scalar.smallInteger(k);
    if (m < 0) {
      for (int i = 0; i < n; i += LENGTH) {
        DoubleVector.fromArray(SPECIES, logB, i).mul(k).intoArray(out, i);
      }
      exp(out, out, n);
      return;
    }
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector.broadcast(SPECIES, 1.0).intoArray(out, i);
    }
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < n; i += LENGTH) {
        DoubleVector.fromArray(SPECIES, out, i)
            .mul(DoubleVector.fromArray(SPECIES, b, i))
            .intoArray(out, i);
      }
    }
  }

  // ---------------------------------------------------------------- exp

  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2_HI =
      Double.longBitsToDouble(0x3fe62e42fee00000L); // ln 2 = LN2_HI + LN2_LO
  private static final double LN2_LO = Double.longBitsToDouble(0x3dea39ef35793c76L);
  private static final double SHIFT =
      0x1.8p52; // x + SHIFT rounds x to an integer held in the low bits
  private static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
  private static final double[] TAYLOR = new double[14]; // 1/j!

  static {
    TAYLOR[0] = 1.0;
    for (int j = 1; j < TAYLOR.length; j++) {
      TAYLOR[j] = TAYLOR[j - 1] / j;
    }
  }

  /**
   * {@code out[i] = exp(x[i])} for i &lt; n (n a multiple of {@link #LENGTH}; out may be x), within
   * 1 ulp of {@code Math.exp} for every double: subnormal results, overflow to +∞, underflow to 0,
   * NaN to NaN.
   *
   * <p>x = k·ln 2 + r with k = round(x/ln 2) and |r| ≤ ln 2 / 2 (Cody–Waite, ln 2 in two parts);
   * e^r by its Taylor polynomial to degree 13 (truncation below 5e-18 relative); then 2^k, applied
   * as two factors 2^⌊k/2⌋ · 2^(k − ⌊k/2⌋) so that each is a normal double and a subnormal result
   * rounds once, at the end.
   */
  public static void exp(double[] x, double[] out, int n) {
    double[] c = TAYLOR;
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
      // beyond these bounds the result is 0 or +∞ anyway; clamping keeps k in range (NaN compares
      // false)
      v = v.blend(-746.0, v.compare(LT, -746.0)).blend(710.0, v.compare(GT, 710.0));
      DoubleVector shifted = v.fma(LOG2E, SHIFT); // SHIFT + round(v / ln 2)
      LongVector k = shifted.reinterpretAsLongs().sub(SHIFT_BITS);
      DoubleVector kd = shifted.sub(SHIFT);
      DoubleVector r =
          kd.mul(-LN2_HI).add(v).add(kd.mul(-LN2_LO)); // k·LN2_HI is exact: LN2_HI has 21 zero bits
      DoubleVector p = r.fma(c[13], c[12]); // Horner: p = Σ r^j/j!
      for (int j = 11; j >= 0; j--) {
        p = p.fma(r, DoubleVector.broadcast(SPECIES, c[j]));
      }
      LongVector k1 = k.lanewise(ASHR, 1);
      LongVector k2 = k.sub(k1); // 2^k = 2^k1 · 2^k2, both normal for k ∈ [−1077, 1025]
      p = p.mul(k1.add(1023).lanewise(LSHL, 52).reinterpretAsDoubles());
      p.mul(k2.add(1023).lanewise(LSHL, 52).reinterpretAsDoubles()).intoArray(out, i);
    }
  }

  // ---------------------------------------------------------------- log

  // fdlibm's e_log.c: log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)), s = f/(2 + f), error below
  // 2^−58.45.
  private static final double LG1 = Double.longBitsToDouble(0x3FE5555555555593L);
  private static final double LG2 = Double.longBitsToDouble(0x3FD999999997FA04L);
  private static final double LG3 = Double.longBitsToDouble(0x3FD2492494229359L);
  private static final double LG4 = Double.longBitsToDouble(0x3FCC71C51D8E78AFL);
  private static final double LG5 = Double.longBitsToDouble(0x3FC7466496CB03DEL);
  private static final double LG6 = Double.longBitsToDouble(0x3FC39A09D078C69FL);
  private static final double LG7 = Double.longBitsToDouble(0x3FC2F112DF3E5244L);
  private static final double SQRT2 = Math.sqrt(2.0);
  private static final long MANTISSA = 0x000FFFFFFFFFFFFFL;
  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

  /**
   * {@code out[i] = log(x[i])} for i &lt; n (n a multiple of {@link #LENGTH}; out may be x), within
   * 1 ulp of {@code Math.log}. Normal positive finite lanes (every lane the kernels pass) take
   * fdlibm's algorithm on vectors: x = 2^k·m, m ∈ [√2/2, √2), f = m − 1. Any other lane (0,
   * subnormal, negative, ∞, NaN) gets {@code Math.log}; its neighbours are computed as always, so
   * each result depends on its own lane only.
   */
  public static void log(double[] x, double[] out, int n) {
    double[] special = null; // Math.log of this vector's lanes, when one is not normal
    boolean[] isSpecial = null;
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
      VectorMask<Double> normal =
          v.compare(GE, Double.MIN_NORMAL).and(v.compare(LE, Double.MAX_VALUE));
      boolean allNormal = normal.allTrue();
      if (!allNormal) {
        special = ensure(special, LENGTH);
        isSpecial = isSpecial == null ? new boolean[LENGTH] : isSpecial;
        for (int j = 0; j < LENGTH; j++) {
          special[j] = Math.log(x[i + j]); // before out (which may be x) is written
        }
        VectorMask<Double> notNormal = normal.not();
        notNormal.intoArray(
            isSpecial, 0); // the mask ends here: kept to the end of the body, C2 boxed it on AVX2
        v = v.blend(1.0, notNormal);
      }
      LongVector bits = v.reinterpretAsLongs();
      // the biased exponent as a double, through SHIFT: k + 1023 added to SHIFT's mantissa
      DoubleVector k =
          bits.lanewise(LSHR, 52).add(SHIFT_BITS - 1023).reinterpretAsDoubles().sub(SHIFT);
      DoubleVector m = bits.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles(); // [1, 2)
      VectorMask<Double> high = m.compare(GT, SQRT2);
      m = m.blend(m.mul(0.5), high);
      k = k.blend(k.add(1.0), high);
      DoubleVector f = m.sub(1.0);
      DoubleVector s = f.div(f.add(2.0));
      DoubleVector z = s.mul(s);
      DoubleVector w = z.mul(z);
      DoubleVector even = w.fma(LG6, LG4).fma(w, DoubleVector.broadcast(SPECIES, LG2)).mul(w);
      DoubleVector odd =
          w.fma(LG7, LG5)
              .fma(w, DoubleVector.broadcast(SPECIES, LG3))
              .fma(w, DoubleVector.broadcast(SPECIES, LG1))
              .mul(z);
      DoubleVector halfF2 = f.mul(f).mul(0.5);
      DoubleVector tail = s.mul(halfF2.add(odd.add(even))).add(k.mul(LN2_LO));
      k.mul(LN2_HI).sub(halfF2.sub(tail).sub(f)).intoArray(out, i);
      if (!allNormal) {
        for (int j = 0; j < LENGTH; j++) {
          if (isSpecial[j]) {
            out[i + j] = special[j];
          }
        }
      }
    }
  }
}
