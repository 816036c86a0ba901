package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClassBalancedTest {

  @Test
  void effectiveNumberWeightsNormalisedToTheClassCount() {
    long[] counts = {1000, 100, 10};
    double beta = 0.99;
    double[] a = ClassBalanced.alpha(beta, counts);
    double[] w = new double[3];
    double total = 0;
    for (int c = 0; c < 3; c++) {
      w[c] = (1 - beta) / (1 - Math.pow(beta, counts[c]));
      total += w[c];
    }
    for (int c = 0; c < 3; c++) {
      assertEquals(3 * w[c] / total, a[c], 1e-14);
    }
    assertEquals(3.0, a[0] + a[1] + a[2], 1e-14);
  }

  @Test
  void limits() {
    assertArrayEquals(new double[] {1, 1, 1}, ClassBalanced.alpha(0, 5, 500, 50_000), 0.0);
    // β → 1: inverse frequency.
    double[] a = ClassBalanced.alpha(1 - 1e-12, 10, 1000);
    assertEquals(100.0, a[0] / a[1], 1e-4);
    assertEquals(0.5, ClassBalanced.binaryAlpha(0.9, 40, 40), 1e-15);
    double[] two = ClassBalanced.alpha(0.999, 900, 100);
    assertEquals(two[1] / (two[0] + two[1]), ClassBalanced.binaryAlpha(0.999, 900, 100), 1e-15);
  }

  @Test
  void rejectsBadInput() {
    ValidationTest.fails(() -> ClassBalanced.alpha(1.0, 3, 4), "beta", "1.0");
    ValidationTest.fails(() -> ClassBalanced.alpha(-0.1, 3, 4), "beta");
    ValidationTest.fails(() -> ClassBalanced.alpha(0.9, 3, 0), "counts[1]", "0");
    ValidationTest.fails(() -> ClassBalanced.alpha(0.9), "counts");
    assertThrows(IllegalArgumentException.class, () -> ClassBalanced.binaryAlpha(0.9, -1, 3));
  }
}
