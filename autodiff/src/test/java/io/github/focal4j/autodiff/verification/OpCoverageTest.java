package io.github.focal4j.autodiff.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.focal4j.autodiff.Tensor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the verification complete: every public {@code Tensor} method is either an op of {@link
 * Interpreter} (and therefore gradient-checked, fuzzed and compared with PyTorch) or listed here as
 * not an op. A new op method fails this test until it is added to the interpreter, the case
 * generators and the golden script.
 */
class OpCoverageTest {

  /** Public Tensor methods, as {@code name(ParamTypes)}, mapped to interpreter op names. */
  static final Map<String, String> OP_METHODS =
      Map.ofEntries(
          Map.entry("add(Tensor)", "add"),
          Map.entry("add(double)", "addScalar"),
          Map.entry("sub(Tensor)", "sub"),
          Map.entry("sub(double)", "subScalar"),
          Map.entry("rsub(double)", "rsubScalar"),
          Map.entry("mul(Tensor)", "mul"),
          Map.entry("mul(double)", "mulScalar"),
          Map.entry("div(Tensor)", "div"),
          Map.entry("div(double)", "divScalar"),
          Map.entry("pow(Tensor)", "pow"),
          Map.entry("pow(double)", "powScalar"),
          Map.entry("maximum(Tensor)", "maximum"),
          Map.entry("minimum(Tensor)", "minimum"),
          Map.entry("where(Tensor,Tensor,Tensor)", "where"),
          Map.entry("neg()", "neg"),
          Map.entry("exp()", "exp"),
          Map.entry("log()", "log"),
          Map.entry("log1p()", "log1p"),
          Map.entry("sqrt()", "sqrt"),
          Map.entry("abs()", "abs"),
          Map.entry("tanh()", "tanh"),
          Map.entry("sigmoid()", "sigmoid"),
          Map.entry("logSigmoid()", "logSigmoid"),
          Map.entry("softplus()", "softplus"),
          Map.entry("relu()", "relu"),
          Map.entry("step()", "step"),
          Map.entry("clamp(double,double)", "clamp"),
          Map.entry("heaviside(double)", "heaviside"),
          Map.entry("sum()", "sum"),
          Map.entry("sum(int,boolean)", "sum"),
          Map.entry("mean()", "mean"),
          Map.entry("mean(int,boolean)", "mean"),
          Map.entry("max()", "max"),
          Map.entry("max(int,boolean)", "max"),
          Map.entry("logSumExp(int,boolean)", "logSumExp"),
          Map.entry("softmax(int)", "softmax"),
          Map.entry("logSoftmax(int)", "logSoftmax"),
          Map.entry("matmul(Tensor)", "matmul"),
          Map.entry("permute(int[])", "permute"),
          Map.entry("transpose(int,int)", "transpose"),
          Map.entry("reshape(int[])", "reshape"),
          Map.entry("unsqueeze(int)", "unsqueeze"),
          Map.entry("squeeze(int)", "squeeze"),
          Map.entry("slice(int,int,int)", "slice"),
          Map.entry("concat(int,Tensor[])", "concat"),
          Map.entry("stack(int,Tensor[])", "stack"),
          Map.entry("indexSelect(int,int[])", "indexSelect"),
          Map.entry("gather(int,IntTensor)", "gather"),
          Map.entry("dropout(double,RandomGenerator)", "dropout"),
          Map.entry("detach()", "detach"));

  /**
   * Public Tensor methods that are not differentiable ops (factories, accessors, the engine's
   * entries).
   */
  static final Set<String> NOT_OPS =
      Set.of(
          "of(double[])",
          "of(double[],int[])",
          "scalar(double)",
          "zeros(int[])",
          "ones(int[])",
          "full(double,int[])",
          "randn(RandomGenerator,int[])",
          "uniform(RandomGenerator,double,double,int[])",
          "fromOp(String,double[],int[],Backward,Tensor[])",
          "shape()",
          "size(int)",
          "rank()",
          "numel()",
          "op()",
          "item()",
          "get(int[])",
          "toArray()",
          "buffer()",
          "requiresGrad()",
          "requiresGrad(boolean)",
          "isLeaf()",
          "grad()",
          "gradBuffer()",
          "zeroGrad()",
          "replica()",
          "backward()",
          "backward(Tensor)",
          "toString()");

  @Test
  void everyPublicTensorMethodIsAnInterpretedOpOrListedAsNotAnOp() {
    Set<String> unknown = new TreeSet<>();
    for (Method m : Tensor.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers())) {
        continue;
      }
      String key =
          m.getName()
              + "("
              + Arrays.stream(m.getParameterTypes())
                  .map(Class::getSimpleName)
                  .collect(Collectors.joining(","))
              + ")";
      if (!OP_METHODS.containsKey(key) && !NOT_OPS.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      fail(
          "public Tensor methods neither mapped to an interpreter op nor listed as non-ops: "
              + unknown
              + " (add them to Interpreter, OpCases and tools/goldens/autodiff_goldens.py)");
    }
  }

  @Test
  void theInterpreterCoversExactlyTheOpMethods() {
    assertEquals(new TreeSet<>(new HashSet<>(OP_METHODS.values())), new TreeSet<>(Interpreter.OPS));
  }
}
