package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.focal4j.loss.engine.LaneMath;
import io.github.focal4j.loss.engine.Scalar;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The vector path's exp and log against {@code Math.exp}/{@code Math.log}: within 1 ulp over dense
 * ranges and at the edges (±0, subnormals, the overflow and underflow thresholds, ±∞, NaN), and
 * deterministic (a lane's result depends on its own value only). Runs in the surefire execution
 * with the Vector API module; the class keeps vector types out of its method signatures so that it
 * loads without it.
 */
@EnabledIf("vectorPath")
class LaneMathTest {

  static boolean vectorPath() {
    return Simd.ENABLED;
  }

  static double[] exp(double[] x) {
    double[] in = Arrays.copyOf(x, LaneMath.roundUp(x.length));
    LaneMath.exp(in, in, in.length);
    return Arrays.copyOf(in, x.length);
  }

  static double[] log(double[] x) {
    double[] in = Arrays.copyOf(x, LaneMath.roundUp(x.length));
    LaneMath.log(in, in, in.length);
    return Arrays.copyOf(in, x.length);
  }

  static long ulps(double actual, double expected) {
    if (Double.isNaN(expected)) {
      return Double.isNaN(actual) ? 0 : Long.MAX_VALUE;
    }
    if (actual == expected) {
      return 0; // also +0.0 == -0.0
    }
    if (Double.isInfinite(expected)
        || Double.isInfinite(actual)
        || Math.signum(actual) != Math.signum(expected)) {
      return Long.MAX_VALUE;
    }
    return Math.abs(Double.doubleToLongBits(actual) - Double.doubleToLongBits(expected));
  }

  static void within1Ulp(String what, double[] x, double[] actual, DoubleUnaryOperator reference) {
    for (int i = 0; i < x.length; i++) {
      double expected = reference.applyAsDouble(x[i]);
      if (ulps(actual[i], expected) > 1) {
        fail(what + "(" + x[i] + ") = " + actual[i] + ", Math gives " + expected);
      }
    }
  }

  @Test
  void expDenseRanges() {
    SplittableRandom rng = new SplittableRandom(1);
    double[][] ranges = {
      {-746, 710}, {-40, 0}, {-1, 1}, {-1e-6, 1e-6}, {-745.2, -708}, {700, 709.8}
    };
    for (double[] r : ranges) {
      double[] x = new double[200_000];
      for (int i = 0; i < x.length; i++) {
        x[i] = r[0] + (r[1] - r[0]) * rng.nextDouble();
      }
      within1Ulp("exp", x, exp(x), Math::exp);
    }
  }

  @Test
  void expEdges() {
    double[] x = {
      0.0,
      -0.0,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      1e-300,
      -1e-300,
      Math.ulp(1.0),
      -Math.ulp(1.0),
      709.782712893384,
      709.7827128933841,
      710,
      1e4,
      Double.MAX_VALUE,
      Double.POSITIVE_INFINITY,
      -708.3964185322641,
      -708.4,
      -745.1332191019411,
      -745.1332191019412,
      -746,
      -1e4,
      -Double.MAX_VALUE,
      Double.NEGATIVE_INFINITY,
      Double.NaN,
      Math.log(2),
      -Math.log(2),
      0.5 * Math.log(2),
      -0.5 * Math.log(2)
    };
    double[] y = exp(x);
    within1Ulp("exp", x, y, Math::exp);
    assertEquals(1.0, y[0]);
    assertEquals(Double.POSITIVE_INFINITY, y[9]);
    assertEquals(0.0, y[18]);
    assertEquals(0.0, y[21]);
  }

  @Test
  void logDenseRanges() {
    SplittableRandom rng = new SplittableRandom(2);
    double[][] ranges = {{1, 2}, {0.5, 3}, {1 - 1e-6, 1 + 1e-6}, {1, 10}};
    for (double[] r : ranges) {
      double[] x = new double[200_000];
      for (int i = 0; i < x.length; i++) {
        x[i] = r[0] + (r[1] - r[0]) * rng.nextDouble();
      }
      within1Ulp("log", x, log(x), Math::log);
    }
    double[] wide =
        new double[200_000]; // log-uniform over the whole double range, subnormals included
    for (int i = 0; i < wide.length; i++) {
      wide[i] = Math.exp(-744 + 1453 * rng.nextDouble());
    }
    within1Ulp("log", wide, log(wide), Math::log);
  }

  @Test
  void logEdges() {
    double[] x = {
      1.0,
      2.0,
      0.5,
      Math.sqrt(2),
      Math.nextUp(Math.sqrt(2)),
      Math.nextDown(Math.sqrt(2)),
      Math.nextUp(1.0),
      Math.nextDown(1.0),
      Double.MIN_NORMAL,
      Math.nextDown(Double.MIN_NORMAL),
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      0.0,
      -0.0,
      -1.0,
      -Double.MIN_VALUE,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NaN,
      1e-310
    };
    double[] y = log(x);
    within1Ulp("log", x, y, Math::log);
    assertEquals(0.0, y[0]);
    assertEquals(Double.NEGATIVE_INFINITY, y[12]);
    assertEquals(Double.NEGATIVE_INFINITY, y[13]);
  }

  @Test
  void aLaneDependsOnItsOwnValueOnly() {
    // the same value next to ordinary or special neighbours (which take log's per-lane path) gives
    // the same bits
    double[] plain = new double[LaneMath.LENGTH];
    double[] mixed = new double[LaneMath.LENGTH];
    Arrays.fill(plain, 1.2345);
    Arrays.fill(mixed, 1.2345);
    mixed[0] = 0.0;
    mixed[LaneMath.LENGTH - 1] = Double.NaN;
    double[] a = log(plain);
    double[] b = log(mixed);
    for (int i = 1; i < LaneMath.LENGTH - 1; i++) {
      assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]));
    }
  }

  @Test
  void sigmoidPartsMatchMath() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = LaneMath.roundUp(100_000);
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = i % 3 == 0 ? 40 * rng.nextDouble() - 20 : 3 * rng.nextGaussian();
    }
    double[] special = {0.0, -0.0, 1e-300, -1e-300, 36.7, 37.5, 745, -745, 746, 1e4, -1e4};
    System.arraycopy(special, 0, z, 0, special.length);
    double[] e = new double[n];
    double[] r = new double[n];
    double[] l = new double[n];
    LaneMath.sigmoidParts(z, e, r, l, n);
    for (int i = 0; i < n; i++) {
      double ee = Math.exp(-Math.abs(z[i]));
      double rr = 1.0 / (1.0 + e[i]); // r and l of the e computed
      double ll = Math.log1p(e[i]);
      if (ulps(e[i], ee) > 1 || ulps(r[i], rr) > 0 || Math.abs(l[i] - ll) > 2 * Math.ulp(ll)) {
        fail(
            "z = "
                + z[i]
                + ": e, r, l = "
                + e[i]
                + ", "
                + r[i]
                + ", "
                + l[i]
                + "; Math gives "
                + ee
                + ", "
                + rr
                + ", "
                + ll);
      }
      double scalar = Scalar.log1p01(e[i], rr);
      if (Math.abs(scalar - ll) > 2 * Math.ulp(ll)) {
        fail("Scalar.log1p01(" + e[i] + ") = " + scalar + ", Math.log1p gives " + ll);
      }
    }
  }
}
