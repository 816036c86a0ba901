package io.github.focal4j.autodiff.verification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Numerical robustness: the stable forms (logSigmoid, softplus, sigmoid, logSumExp, softmax,
 * logSoftmax) stay finite and accurate for |x| up to 1e4 and beyond, and a sweep of every op over
 * extreme-but-valid inputs finds no NaN or ±∞ in any forward value or gradient whose mathematical
 * value is finite (and representable).
 */
class NumericsTest {

  /**
   * Extreme and ordinary values, both signs: tiny, subnormal-adjacent, moderate, exp-overflow edge,
   * huge.
   */
  static final double[] GRID = {
    0.0, 1e-300, -1e-300, 1e-8, -1e-8, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, 30.0, -30.0, 700.0, -700.0,
    1e4, -1e4, 1e8, -1e8, 1e300, -1e300
  };

  /** log of the largest double: a value is representable iff its log-magnitude is below this. */
  static final double LIM = Math.log(Double.MAX_VALUE);

  // ---------------------------------------------------------------- the stable forms, explicitly

  @Test
  void sigmoidFamilySaturatesToExactLimitsWithoutNaN() {
    Tensor x = Tensor.of(-1e4, -800, -40, 0, 40, 800, 1e4).requiresGrad(true);
    Tensor s = x.sigmoid();
    assertArrayEquals(
        new double[] {
          0, 0, Math.exp(-40) / (1 + Math.exp(-40)), 0.5, 1 / (1 + Math.exp(-40)), 1, 1
        },
        s.toArray(),
        1e-300);
    s.sum().backward();
    double d40 = Math.exp(-40) / Math.pow(1 + Math.exp(-40), 2);
    assertArrayEquals(new double[] {0, 0, d40, 0.25, d40, 0, 0}, x.grad().toArray(), 1e-30);

    x.zeroGrad();
    Tensor ls = x.logSigmoid();
    assertArrayEquals(
        new double[] {
          -1e4,
          -800,
          -40 - Math.log1p(Math.exp(-40)),
          -Math.log(2),
          -Math.log1p(Math.exp(-40)),
          0,
          0
        },
        ls.toArray(),
        1e-12);
    ls.sum().backward();
    assertArrayEquals(
        new double[] {
          1, 1, 1 / (1 + Math.exp(-40)), 0.5, Math.exp(-40) / (1 + Math.exp(-40)), 0, 0
        },
        x.grad().toArray(),
        1e-30);

    x.zeroGrad();
    Tensor sp = x.softplus();
    assertArrayEquals(
        new double[] {
          0, 0, Math.log1p(Math.exp(-40)), Math.log(2), 40 + Math.log1p(Math.exp(-40)), 800, 1e4
        },
        sp.toArray(),
        1e-12);
    sp.sum().backward();
    assertArrayEquals(
        new double[] {
          0, 0, Math.exp(-40) / (1 + Math.exp(-40)), 0.5, 1 / (1 + Math.exp(-40)), 1, 1
        },
        x.grad().toArray(),
        1e-30);
  }

  @Test
  void softmaxFamilyOnMixedHugeAndSmallSlices() {
    // One slice mixes ±1e4, 0 and tiny values; the other has two equal huge logits.
    double[] v = {1e4, 1e4 - 1, 0, -1e4, 1e-300, 5e3, 5e3, -5e3};
    Tensor x = Tensor.of(v, 2, 4).requiresGrad(true);
    double e1 = Math.exp(-1);

    Tensor lse = x.logSumExp(1, false);
    assertArrayEquals(new double[] {1e4 + Math.log1p(e1), 5e3 + Math.log(2)}, lse.toArray(), 1e-9);
    lse.sum().backward();
    double[] softmax = {1 / (1 + e1), e1 / (1 + e1), 0, 0, 0, 0.5, 0.5, 0};
    assertArrayEquals(softmax, x.grad().toArray(), 1e-15);

    x.zeroGrad();
    Tensor sm = x.softmax(-1);
    assertArrayEquals(softmax, sm.toArray(), 1e-15);
    Tensor g = Tensor.of(new double[] {1, -2, 3, 0.5, 1, 1, -1, 2}, 2, 4);
    sm.backward(g);
    assertAllFinite("softmax gradient", x.grad().toArray());

    x.zeroGrad();
    Tensor lsm = x.logSoftmax(1);
    double[] expected = {
      -Math.log1p(e1),
      -1 - Math.log1p(e1),
      -1e4 - Math.log1p(e1),
      -2e4 - Math.log1p(e1),
      -5e3 - Math.log(2),
      -Math.log(2),
      -Math.log(2),
      -1e4 - Math.log(2)
    };
    assertArrayEquals(expected, lsm.toArray(), 1e-9);
    lsm.backward(g);
    // d/dx_k = g_k − softmax_k·Σg, Σg = 2.5 and 3.
    double[] grad = {
      1 - softmax[0] * 2.5, -2 - softmax[1] * 2.5, 3, 0.5, 1, 1 - 0.5 * 3, -1 - 0.5 * 3, 2
    };
    assertArrayEquals(grad, x.grad().toArray(), 1e-12);
  }

