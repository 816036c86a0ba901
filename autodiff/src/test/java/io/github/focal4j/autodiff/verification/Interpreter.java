package io.github.focal4j.autodiff.verification;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Evaluates an {@link Expr} with the public {@code Tensor} methods, one op name per method (scalar
 * overloads get a {@code Scalar} suffix). The golden script's {@code OPS} table mirrors this
 * switch; {@link #OPS} lists the names so coverage tests can compare.
 */
final class Interpreter {

  /** Every op name this interpreter understands. */
  static final Set<String> OPS =
      Set.of(
          "add",
          "sub",
          "mul",
          "div",
          "pow",
          "maximum",
          "minimum",
          "addScalar",
          "subScalar",
          "rsubScalar",
          "mulScalar",
          "divScalar",
          "powScalar",
          "where",
          "neg",
          "exp",
          "log",
          "log1p",
          "sqrt",
          "abs",
          "tanh",
          "sigmoid",
          "logSigmoid",
          "softplus",
          "relu",
          "step",
          "clamp",
          "heaviside",
          "sum",
          "mean",
          "max",
          "logSumExp",
          "softmax",
          "logSoftmax",
          "matmul",
          "permute",
          "transpose",
          "reshape",
          "unsqueeze",
          "squeeze",
          "slice",
          "concat",
          "stack",
          "indexSelect",
          "gather",
          "dropout",
          "detach");

  private Interpreter() {}

  /** Evaluates {@code e}; leaf i is {@code leaves[i]} (the same object each time it appears). */
  static Tensor eval(Expr e, Tensor[] leaves) {
    if (e.isLeaf()) {
      return leaves[e.leafIndex()];
    }
    List<Expr> ch = e.children();
    Tensor[] in = new Tensor[ch.size()];
    for (int i = 0; i < in.length; i++) {
      in[i] = eval(ch.get(i), leaves);
    }
    return apply(e, in);
  }

  private static Tensor apply(Expr e, Tensor[] in) {
    String op = e.op();
    switch (op) {
      case "add":
        return in[0].add(in[1]);
      case "sub":
        return in[0].sub(in[1]);
      case "mul":
        return in[0].mul(in[1]);
      case "div":
        return in[0].div(in[1]);
      case "pow":
        return in[0].pow(in[1]);
      case "maximum":
        return in[0].maximum(in[1]);
      case "minimum":
        return in[0].minimum(in[1]);
      case "addScalar":
        return in[0].add(e.doubleArg("c"));
      case "subScalar":
        return in[0].sub(e.doubleArg("c"));
      case "rsubScalar":
        return in[0].rsub(e.doubleArg("c"));
      case "mulScalar":
        return in[0].mul(e.doubleArg("c"));
      case "divScalar":
        return in[0].div(e.doubleArg("c"));
      case "powScalar":
        return in[0].pow(e.doubleArg("c"));
      case "where":
        return Tensor.where(in[0], in[1], in[2]);
      case "neg":
        return in[0].neg();
      case "exp":
        return in[0].exp();
      case "log":
        return in[0].log();
      case "log1p":
        return in[0].log1p();
      case "sqrt":
        return in[0].sqrt();
      case "abs":
        return in[0].abs();
      case "tanh":
        return in[0].tanh();
      case "sigmoid":
        return in[0].sigmoid();
      case "logSigmoid":
        return in[0].logSigmoid();
      case "softplus":
        return in[0].softplus();
      case "relu":
        return in[0].relu();
      case "step":
        return in[0].step();
      case "clamp":
        return in[0].clamp(e.doubleArg("min"), e.doubleArg("max"));
      case "heaviside":
        return in[0].heaviside(e.doubleArg("value"));
      case "sum":
        return e.has("axis") ? in[0].sum(e.intArg("axis"), e.boolArg("keepDim")) : in[0].sum();
      case "mean":
        return e.has("axis") ? in[0].mean(e.intArg("axis"), e.boolArg("keepDim")) : in[0].mean();
      case "max":
        return e.has("axis") ? in[0].max(e.intArg("axis"), e.boolArg("keepDim")) : in[0].max();
      case "logSumExp":
        return in[0].logSumExp(e.intArg("axis"), e.boolArg("keepDim"));
      case "softmax":
        return in[0].softmax(e.intArg("axis"));
      case "logSoftmax":
        return in[0].logSoftmax(e.intArg("axis"));
      case "matmul":
        return in[0].matmul(in[1]);
      case "permute":
        return in[0].permute(e.intsArg("axes"));
      case "transpose":
        return in[0].transpose(e.intArg("axis0"), e.intArg("axis1"));
      case "reshape":
        return in[0].reshape(e.intsArg("shape"));
      case "unsqueeze":
        return in[0].unsqueeze(e.intArg("axis"));
      case "squeeze":
        return in[0].squeeze(e.intArg("axis"));
      case "slice":
        return in[0].slice(e.intArg("axis"), e.intArg("start"), e.intArg("end"));
      case "concat":
        return Tensor.concat(e.intArg("axis"), in);
      case "stack":
        return Tensor.stack(e.intArg("axis"), in);
      case "indexSelect":
        return in[0].indexSelect(e.intArg("axis"), e.intsArg("indices"));
      case "gather":
        return in[0].gather(e.intArg("axis"), intTensor(e.objectArg("index")));
      case "dropout":
        return in[0].dropout(e.doubleArg("p"), new SplittableRandom(e.intArg("seed")));
      case "detach":
        return in[0].detach();
      default:
        throw new IllegalStateException("unknown op '" + op + "' in " + e);
    }
  }

  /** {@code {"shape": [...], "data": [...]}} as an IntTensor. */
  static IntTensor intTensor(JsonObject o) {
    return IntTensor.of(ints(o.getAsJsonArray("data")), ints(o.getAsJsonArray("shape")));
  }

  /** {@code {"shape": [...], "data": [...]}} as a Tensor. */
  static Tensor tensor(JsonObject o) {
    JsonArray d = o.getAsJsonArray("data");
    double[] v = new double[d.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = parseDouble(d.get(i));
    }
    return Tensor.of(v, ints(o.getAsJsonArray("shape")));
  }

  /** A JSON number, or one of the strings "inf", "-inf", "nan" (JSON has no literal for them). */
  static double parseDouble(com.google.gson.JsonElement e) {
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      switch (e.getAsString()) {
        case "inf":
          return Double.POSITIVE_INFINITY;
        case "-inf":
          return Double.NEGATIVE_INFINITY;
        case "nan":
          return Double.NaN;
        default:
          throw new IllegalStateException("not a number: " + e);
      }
    }
    return e.getAsDouble();
  }

  static int[] ints(JsonArray a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsInt();
    }
    return out;
  }

  /** JSON form of an IntTensor argument. */
  static JsonObject json(IntTensor t) {
    JsonObject o = new JsonObject();
    JsonArray shape = new JsonArray();
    for (int d : t.shape()) {
      shape.add(d);
    }
    JsonArray data = new JsonArray();
    for (int v : t.toArray()) {
      data.add(v);
    }
    o.add("shape", shape);
    o.add("data", data);
    return o;
  }
}
