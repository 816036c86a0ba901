package io.github.focal4j.models.lanes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.focal4j.models.PlainProducts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The float64 training kernel gives the bits of the plain sum in ascending p, on every block shape
 * (runs where the Vector API is present; the surefire execution with {@code -XX:MaxVectorSize=32}
 * runs it with AVX2's 4 doubles per vector on an AVX-512 machine).
 */
class DoubleLanesTest {

  @BeforeEach
  void needsTheVectorApi() {
    assumeTrue(
        VectorSupport.UNAVAILABLE.isEmpty(), "runs in the surefire execution with the Vector API");
  }

  @Test
  void mulAddIsBitForBitTheSumInAscendingOrderOnEveryBlockShape() {
    SplittableRandom rng = new SplittableRandom(11);
    int l = DoubleLanes.L;
    int[] widths = {1, l - 1, l, l + 1, 2 * l + 3, 3 * l, 4 * l, 5 * l + 1, 8 * l + 2 * l + 3};
    for (int rows = 1; rows <= 9; rows++) {
      for (int n : widths) {
        for (int k : new int[] {1, 7, 40}) {
          PlainProducts.assertPlainSum(DoubleLanes::mulAdd, rng, rows, n, k);
        }
      }
    }
  }

  @Test
  void rowsBeyondTheCountAreLeftAlone() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 4 * DoubleLanes.L + 1;
    double[][] a = PlainProducts.random(rng, 6, 9);
    double[][] b = PlainProducts.random(rng, 9, n);
    double[][] c = PlainProducts.random(rng, 6, n);
    double[] fifth = c[4].clone();
    double[] sixth = c[5].clone();
    DoubleLanes.mulAdd(4, n, 9, a, b, c);
    assertArrayEquals(fifth, c[4], 0.0);
    assertArrayEquals(sixth, c[5], 0.0);
  }
}
