package io.github.focal4j.autodiff.verification;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.focal4j.autodiff.GradCheck;
import io.github.focal4j.autodiff.Tensor;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property: for every op, on random valid inputs (random shapes of rank 0 to 4, broadcasting
 * combinations, axes from either end, keepDim both ways, {@code x op x}), the analytic gradient
 * matches central finite differences: {@code |analytic − numeric| ≤ 1e-6 + 1e-5·|numeric|} for
 * every element of every input.
 *
 * <p>Cases per op: {@value #DEFAULT_CASES}, or {@code -Dfocal4j.cases=N} for a longer run. Seeds
 * are fixed (derived from the op name and the case number) so a failure names a case that
 * reproduces.
 */
class GradientPropertyTest {

  static final int DEFAULT_CASES = 40;
  static final double ATOL = 1e-6;
  static final double RTOL = 1e-5;

  /**
   * detach cuts the gradient on purpose, so finite differences disagree by design; AutogradTest
   * covers it.
   */
  static final String NOT_GRADIENT_CHECKED = "detach";

  static int cases() {
    return Integer.getInteger("focal4j.cases", DEFAULT_CASES);
  }

  static long seed(String op, int i) {
    return op.hashCode() * 1_000_003L + i;
  }

  @TestFactory
  Stream<DynamicTest> everyOpMatchesFiniteDifferences() {
    return new TreeSet<>(Interpreter.OPS)
        .stream()
            .filter(op -> !op.equals(NOT_GRADIENT_CHECKED))
            .map(
                op ->
                    DynamicTest.dynamicTest(
                        op,
                        () -> {
                          for (int i = 0; i < cases(); i++) {
                            long seed = seed(op, i);
                            OpCases.Case c = new OpCases(new SplittableRandom(seed)).sample(op);
                            try {
                              GradCheck.check(in -> Interpreter.eval(c.expr(), in), c.leaves())
                                  .assertWithin(ATOL, RTOL);
                            } catch (AssertionError | RuntimeException e) {
                              fail(
                                  op
                                      + " case "
                                      + i
                                      + " (seed "
                                      + seed
                                      + "): "
                                      + c
                                      + ": "
                                      + e.getMessage(),
                                  e);
                            }
                          }
                        }));
  }

  /**
   * Ops whose gradient w.r.t. some input is identically zero still record a graph when inputs need
   * grad.
   */
  @TestFactory
  Stream<DynamicTest> outputsRequireGradExactlyWhenAnInputDoes() {
    return new TreeSet<>(Interpreter.OPS)
        .stream()
            .filter(op -> !op.equals(NOT_GRADIENT_CHECKED))
            .map(
                op ->
                    DynamicTest.dynamicTest(
                        op,
                        () -> {
                          OpCases.Case c =
                              new OpCases(new SplittableRandom(seed(op, 0))).sample(op);
                          Tensor out = Interpreter.eval(c.expr(), c.leaves());
                          if (!out.requiresGrad()) {
                            fail(
                                op + ": output does not require grad although its inputs do: " + c);
                          }
                          Tensor[] constants = new Tensor[c.leaves().length];
                          for (int i = 0; i < constants.length; i++) {
                            constants[i] = c.leaves()[i].detach();
                          }
                          if (Interpreter.eval(c.expr(), constants).requiresGrad()) {
                            fail(op + ": output requires grad although no input does: " + c);
                          }
                        }));
  }
}
