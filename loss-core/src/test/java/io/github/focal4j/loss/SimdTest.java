package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.focal4j.loss.engine.LaneMath;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fused kernels take the vector path exactly when the JVM has the Vector API module: surefire's
 * {@code vector-kernels} execution (with {@code --add-modules jdk.incubator.vector}) sets {@code
 * focal4j.test.expectVectorKernels}, the default execution does not — so neither run can pass on
 * the wrong path (on hardware with vectors of at least 4 doubles), and every other test in the
 * module is proven on both.
 */
class SimdTest {

  @Test
  void vectorKernelsAreOnExactlyWithTheModule() {
    boolean withModule = Boolean.getBoolean("focal4j.test.expectVectorKernels");
    assertEquals(withModule, ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    // with the module, the vector path is on unless the hardware has vectors of fewer than 4
    // doubles
    boolean expected = withModule && LaneMath.LENGTH >= 4;
    assertEquals(expected, Simd.ENABLED);
    assertEquals(expected, Implementation.vectorized());
  }

  @Test
  void everyBuiltInMarginFunctionHasAVectorForm() {
    Assumptions.assumeTrue(Simd.ENABLED, "the vector forms are only loaded on the vector path");
    for (MarginFunction f :
        List.of(
            CrossEntropyLoss.function(),
            HardTruncationLoss.function(0.5),
            SoftenedLoss.function(1, WeightGradient.FULL),
            FocalLoss.function(2, OptionalDouble.empty(), WeightGradient.FULL),
            FocalStarLoss.function(1, 0),
            PolyLoss.function(1, 0))) {
      assertNotNull(MarginRows.lanesOf(f), f.getClass().getSimpleName());
    }
  }
}
