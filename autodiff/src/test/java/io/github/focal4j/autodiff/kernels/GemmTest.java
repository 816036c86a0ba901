package io.github.focal4j.autodiff.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmTest {

  /** Sizes straddle the block edges (NC = 256, KC = 128, MR = 4) and include degenerate ones. */
  @ParameterizedTest
  @CsvSource({
    "1,1,1",
    "3,5,7",
    "4,256,128",
    "5,257,129",
    "9,300,260",
    "17,9,200",
    "0,3,3",
    "3,0,3",
    "3,3,0",
    "6,3,1",
    "2,2,3",
    "7,513,257"
  })
  void matchesNaiveProductInAllFourTranspositions(int m, int n, int k) {
    SplittableRandom rng = new SplittableRandom(m * 1000L + n * 10L + k);
    for (boolean fma : new boolean[] {false, true}) {
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          int lda = (ta ? m : k) + 2; // padded leading dimensions
          int ldb = (tb ? k : n) + 1;
          int ldc = n + 3;
          double[] a = random(rng, (ta ? k : m) * lda + 5);
          double[] b = random(rng, (tb ? n : k) * ldb + 5);
          double[] c = random(rng, m * ldc + 5);
          double[] expected = c.clone();
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              double s = 0;
              for (int p = 0; p < k; p++) {
                double av = ta ? a[1 + p * lda + i] : a[1 + i * lda + p];
                double bv = tb ? b[2 + j * ldb + p] : b[2 + p * ldb + j];
                s += av * bv;
              }
              expected[3 + i * ldc + j] += s;
            }
          }
          Gemm.gemm(fma, ta, tb, m, n, k, a, 1, lda, b, 2, ldb, c, 3, ldc);
          for (int i = 0; i < c.length; i++) {
            assertEquals(
                expected[i],
                c[i],
                1e-12 * (1 + Math.abs(expected[i])),
                "fma=" + fma + " ta=" + ta + " tb=" + tb + " at " + i);
          }
        }
      }
    }
  }

  @Test
  void thePublicEntryUsesTheKernelThisJvmCompilesWell() {
    double[] c = new double[4];
    Gemm.gemm(2, 2, 2, new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}, c);
    assertArrayEquals(new double[] {19, 22, 43, 50}, c, 0.0);
    // On x86-64 and AArch64 HotSpot reports a hardware FMA; the fused kernel is then the default.
    String arch = System.getProperty("os.arch");
    if (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64")) {
      assertTrue(Gemm.HARDWARE_FMA, "UseFMA not detected on " + arch);
    }
  }

  @Test
  void rejectsArraysTooSmallWithAClearMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gemm.gemm(2, 2, 2, new double[4], new double[3], new double[4]));
    assertTrue(e.getMessage().contains("B (2x2"), e.getMessage());
  }

  private static double[] random(SplittableRandom rng, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextDouble(-1, 1);
    }
    return x;
  }
}