  /**
   * Regression: softmax was exp(x − lse). Beyond |x| ≈ 1e16 the lse rounds to the maximum itself,
   * so two equal logits got probability 1 each. It is now exp(x − m) / Σ exp(x − m), exact here.
   */
  @Test
  void equalHugeLogitsShareTheProbabilityExactly() {
    Tensor x = Tensor.of(1e20, 1e20, -1e20).requiresGrad(true);
    assertArrayEquals(new double[] {0.5, 0.5, 0}, x.softmax(0).toArray(), 0.0);
    assertArrayEquals(
        new double[] {-Math.log(2), -Math.log(2), -2e20}, x.logSoftmax(0).toArray(), 1e-15);
    x.logSumExp(0, false).backward();
    assertArrayEquals(new double[] {0.5, 0.5, 0}, x.grad().toArray(), 0.0);
  }

  @Test
  void exponentialOverflowIsInfinityAsTheMathSays() {
    Tensor x = Tensor.of(710.0, -800.0).requiresGrad(true);
    Tensor y = x.exp();
    assertEquals(Double.POSITIVE_INFINITY, y.get(0));
    assertEquals(0.0, y.get(1));
  }

  /**
   * tanh gives the same bits on every JDK: {@code TANH_BITS} is a hash of its forward values on a
   * grid, computed on JDK 17. With {@code Math.tanh}, an intrinsic from JDK 24 on whose last bit
   * differs, JDK 25 gave another hash. CI runs this test on JDK 17 and on JDK 25.
   */
  @Test
  void tanhHasTheSameBitsOnEveryJdk() {
    double[] x = new double[4001];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i - 2000) * 0.0037;
    }
    long hash = 0;
    for (double y : Tensor.of(x, x.length).tanh().toArray()) {
      hash = 31 * hash + Double.doubleToRawLongBits(y);
    }
    assertEquals(TANH_BITS, hash, "hash " + Long.toHexString(hash));
  }

  private static final long TANH_BITS = 0xb23ff943914e9516L;

  // ---------------------------------------------------------------- the sweep over every op

  /** Whether the exact value of a function of (a, b) is finite and representable as a double. */
  @FunctionalInterface
  interface Finite {
    boolean at(double a, double b);
  }

  static final Finite ALWAYS = (a, b) -> true;

  /** log|x|, −∞ at 0. */
  static double lg(double x) {
    return Math.log(Math.abs(x));
  }

  /** An elementwise op with predicates for its value and its partial derivatives. */
  record ElementwiseSpec(
      Expr expr, int arity, Finite value, Finite da, Finite db, double[] gridA, double[] gridB) {}

  static ElementwiseSpec unary(Expr e, Finite value, Finite d, double[] grid) {
    return new ElementwiseSpec(e, 1, value, d, null, grid, null);
  }

  static ElementwiseSpec binary(
      String op, Finite value, Finite da, Finite db, double[] gridA, double[] gridB) {
    return new ElementwiseSpec(
        Expr.op(op, Expr.leaf(0), Expr.leaf(1)), 2, value, da, db, gridA, gridB);
  }

  static double[] where(java.util.function.DoublePredicate keep) {
    return Arrays.stream(GRID).filter(keep).toArray();
  }

  static Expr un(String op) {
    return Expr.op(op, Expr.leaf(0));
  }

  /**
   * The elementwise ops with their domains and finiteness predicates, in log-magnitude arithmetic.
   */
  static List<ElementwiseSpec> elementwise(String op) {
    List<ElementwiseSpec> out = new ArrayList<>();
    switch (op) {
      case "add", "sub", "maximum", "minimum" ->
          out.add(binary(op, ALWAYS, ALWAYS, ALWAYS, GRID, GRID));
      case "mul" -> out.add(binary(op, (a, b) -> lg(a) + lg(b) < LIM, ALWAYS, ALWAYS, GRID, GRID));
      case "div" ->
          out.add(
              binary(
                  op,
                  (a, b) -> lg(a) - lg(b) < LIM,
                  (a, b) -> -lg(b) < LIM,
                  (a, b) -> lg(a) - 2 * lg(b) < LIM,
                  GRID,
                  where(b -> b != 0)));
      case "pow" ->
          out.add(
              binary(
                  op,
                  NumericsTest::powFinite,
                  NumericsTest::powBaseGradFinite,
                  NumericsTest::powExponentGradFinite,
                  where(a -> a >= 0),
                  GRID));
      case "addScalar", "subScalar", "rsubScalar", "mulScalar", "divScalar" -> {
        for (double c : new double[] {-3, 1e-300, 1e300}) {
          Finite v =
              switch (op) {
                case "mulScalar" -> (a, b) -> lg(a) + lg(c) < LIM;
                case "divScalar" -> (a, b) -> lg(a) - lg(c) < LIM;
                default -> ALWAYS;
              };
          Finite d = op.equals("divScalar") ? (a, b) -> -lg(c) < LIM : ALWAYS;
          out.add(unary(un(op).with("c", c), v, d, GRID));
        }
      }
      case "powScalar" -> {
        for (double e : new double[] {0, 1, 2, 3, -1, -2}) {
          out.add(
              unary(
                  un(op).with("c", e),
                  (a, b) -> powFinite(a, e),
                  (a, b) -> powBaseGradFinite(a, e),
                  GRID));
        }
        for (double e : new double[] {0.5, -0.5, 1.5, 1e-3}) {
          out.add(
              unary(
                  un(op).with("c", e),
                  (a, b) -> powFinite(a, e),
                  (a, b) -> powBaseGradFinite(a, e),
                  where(a -> a >= 0)));
        }
      }
      case "exp" -> out.add(unary(un(op), (a, b) -> a < LIM, (a, b) -> a < LIM, GRID));
      case "log" -> out.add(unary(un(op), ALWAYS, (a, b) -> -lg(a) < LIM, where(a -> a > 0)));
      case "log1p" -> out.add(unary(un(op), ALWAYS, ALWAYS, where(a -> a > -1)));
      case "sqrt" -> out.add(unary(un(op), ALWAYS, (a, b) -> a > 0, where(a -> a >= 0)));
      case "neg", "abs", "tanh", "sigmoid", "logSigmoid", "softplus", "relu", "step" ->
          out.add(unary(un(op), ALWAYS, ALWAYS, GRID));
      case "clamp" ->
          out.add(unary(un(op).with("min", -1e4).with("max", 30.0), ALWAYS, ALWAYS, GRID));
      case "heaviside" -> out.add(unary(un(op).with("value", 0.5), ALWAYS, ALWAYS, GRID));
      default -> {}
    }
    return out;
  }

  /** a^b, a ≥ 0 or b an integer. */
  static boolean powFinite(double a, double b) {
    if (a == 0) {
      return b >= 0;
    }
    return b == 0 || b * lg(a) < LIM;
  }

  /** b·a^(b−1), 0 by convention when b = 0. */
  static boolean powBaseGradFinite(double a, double b) {
    if (b == 0) {
      return true;
    }
    if (a == 0) {
      return b >= 1;
    }
    return lg(b) + (b - 1) * lg(a) < LIM;
  }

  /** a^b·ln a for a ≥ 0, 0 by convention at a = 0 when b ≥ 0. */
  static boolean powExponentGradFinite(double a, double b) {
    if (a == 0) {
      return b >= 0;
    }
    if (a == 1) {
      return true;
    }
    return b * lg(a) + Math.log(Math.abs(Math.log(a))) < LIM;
  }

  @TestFactory
  Stream<DynamicTest> everyOpIsFiniteWhereTheMathIsFinite() {
    return new TreeSet<>(Interpreter.OPS)
        .stream()
            .map(
                op ->
                    DynamicTest.dynamicTest(
                        op,
                        () -> {
                          List<ElementwiseSpec> specs = elementwise(op);
                          if (!specs.isEmpty()) {
                            for (ElementwiseSpec s : specs) {
                              sweepElementwise(op, s);
                            }
                          } else {
                            sweepStructured(op);
                          }
                        }));
  }

  private static void sweepElementwise(String op, ElementwiseSpec s) {
    double[] bs = s.arity() == 2 ? s.gridB() : new double[] {Double.NaN};
    for (double a : s.gridA()) {
      for (double b : bs) {
        Tensor ta = Tensor.scalar(a).requiresGrad(true);
        Tensor tb = Tensor.scalar(b).requiresGrad(true);
        Tensor[] leaves = s.arity() == 2 ? new Tensor[] {ta, tb} : new Tensor[] {ta};
        String where = op + " " + s.expr() + " at a=" + a + (s.arity() == 2 ? ", b=" + b : "");
        Tensor y = Interpreter.eval(s.expr(), leaves);
        if (!s.value().at(a, b)) {
          continue; // the true value overflows: nothing to assert for it or its gradient
        }
        if (!Double.isFinite(y.item())) {
          fail(where + ": value " + y.item() + " although the exact value is finite");
        }
        y.backward();
        if (s.da().at(a, b) && !Double.isFinite(ta.grad().item())) {
          fail(where + ": d/da = " + ta.grad().item() + " although the exact derivative is finite");
        }
        if (s.arity() == 2 && s.db().at(a, b) && !Double.isFinite(tb.grad().item())) {
          fail(where + ": d/db = " + tb.grad().item() + " although the exact derivative is finite");
        }
      }
    }
  }

  /**
   * Non-elementwise ops on tensors filled with grid values (slices mixing ±1e300, ±1e4 and
   * ±1e-300). Their exact values and gradients are all finite for such inputs, so everything must
   * be.
   */
  private static void sweepStructured(String op) {
    SplittableRandom rng = new SplittableRandom(op.hashCode());
    for (int trial = 0; trial < 30; trial++) {
      Tensor x = Tensor.of(pick(rng, 24, GRID), 2, 3, 4).requiresGrad(true);
      List<Function<Tensor, Tensor>> fs = structured(op, rng, x);
      for (Function<Tensor, Tensor> f : fs) {
        x.zeroGrad();
        Tensor y = f.apply(x);
        String where = op + " on " + Arrays.toString(x.toArray());
        assertAllFinite(where + ": value", y.toArray());
        double[] g = new double[y.numel()];
        Arrays.fill(g, 1.0);
        y.backward(Tensor.of(g, y.shape()));
        assertAllFinite(where + ": gradient", x.grad().toArray());
      }
    }
  }

  private static List<Function<Tensor, Tensor>> structured(
      String op, SplittableRandom rng, Tensor x) {
    int axis = rng.nextInt(-3, 3);
    boolean keep = rng.nextBoolean();
    return switch (op) {
      case "sum" -> List.of(t -> t.sum(), t -> t.sum(axis, keep));
      case "mean" -> List.of(t -> t.mean(), t -> t.mean(axis, keep));
      case "max" -> List.of(t -> t.max(), t -> t.max(axis, keep));
      case "logSumExp" -> List.of(t -> t.logSumExp(axis, keep));
      case "softmax" -> List.of(t -> t.softmax(axis));
      case "logSoftmax" -> List.of(t -> t.logSoftmax(axis));
      case "where" -> List.of(t -> Tensor.where(t.step(), t, t.neg()));
      // Products of values up to 1e100 stay far from overflow; larger ones would overflow
      // legitimately.
      case "matmul" ->
          List.of(
              t -> t.clamp(-1e100, 1e100).matmul(t.clamp(-1e100, 1e100).transpose(1, 2)),
              t ->
                  t.reshape(6, 4)
                      .clamp(-1e100, 1e100)
                      .matmul(Tensor.of(pick(rng, 8, GRID), 4, 2).clamp(-1e100, 1e100)));
      case "permute" -> List.of(t -> t.permute(2, -3, 1));
      case "transpose" -> List.of(t -> t.transpose(axis, -1));
      case "reshape" -> List.of(t -> t.reshape(4, -1));
      case "unsqueeze" -> List.of(t -> t.unsqueeze(axis));
      case "squeeze" -> List.of(t -> t.reshape(2, 1, 12).squeeze(1));
      case "slice" -> List.of(t -> t.slice(-1, 1, 3));
      case "concat" -> List.of(t -> Tensor.concat(axis, t, t));
      case "stack" -> List.of(t -> Tensor.stack(axis, t, t));
      case "indexSelect" -> List.of(t -> t.indexSelect(-1, 3, 0, 3));
      case "gather" ->
          List.of(t -> t.gather(1, IntTensor.of(new int[] {2, 0, 1, 1, 0, 0, 2, 2}, 2, 1, 4)));
      case "dropout" -> List.of(t -> t.dropout(0.9, new SplittableRandom(3)));
      case "detach" -> List.of(t -> t.mul(t.detach().clamp(-1e4, 1e4)));
      default -> throw new IllegalStateException("no sweep for op '" + op + "'");
    };
  }

  private static double[] pick(SplittableRandom rng, int n, double[] from) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = from[rng.nextInt(from.length)];
    }
    return v;
  }

  static void assertAllFinite(String what, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        fail(what + ": element " + i + " is " + values[i]);
      }
    }
  }
}
