package io.github.focal4j.autodiff.verification;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzz: every op called with random, mostly invalid arguments (shapes of rank 0 to 4 with
 * dimensions 0 to 4, axes in [−6, 6], indices and slice bounds partly out of range, random
 * permutations and target shapes, bad clamp bounds and dropout rates). The only exception allowed
 * to escape is {@link IllegalArgumentException} with a message naming the op; an op that succeeds
 * must also run its backward pass cleanly.
 *
 * <p>{@value #DEFAULT_CALLS} calls per run, seeded; {@code -Dfocal4j.fuzz=N} runs more (on demand).
 */
class InvalidInputFuzzTest {

  static final int DEFAULT_CALLS = 20_000;

  private SplittableRandom rng;

  @Test
  void onlyIllegalArgumentExceptionsNamingTheOpEscape() {
    int calls = Integer.getInteger("focal4j.fuzz", DEFAULT_CALLS);
    List<String> ops = new ArrayList<>(new java.util.TreeSet<>(Interpreter.OPS));
    int rejected = 0;
    for (int i = 0; i < calls; i++) {
      rng = new SplittableRandom(i);
      String op = ops.get(i % ops.size());
      Tensor[] leaves = new Tensor[3];
      for (int j = 0; j < leaves.length; j++) {
        leaves[j] = randomTensor(randomShape());
      }
      Expr e = randomCall(op, leaves);
      Tensor out;
      try {
        out = Interpreter.eval(e, leaves);
      } catch (IllegalArgumentException ex) {
        String m = ex.getMessage();
        if (m == null || !m.toLowerCase(java.util.Locale.ROOT).contains(expectedName(op))) {
          fail(
              "call "
                  + i
                  + ": "
                  + e
                  + " on "
                  + shapes(leaves)
                  + " threw a message not naming '"
                  + expectedName(op)
                  + "': "
                  + m,
              ex);
        }
        rejected++;
        continue;
      } catch (RuntimeException | Error ex) {
        fail("call " + i + ": " + e + " on " + shapes(leaves) + " threw " + ex, ex);
        return;
      }
      if (out.requiresGrad()) {
        try {
          out.backward(Tensor.ones(out.shape()));
        } catch (RuntimeException | Error ex) {
          fail("call " + i + ": backward of " + e + " on " + shapes(leaves) + " threw " + ex, ex);
        }
      }
    }
    if (rejected < calls / 10 || rejected > calls * 9 / 10) {
      fail(
          "the fuzzer should mix valid and invalid calls; "
              + rejected
              + " of "
              + calls
              + " were rejected");
    }
  }

  /** The op name an error message must contain (scalar variants report their base op). */
  private static String expectedName(String op) {
    String base = op.endsWith("Scalar") ? op.substring(0, op.length() - "Scalar".length()) : op;
    return (base.equals("rsub") ? "sub" : base.equals("step") ? "heaviside" : base)
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static String shapes(Tensor[] ts) {
    StringBuilder sb = new StringBuilder();
    for (Tensor t : ts) {
      sb.append(Shape.format(t.shape()));
    }
    return sb.toString();
  }

  private int[] randomShape() {
    int[] s = new int[rng.nextInt(0, 5)];
    for (int i = 0; i < s.length; i++) {
      s[i] = rng.nextInt(5) == 0 ? 0 : rng.nextInt(1, 5);
    }
    return s;
  }

  private Tensor randomTensor(int[] shape) {
    double[] v = new double[Shape.numel(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextDouble(-3, 3);
    }
    return Tensor.of(v, shape).requiresGrad(rng.nextInt(4) != 0);
  }

  private int axis() {
    return rng.nextInt(-6, 7);
  }

  private int[] ints(int maxLen, int lo, int hi) {
    int[] a = new int[rng.nextInt(0, maxLen + 1)];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextInt(lo, hi);
    }
    return a;
  }

  private Expr randomCall(String op, Tensor[] leaves) {
    Expr l0 = Expr.leaf(0);
    Expr l1 = Expr.leaf(1);
    Expr l2 = Expr.leaf(2);
    switch (op) {
      case "add":
      case "sub":
      case "mul":
      case "div":
      case "pow":
      case "maximum":
      case "minimum":
      case "matmul":
        if (rng.nextInt(4) == 0) {
          // Often compatible: reuse the first shape, or a suffix of it.
          int[] s = leaves[0].shape();
          leaves[1] = randomTensor(Arrays.copyOfRange(s, rng.nextInt(0, s.length + 1), s.length));
        }
        return Expr.op(op, l0, l1);
      case "where":
        return Expr.op(op, l0, l1, l2);
      case "clamp":
        {
          double[] bounds = {-1, 0, 1, Double.NaN};
          return Expr.op(op, l0)
              .with("min", bounds[rng.nextInt(4)])
              .with("max", bounds[rng.nextInt(4)]);
        }
      case "dropout":
        {
          double[] ps = {-0.5, 0, 0.5, 1, 1.5, Double.NaN};
          return Expr.op(op, l0)
              .with("p", ps[rng.nextInt(ps.length)])
              .with("seed", rng.nextInt(100));
        }
      case "sum":
      case "mean":
      case "max":
        if (rng.nextInt(4) == 0) {
          return Expr.op(op, l0);
        }
        return Expr.op(op, l0).with("axis", axis()).with("keepDim", rng.nextBoolean());
      case "logSumExp":
        return Expr.op(op, l0).with("axis", axis()).with("keepDim", rng.nextBoolean());
      case "softmax":
      case "logSoftmax":
      case "unsqueeze":
      case "squeeze":
        return Expr.op(op, l0).with("axis", axis());
      case "permute":
        return Expr.op(op, l0).with("axes", ints(5, -5, 5));
      case "transpose":
        return Expr.op(op, l0).with("axis0", axis()).with("axis1", axis());
      case "reshape":
        {
          int[] t = ints(5, -2, 6);
          if (rng.nextBoolean()) {
            t = leaves[0].shape(); // a valid target, sometimes with a -1
            if (t.length > 0 && rng.nextBoolean()) {
              t[rng.nextInt(t.length)] = -1;
            }
          }
          return Expr.op(op, l0).with("shape", t);
        }
      case "slice":
        return Expr.op(op, l0)
            .with("axis", axis())
            .with("start", rng.nextInt(-2, 6))
            .with("end", rng.nextInt(-2, 6));
      case "concat":
      case "stack":
        {
          Expr[] kids = new Expr[rng.nextInt(0, 4)];
          for (int k = 0; k < kids.length; k++) {
            kids[k] = Expr.leaf(rng.nextInt(3));
          }
          return Expr.op(op, kids).with("axis", axis());
        }
      case "indexSelect":
        return Expr.op(op, l0).with("axis", axis()).with("indices", ints(4, -2, 6));
      case "gather":
        {
          int[] is = rng.nextBoolean() ? leaves[0].shape() : randomShape();
          int[] idx = new int[Shape.numel(is)];
          for (int i = 0; i < idx.length; i++) {
            idx[i] = rng.nextInt(-1, 5);
          }
          return Expr.op(op, l0)
              .with("axis", axis())
              .with("index", Interpreter.json(IntTensor.of(idx, is)));
        }
      case "addScalar":
      case "subScalar":
      case "rsubScalar":
      case "mulScalar":
      case "divScalar":
      case "powScalar":
        return Expr.op(op, l0).with("c", rng.nextDouble(-3, 3));
      case "heaviside":
        return Expr.op(op, l0).with("value", rng.nextDouble());
      default:
        return Expr.op(op, l0); // unary ops: any shape is valid
    }
  }
}
