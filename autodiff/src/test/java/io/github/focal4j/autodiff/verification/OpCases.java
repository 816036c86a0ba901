package io.github.focal4j.autodiff.verification;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random <em>valid</em> inputs for every op of {@link Interpreter}: shapes of rank 0 to 4, NumPy
 * broadcasting combinations (equal shapes, a scalar on either side, rank differences, size-1
 * dimensions on one or both sides), axes counted from either end, {@code keepDim} both ways, and
 * values drawn from each op's domain and away from its kinks (where finite differences are
 * meaningless). About one binary case in five uses the same tensor on both sides ({@code x op x}).
 */
final class OpCases {

  /**
   * One generated case: the expression and its leaves (leaves that are constants do not require
   * grad).
   */
  record Case(String op, Expr expr, Tensor[] leaves) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(expr.toString()).append(" with leaves ");
      for (int i = 0; i < leaves.length; i++) {
        sb.append(i == 0 ? "" : ", ")
            .append(Shape.format(leaves[i].shape()))
            .append(leaves[i].requiresGrad() ? "" : "(const)");
      }
      return sb.toString();
    }

    /** Adds a numeric argument to the op node. */
    Case withArg(String key, double value) {
      expr.with(key, value);
      return this;
    }
  }

  private final SplittableRandom rng;

  OpCases(SplittableRandom rng) {
    this.rng = rng;
  }

  /** A random valid case of {@code op}. */
  Case sample(String op) {
    switch (op) {
      case "add":
      case "sub":
      case "mul":
        return binary(op, Domain.NORMAL, Domain.NORMAL);
      case "div":
        return binary(op, Domain.NORMAL, Domain.AWAY_FROM_ZERO);
      case "pow":
        return binary(op, Domain.POSITIVE, Domain.EXPONENT);
      case "maximum":
      case "minimum":
        return binaryDistinct(op);
      case "addScalar":
      case "subScalar":
      case "rsubScalar":
      case "mulScalar":
        return scalarOp(op, rng.nextDouble(-3, 3), Domain.NORMAL);
      case "divScalar":
        return scalarOp(op, sign() * rng.nextDouble(0.5, 2), Domain.NORMAL);
      case "powScalar":
        return powScalar();
      case "where":
        return where();
      case "neg":
      case "tanh":
      case "sigmoid":
      case "logSigmoid":
        return unary(op, Domain.NORMAL3);
      case "softplus":
        return unary(op, Domain.NORMAL3);
      case "exp":
        return unary(op, Domain.MODERATE);
      case "log":
      case "sqrt":
        return unary(op, Domain.POSITIVE);
      case "log1p":
        return unary(op, Domain.ABOVE_MINUS_ONE);
      case "abs":
      case "relu":
      case "step":
        return unary(op, Domain.AWAY_FROM_ZERO);
      case "heaviside":
        return unary(op, Domain.AWAY_FROM_ZERO).withArg("value", rng.nextDouble());
      case "clamp":
        return clamp();
      case "sum":
      case "mean":
        return reduction(op, Domain.NORMAL, true);
      case "max":
        return reduction(op, Domain.DISTINCT, true);
      case "logSumExp":
        return reduction(op, Domain.NORMAL3, false);
      case "softmax":
      case "logSoftmax":
        return softmax(op);
      case "matmul":
        return matmul();
      case "permute":
        return permute();
      case "transpose":
        return transpose();
      case "reshape":
        return reshape();
      case "unsqueeze":
        return unsqueeze();
      case "squeeze":
        return squeeze();
      case "slice":
        return slice();
      case "concat":
        return concat();
      case "stack":
        return stack();
      case "indexSelect":
        return indexSelect();
      case "gather":
        return gather();
      case "dropout":
        return dropout();
      default:
        throw new IllegalArgumentException("no case generator for op '" + op + "'");
    }
  }

  // ---------------------------------------------------------------- value domains

  enum Domain {
    NORMAL,
    NORMAL3,
    MODERATE,
    POSITIVE,
    ABOVE_MINUS_ONE,
    AWAY_FROM_ZERO,
    EXPONENT,
    DISTINCT
  }

  double[] values(Domain d, int n) {
    double[] v = new double[n];
    if (d == Domain.DISTINCT) {
      // A shuffled grid 0.1 apart plus small jitter: all values distinct, far apart relative to
      // eps.
      int[] order = permutation(n);
      for (int i = 0; i < n; i++) {
        v[order[i]] = (i - n / 2.0) * 0.1 + rng.nextDouble(0, 0.02);
      }
      return v;
    }
    for (int i = 0; i < n; i++) {
      v[i] =
          switch (d) {
            case NORMAL -> rng.nextDouble(-2, 2);
            case NORMAL3 -> rng.nextDouble(-6, 6);
            case MODERATE -> rng.nextDouble(-3, 3);
            case POSITIVE -> rng.nextDouble(0.2, 3);
            case ABOVE_MINUS_ONE -> rng.nextDouble(-0.8, 3);
            case AWAY_FROM_ZERO -> sign() * rng.nextDouble(0.05, 2);
            case EXPONENT -> rng.nextDouble(-2, 2);
            case DISTINCT -> throw new AssertionError();
          };
    }
    return v;
  }

  /** A uniformly random permutation of 0..n-1. */
  int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private double sign() {
    return rng.nextBoolean() ? 1.0 : -1.0;
  }

  Tensor leaf(Domain d, int[] shape) {
    return Tensor.of(values(d, Shape.numel(shape)), shape).requiresGrad(true);
  }

  // ---------------------------------------------------------------- shapes

  /** A shape of rank in [minRank, maxRank], every dimension in [1, 3]. */
  int[] shape(int minRank, int maxRank) {
    int r = rng.nextInt(minRank, maxRank + 1);
    int[] s = new int[r];
    for (int i = 0; i < r; i++) {
      s[i] = rng.nextInt(1, 4);
    }
    return s;
  }

  /** An axis of a rank-r shape, counted from the front or (half the time) from the end. */
  int axis(int rank) {
    int a = rng.nextInt(rank);
    return rng.nextBoolean() ? a : a - rank;
  }

  /**
   * Two shapes that broadcast together. Kinds, equally likely: equal; a scalar on one side; a rank
   * difference; size-1 dimensions on one side; size-1 dimensions on both sides ([3,1] with [1,4]).
   */
  int[][] broadcastPair() {
    int[] out = shape(1, 4);
    int kind = rng.nextInt(5);
    int[] a = out.clone();
    int[] b = out.clone();
    switch (kind) {
      case 0 -> {}
      case 1 -> b = rng.nextBoolean() ? new int[0] : ones(rng.nextInt(0, out.length + 1));
      case 2 -> b = Arrays.copyOfRange(out, rng.nextInt(1, out.length + 1), out.length);
      case 3 -> b = withOnes(b);
      default -> {
        a = withOnes(a);
        b = withOnes(Arrays.copyOfRange(b, rng.nextInt(0, b.length), b.length));
      }
    }
    return rng.nextBoolean() ? new int[][] {a, b} : new int[][] {b, a};
  }

  private int[] withOnes(int[] s) {
    int[] t = s.clone();
    for (int i = 0; i < t.length; i++) {
      if (rng.nextInt(5) < 2) {
        t[i] = 1;
      }
    }
    return t;
  }

  private static int[] ones(int rank) {
    int[] s = new int[rank];
    Arrays.fill(s, 1);
    return s;
  }

  // ---------------------------------------------------------------- cases

  private Case binary(String op, Domain da, Domain db) {
    if (rng.nextInt(5) == 0) {
      // x op x: the same tensor feeds both inputs; its gradient is the sum of both partials.
      Domain d = op.equals("div") || op.equals("pow") ? Domain.POSITIVE : da;
      Tensor x = leaf(d, shape(0, 4));
      return new Case(op, Expr.op(op, Expr.leaf(0), Expr.leaf(0)), new Tensor[] {x});
    }
    int[][] s = broadcastPair();
    return new Case(
        op, Expr.op(op, Expr.leaf(0), Expr.leaf(1)), new Tensor[] {leaf(da, s[0]), leaf(db, s[1])});
  }

  private Case binaryDistinct(String op) {
    if (rng.nextInt(5) == 0) {
      // maximum(x, x): a tie everywhere, each side gets half: the total gradient is exactly 1.
      Tensor x = leaf(Domain.NORMAL, shape(0, 4));
      return new Case(op, Expr.op(op, Expr.leaf(0), Expr.leaf(0)), new Tensor[] {x});
    }
    int[][] s = broadcastPair();
    int na = Shape.numel(s[0]);
    double[] all = values(Domain.DISTINCT, na + Shape.numel(s[1]));
    Tensor a = Tensor.of(Arrays.copyOfRange(all, 0, na), s[0]).requiresGrad(true);
    Tensor b = Tensor.of(Arrays.copyOfRange(all, na, all.length), s[1]).requiresGrad(true);
    return new Case(op, Expr.op(op, Expr.leaf(0), Expr.leaf(1)), new Tensor[] {a, b});
  }

  private Case scalarOp(String op, double c, Domain d) {
    return new Case(
        op, Expr.op(op, Expr.leaf(0)).with("c", c), new Tensor[] {leaf(d, shape(0, 4))});
  }

  private Case powScalar() {
    int[] s = shape(0, 4);
    double e;
    Domain d;
    switch (rng.nextInt(4)) {
      case 0 -> {
        e = rng.nextInt(0, 4);
        d = Domain.NORMAL;
      } // integer exponent: any base, 0 included
      case 1 -> {
        e = -rng.nextInt(1, 3);
        d = Domain.AWAY_FROM_ZERO;
      } // negative integer: base away from 0
      case 2 -> {
        e = rng.nextDouble(-2, 3);
        d = Domain.POSITIVE;
      } // fractional: positive base
      default -> {
        e = 0.5 * rng.nextInt(-3, 6);
        d = Domain.POSITIVE;
      }
    }
    return new Case(
        "powScalar", Expr.op("powScalar", Expr.leaf(0)).with("c", e), new Tensor[] {leaf(d, s)});
  }

  private Case where() {
    int[][] ab = broadcastPair();
    int[] out = Shape.broadcast("where", ab[0], ab[1]);
    int[] ms =
        rng.nextBoolean()
            ? out
            : withOnes(Arrays.copyOfRange(out, rng.nextInt(0, out.length + 1), out.length));
    double[] m = new double[Shape.numel(ms)];
    for (int i = 0; i < m.length; i++) {
      m[i] = rng.nextBoolean() ? 1.0 : 0.0;
    }
    Tensor mask = Tensor.of(m, ms);
    if (rng.nextInt(5) == 0) {
      Tensor x = leaf(Domain.NORMAL, out);
      return new Case(
          "where",
          Expr.op("where", Expr.leaf(0), Expr.leaf(1), Expr.leaf(1)),
          new Tensor[] {mask, x});
    }
    return new Case(
        "where",
        Expr.op("where", Expr.leaf(0), Expr.leaf(1), Expr.leaf(2)),
        new Tensor[] {mask, leaf(Domain.NORMAL, ab[0]), leaf(Domain.NORMAL, ab[1])});
  }

  private Case unary(String op, Domain d) {
    return new Case(op, Expr.op(op, Expr.leaf(0)), new Tensor[] {leaf(d, shape(0, 4))});
  }

  private Case clamp() {
    double lo = rng.nextDouble(-1.5, 0.5);
    double hi = lo + rng.nextDouble(0, 1.5);
    int[] s = shape(0, 4);
    double[] v = values(Domain.NORMAL, Shape.numel(s));
    for (int i = 0; i < v.length; i++) {
      // Keep away from the bounds: the derivative jumps there.
      if (Math.abs(v[i] - lo) < 0.01 || Math.abs(v[i] - hi) < 0.01) {
        v[i] += 0.05;
      }
    }
    return new Case(
        "clamp",
        Expr.op("clamp", Expr.leaf(0)).with("min", lo).with("max", hi),
        new Tensor[] {Tensor.of(v, s).requiresGrad(true)});
  }

  private Case reduction(String op, Domain d, boolean allowAll) {
    if (allowAll && rng.nextInt(3) == 0) {
      return new Case(op, Expr.op(op, Expr.leaf(0)), new Tensor[] {leaf(d, shape(0, 4))});
    }
    int[] s = shape(1, 4);
    Expr e =
        Expr.op(op, Expr.leaf(0)).with("axis", axis(s.length)).with("keepDim", rng.nextBoolean());
    return new Case(op, e, new Tensor[] {leaf(d, s)});
  }

  private Case softmax(String op) {
    int[] s = shape(1, 4);
    return new Case(
        op,
        Expr.op(op, Expr.leaf(0)).with("axis", axis(s.length)),
        new Tensor[] {leaf(Domain.NORMAL3, s)});
  }

  private Case matmul() {
    int m = rng.nextInt(1, 5);
    int k = rng.nextInt(1, 5);
    int n = rng.nextInt(1, 5);
    int b = rng.nextInt(1, 4);
    Expr e = Expr.op("matmul", Expr.leaf(0), Expr.leaf(1));
    return switch (rng.nextInt(4)) {
      case 0 ->
          new Case(
              "matmul",
              e,
              new Tensor[] {
                leaf(Domain.NORMAL, new int[] {m, k}), leaf(Domain.NORMAL, new int[] {k, n})
              });
      case 1 ->
          new Case(
              "matmul",
              e,
              new Tensor[] {
                leaf(Domain.NORMAL, new int[] {b, m, k}), leaf(Domain.NORMAL, new int[] {b, k, n})
              });
      case 2 ->
          new Case(
              "matmul",
              e,
              new Tensor[] {
                leaf(Domain.NORMAL, new int[] {b, m, k}), leaf(Domain.NORMAL, new int[] {k, n})
              });
      default -> {
        // x·x: the same square (or batch of square) matrix on both sides.
        int[] s = rng.nextBoolean() ? new int[] {n, n} : new int[] {b, n, n};
        yield new Case(
            "matmul",
            Expr.op("matmul", Expr.leaf(0), Expr.leaf(0)),
            new Tensor[] {leaf(Domain.NORMAL, s)});
      }
    };
  }

  private Case permute() {
    int[] s = shape(0, 4);
    int[] perm = permutation(s.length);
    for (int i = 0; i < perm.length; i++) {
      if (rng.nextBoolean()) {
        perm[i] -= perm.length; // the same axis counted from the end
      }
    }
    return new Case(
        "permute",
        Expr.op("permute", Expr.leaf(0)).with("axes", perm),
        new Tensor[] {leaf(Domain.NORMAL, s)});
  }

  private Case transpose() {
    int[] s = shape(1, 4);
    return new Case(
        "transpose",
        Expr.op("transpose", Expr.leaf(0))
            .with("axis0", axis(s.length))
            .with("axis1", axis(s.length)),
        new Tensor[] {leaf(Domain.NORMAL, s)});
  }

  private Case reshape() {
    int[] s = shape(0, 4);
    int n = Shape.numel(s);
    // Split n into a random number of factors (1s allowed), then maybe replace one by -1.
    int rank = rng.nextInt(0, 5);
    if (rank == 0 && n != 1) {
      rank = 1;
    }
    int[] t = new int[rank];
    int rest = n;
    for (int i = 0; i < rank - 1; i++) {
      int f = smallDivisor(rest);
      t[i] = f;
      rest /= f;
    }
    if (rank > 0) {
      t[rank - 1] = rest;
    }
    int[] order = permutation(rank);
    int[] shuffled = new int[rank];
    for (int i = 0; i < rank; i++) {
      shuffled[order[i]] = t[i];
    }
    t = shuffled;
    if (rank > 0 && rng.nextBoolean()) {
      t[rng.nextInt(rank)] = -1;
    }
    return new Case(
        "reshape",
        Expr.op("reshape", Expr.leaf(0)).with("shape", t),
        new Tensor[] {leaf(Domain.NORMAL, s)});
  }

  private int smallDivisor(int n) {
    int[] candidates = {1, 2, 3};
    for (int tries = 0; tries < 6; tries++) {
      int f = candidates[rng.nextInt(candidates.length)];
      if (n % f == 0) {
        return f;
      }
    }
    return 1;
  }

  private Case unsqueeze() {
    int[] s = shape(0, 3);
    int a = rng.nextInt(0, s.length + 1);
    if (rng.nextBoolean()) {
      a -= s.length + 1;
    }
    return new Case(
        "unsqueeze",
        Expr.op("unsqueeze", Expr.leaf(0)).with("axis", a),
        new Tensor[] {leaf(Domain.NORMAL, s)});
  }

  private Case squeeze() {
    int[] s = shape(1, 4);
    int a = rng.nextInt(s.length);
    s[a] = 1;
    int axis = rng.nextBoolean() ? a : a - s.length;
    return new Case(
        "squeeze",
        Expr.op("squeeze", Expr.leaf(0)).with("axis", axis),
        new Tensor[] {leaf(Domain.NORMAL, s)});
  }

  private Case slice() {
    int[] s = shape(1, 4);
    int ax = axis(s.length);
    int size = s[ax < 0 ? ax + s.length : ax];
    int start = rng.nextInt(0, size + 1);
    int end = rng.nextInt(start, size + 1);
    return new Case(
        "slice",
        Expr.op("slice", Expr.leaf(0)).with("axis", ax).with("start", start).with("end", end),
        new Tensor[] {leaf(Domain.NORMAL, s)});
  }

  private Case concat() {
    int[] base = shape(1, 4);
    int ax = axis(base.length);
    int a = ax < 0 ? ax + base.length : ax;
    return join(
        "concat",
        ax,
        () -> {
          int[] s = base.clone();
          s[a] = rng.nextInt(1, 4); // parts differ along the axis
          return s;
        });
  }

  private Case stack() {
    int[] s = shape(0, 3);
    int a = rng.nextInt(0, s.length + 1);
    return join("stack", rng.nextBoolean() ? a - s.length - 1 : a, () -> s);
  }

  /** 1 to 3 parts of the given shapes, or (one case in five) the same tensor twice. */
  private Case join(String op, int axis, java.util.function.Supplier<int[]> partShape) {
    if (rng.nextInt(5) == 0) {
      Tensor x = leaf(Domain.NORMAL, partShape.get());
      return new Case(
          op, Expr.op(op, Expr.leaf(0), Expr.leaf(0)).with("axis", axis), new Tensor[] {x});
    }
    int count = rng.nextInt(1, 4);
    Tensor[] leaves = new Tensor[count];
    Expr[] kids = new Expr[count];
    for (int t = 0; t < count; t++) {
      leaves[t] = leaf(Domain.NORMAL, partShape.get());
      kids[t] = Expr.leaf(t);
    }
    return new Case(op, Expr.op(op, kids).with("axis", axis), leaves);
  }

  private Case indexSelect() {
    int[] s = shape(1, 4);
    int ax = axis(s.length);
    int size = s[ax < 0 ? ax + s.length : ax];
    int[] idx = new int[rng.nextInt(0, 5)];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = rng.nextInt(size); // repeats allowed: their gradients add up
    }
    return new Case(
        "indexSelect",
        Expr.op("indexSelect", Expr.leaf(0)).with("axis", ax).with("indices", idx),
        new Tensor[] {leaf(Domain.NORMAL, s)});
  }

  private Case gather() {
    int[] s = shape(1, 4);
    int ax = axis(s.length);
    int a = ax < 0 ? ax + s.length : ax;
    int[] is = s.clone();
    is[a] = rng.nextInt(1, 4);
    int[] idx = new int[Shape.numel(is)];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = rng.nextInt(s[a]);
    }
    IntTensor index = IntTensor.of(idx, is);
    return new Case(
        "gather",
        Expr.op("gather", Expr.leaf(0)).with("axis", ax).with("index", Interpreter.json(index)),
        new Tensor[] {leaf(Domain.NORMAL, s)});
  }

  private Case dropout() {
    double p = rng.nextInt(3) == 0 ? 0.0 : rng.nextDouble(0, 0.9);
    return new Case(
        "dropout",
        Expr.op("dropout", Expr.leaf(0)).with("p", p).with("seed", rng.nextInt(1000)),
        new Tensor[] {leaf(Domain.NORMAL, shape(0, 4))});
  }
}
