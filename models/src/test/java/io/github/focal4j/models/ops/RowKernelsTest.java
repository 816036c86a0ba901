package io.github.focal4j.models.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.focal4j.models.PlainProducts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Training's products take the Vector API kernel exactly when the JVM has it with 512-bit vectors
 * (the surefire run with {@code --add-modules jdk.incubator.vector} sets {@code
 * focal4j.test.expectVectorKernels}), and the scalar loop gives the bits of the plain sum in
 * ascending order, as the vector kernel does ({@code lanes.DoubleLanesTest}): a training run is the
 * same with and without the flag.
 */
class RowKernelsTest {

  /** With 256-bit vectors (AVX2) the scalar loop is the faster one and is kept. */
  @Test
  void theVectorKernelIsOnExactlyWhenTheVectorApiIsThereWith512BitVectors() {
    assertEquals(
        Boolean.getBoolean("focal4j.test.expectVectorKernels")
            && io.github.focal4j.models.lanes.DoubleLanes.L >= 8,
        RowKernels.LANES);
  }

  /**
   * The LSTM's tanh gives the same bits on every JDK: {@code TANH_BITS} is a hash of its values on
   * a grid near 0 (where it takes {@code StrictMath.tanh}) and beyond, computed on JDK 17. With
   * {@code Math.tanh} near 0, JDK 25 (whose {@code Math.tanh} is an intrinsic) gave another hash,
   * and another model for the same training run. CI runs this test on JDK 17 and on JDK 25.
   */
  @Test
  void tanhHasTheSameBitsOnEveryJdk() {
    long hash = 0;
    for (int i = -2000; i <= 2000; i++) {
      hash = 31 * hash + Double.doubleToRawLongBits(RowKernels.tanh(i * 4.99e-7));
      hash = 31 * hash + Double.doubleToRawLongBits(RowKernels.tanh(i * 0.013));
    }
    assertEquals(TANH_BITS, hash, "hash " + Long.toHexString(hash));
  }

  private static final long TANH_BITS = 0xbce2fb4c6906a0e8L;

  @Test
  void scalarMulAddIsBitForBitTheSumInAscendingOrder() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int rows = 1; rows <= 6; rows++) {
      for (int n : new int[] {1, 3, 17, 40}) {
        for (int k : new int[] {1, 2, 13, 16}) {
          PlainProducts.assertPlainSum(RowKernels::scalarMulAdd, rng, rows, n, k);
        }
      }
    }
  }
}
