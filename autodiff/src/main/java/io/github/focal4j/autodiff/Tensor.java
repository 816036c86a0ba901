package io.github.focal4j.autodiff;

import io.github.focal4j.autodiff.ops.Abs;
import io.github.focal4j.autodiff.ops.Add;
import io.github.focal4j.autodiff.ops.Clamp;
import io.github.focal4j.autodiff.ops.Concat;
import io.github.focal4j.autodiff.ops.Div;
import io.github.focal4j.autodiff.ops.Dropout;
import io.github.focal4j.autodiff.ops.Exp;
import io.github.focal4j.autodiff.ops.Gather;
import io.github.focal4j.autodiff.ops.Heaviside;
import io.github.focal4j.autodiff.ops.IndexSelect;
import io.github.focal4j.autodiff.ops.Log;
import io.github.focal4j.autodiff.ops.Log1p;
import io.github.focal4j.autodiff.ops.LogSigmoid;
import io.github.focal4j.autodiff.ops.LogSoftmax;
import io.github.focal4j.autodiff.ops.LogSumExp;
import io.github.focal4j.autodiff.ops.MatMul;
import io.github.focal4j.autodiff.ops.Max;
import io.github.focal4j.autodiff.ops.Maximum;
import io.github.focal4j.autodiff.ops.Mean;
import io.github.focal4j.autodiff.ops.Minimum;
import io.github.focal4j.autodiff.ops.Mul;
import io.github.focal4j.autodiff.ops.Neg;
import io.github.focal4j.autodiff.ops.Permute;
import io.github.focal4j.autodiff.ops.Pow;
import io.github.focal4j.autodiff.ops.Relu;
import io.github.focal4j.autodiff.ops.Reshape;
import io.github.focal4j.autodiff.ops.Sigmoid;
import io.github.focal4j.autodiff.ops.Slice;
import io.github.focal4j.autodiff.ops.Softmax;
import io.github.focal4j.autodiff.ops.Softplus;
import io.github.focal4j.autodiff.ops.Sqrt;
import io.github.focal4j.autodiff.ops.Stack;
import io.github.focal4j.autodiff.ops.Sub;
import io.github.focal4j.autodiff.ops.Sum;
import io.github.focal4j.autodiff.ops.Tanh;
import io.github.focal4j.autodiff.ops.Where;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A dense, row-major, float64 tensor of rank 0 (a scalar) to {@link Shape#MAX_RANK}, and a node of the
 * reverse-mode autodiff graph.
 *
 * <p>Values are immutable from the user's point of view: every op returns a new tensor with its own storage,
 * and factories copy the arrays they are given, so no two tensors a user holds alias each other. A tensor
 * created by an op on inputs that {@link #requiresGrad() require grad} (outside a {@link NoGrad} scope)
 * remembers its inputs and a {@link Backward} function; {@link #backward()} walks that graph.
 *
 * <p>The fluent methods below are one-line entries to the op classes in {@code io.github.focal4j.autodiff.ops}
 * (one file per op family, each with its forward beside its backward). Binary elementwise ops broadcast like
 * NumPy; their gradients are summed back to each input's shape.
 *
 * <p>Not thread-safe for concurrent {@link #backward()} on graphs that share leaves; use
 * {@link Autograd#grad(Tensor, java.util.List)} per thread instead (it leaves {@link #grad()} untouched).
 */
public final class Tensor {

  private final double[] data;
  private final int[] shape;
  private final String op;

  // Autodiff state. Fields are package-private for the engine (Autograd).
  boolean requiresGrad;
  double[] grad;
  Tensor[] inputs;
  Backward backward;
  boolean released;
  long visit;

  private Tensor(String op, double[] data, int[] shape) {
    this.op = op;
    this.data = data;
    this.shape = shape;
  }

  // ---------------------------------------------------------------- factories

  /** A 1-D tensor holding a copy of {@code values}. */
  public static Tensor of(double... values) {
    return new Tensor("leaf", values.clone(), new int[] {values.length});
  }

  /**
   * A tensor of the given shape holding a copy of {@code values} (row-major).
   *
   * @throws IllegalArgumentException if {@code values.length} is not the shape's element count
   */
  public static Tensor of(double[] values, int... shape) {
    int[] s = Shape.checked("Tensor.of", shape);
    if (values.length != Shape.numel(s)) {
      throw new IllegalArgumentException("Tensor.of: " + values.length + " values do not fill shape "
          + Shape.format(s) + " (" + Shape.numel(s) + " elements)");
    }
    return new Tensor("leaf", values.clone(), s);
  }

  /** A 0-D tensor. */
  public static Tensor scalar(double value) {
    return new Tensor("leaf", new double[] {value}, new int[0]);
  }

  /** A tensor of zeros. */
  public static Tensor zeros(int... shape) {
    return full(0.0, shape);
  }

  /** A tensor of ones. */
  public static Tensor ones(int... shape) {
    return full(1.0, shape);
  }

  /** A tensor filled with {@code value}. */
  public static Tensor full(double value, int... shape) {
    int[] s = Shape.checked("Tensor.full", shape);
    double[] d = new double[Shape.numel(s)];
    Arrays.fill(d, value);
    return new Tensor("leaf", d, s);
  }

  /** Standard normal samples drawn from {@code rng}. */
  public static Tensor randn(RandomGenerator rng, int... shape) {
    int[] s = Shape.checked("Tensor.randn", shape);
    double[] d = new double[Shape.numel(s)];
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextGaussian();
    }
    return new Tensor("leaf", d, s);
  }

  /** Uniform samples in {@code [low, high)} drawn from {@code rng}. */
  public static Tensor uniform(RandomGenerator rng, double low, double high, int... shape) {
    int[] s = Shape.checked("Tensor.uniform", shape);
    double[] d = new double[Shape.numel(s)];
    for (int i = 0; i < d.length; i++) {
      d[i] = low + (high - low) * rng.nextDouble();
    }
    return new Tensor("leaf", d, s);
  }

  /**
   * The entry point for ops, built-in and custom: wraps an output computed by a forward pass and, when any
   * input requires grad and gradients are enabled, records the inputs and the backward function.
   *
   * <p>{@code data} becomes the tensor's storage without a copy: the op must have allocated it and must not
   * write to it afterwards. A custom op looks like this:
   *
   * <pre>{@code
   * static Tensor cube(Tensor x) {
   *   double[] xs = x.buffer();                        // saved context: the input values
   *   double[] ys = new double[xs.length];
   *   for (int i = 0; i < xs.length; i++) ys[i] = xs[i] * xs[i] * xs[i];
   *   return Tensor.fromOp("cube", ys, x.shape(), (g, grads) -> {
   *     double[] gx = grads[0];
   *     if (gx != null) for (int i = 0; i < xs.length; i++) gx[i] += g[i] * 3 * xs[i] * xs[i];
   *   }, x);
   * }
   * }</pre>
   *
   * @param op a short name used in messages and by {@link #op()}
   * @param data the output values, row-major; ownership passes to the tensor
   * @param shape the output shape (copied)
   * @param backward the backward function, following the {@link Backward} contract
   * @param inputs the tensors the output was computed from, in the order {@code backward} expects them
   * @throws IllegalArgumentException if {@code data.length} does not match {@code shape}
   */
  public static Tensor fromOp(String op, double[] data, int[] shape, Backward backward, Tensor... inputs) {
    int[] s = Shape.checked(op, shape);
    if (data.length != Shape.numel(s)) {
      throw new IllegalArgumentException(op + ": output has " + data.length + " values for shape "
          + Shape.format(s));
    }
    Tensor t = new Tensor(op, data, s);
    if (NoGrad.isGradEnabled()) {
      for (Tensor in : inputs) {
        if (in.requiresGrad) {
          t.requiresGrad = true;
          t.inputs = inputs.clone();
          t.backward = backward;
          break;
        }
      }
    }
    return t;
  }

  // ---------------------------------------------------------------- values

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** Size of dimension {@code axis} (negative counts from the end). */
  public int size(int axis) {
    return shape[Shape.axis("size", axis, shape)];
  }

  /** Rank: 0 for a scalar. */
  public int rank() {
    return shape.length;
  }

  /** Number of elements. */
  public int numel() {
    return data.length;
  }

  /** The op that produced this tensor ({@code "leaf"} for tensors made by factories). */
  public String op() {
    return op;
  }

  /** The only value of a one-element tensor. @throws IllegalStateException otherwise */
  public double item() {
    if (data.length != 1) {
      throw new IllegalStateException("item() needs a tensor with one element, shape is " + Shape.format(shape));
    }
    return data[0];
  }

  /** The value at a multi-index. @throws IllegalArgumentException for a wrong number of indices or a bad index */
  public double get(int... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException("get: " + index.length + " indices for shape " + Shape.format(shape));
    }
    int flat = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " out of range for shape "
            + Shape.format(shape));
      }
      flat = flat * shape[d] + index[d];
    }
    return data[flat];
  }

  /** A copy of the values, row-major. */
  public double[] toArray() {
    return data.clone();
  }

  /**
   * The backing array, for kernels (ops, fused losses, layers) that must read values without a copy, and for
   * optimizers that update leaf parameters in place between steps. Never write to it while a graph that uses
   * this tensor is alive; ordinary users want {@link #toArray()}.
   */
  public double[] buffer() {
    return data;
  }

  // ---------------------------------------------------------------- autodiff

  /** Whether gradients flow to this tensor. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /**
   * Marks a leaf as needing (or not) a gradient; returns {@code this} for chaining.
   *
   * @throws IllegalStateException on a non-leaf (its flag is decided by its inputs)
   */
  public Tensor requiresGrad(boolean value) {
    if (!isLeaf()) {
      throw new IllegalStateException("requiresGrad can only be set on a leaf; this tensor comes from '" + op + "'");
    }
    requiresGrad = value;
    return this;
  }

  /** {@code true} for tensors not produced by a recorded op (factories, {@link #detach()}, parameters). */
  public boolean isLeaf() {
    return inputs == null && !released;
  }

  /** The accumulated gradient of a leaf as a new tensor, or {@code null} if none has been computed. */
  public Tensor grad() {
    return grad == null ? null : new Tensor("grad", grad.clone(), shape.clone());
  }

  /**
   * The backing array of the accumulated gradient (or {@code null}), for optimizers. Same rules as
   * {@link #buffer()}.
   */
  public double[] gradBuffer() {
    return grad;
  }

  /** Drops the accumulated gradient (the next backward starts from zero). */
  public void zeroGrad() {
    grad = null;
  }

  /** A new leaf with a copy of these values and no graph: gradients stop here. */
  public Tensor detach() {
    return new Tensor("leaf", data.clone(), shape.clone());
  }

  /**
   * A new leaf that <em>shares</em> this tensor's storage but has its own gradient, for data-parallel
   * replicas of parameters (one per worker thread, gradients summed afterwards in a fixed order). The values
   * must not change while replicas are in use.
   */
  public Tensor replica() {
    Tensor t = new Tensor("leaf", data, shape.clone());
    t.requiresGrad = requiresGrad;
    return t;
  }

  /** Back-propagates from this scalar: accumulates d(this)/d(leaf) into every leaf's {@link #grad()}. */
  public void backward() {
    Autograd.backward(this);
  }

  /** Back-propagates a vector-Jacobian product: {@code gradOutput} has this tensor's shape. */
  public void backward(Tensor gradOutput) {
    Autograd.backward(this, gradOutput);
  }

  // ---------------------------------------------------------------- arithmetic (broadcasting)

  public Tensor add(Tensor other) {
    return Add.apply(this, other);
  }

  public Tensor add(double c) {
    return Add.apply(this, scalar(c));
  }

  public Tensor sub(Tensor other) {
    return Sub.apply(this, other);
  }

  public Tensor sub(double c) {
    return Sub.apply(this, scalar(c));
  }

  /** {@code c - this}. */
  public Tensor rsub(double c) {
    return Sub.apply(scalar(c), this);
  }

  public Tensor mul(Tensor other) {
    return Mul.apply(this, other);
  }

  public Tensor mul(double c) {
    return Mul.apply(this, scalar(c));
  }

  public Tensor div(Tensor other) {
    return Div.apply(this, other);
  }

  public Tensor div(double c) {
    return Div.apply(this, scalar(c));
  }

  public Tensor neg() {
    return Neg.apply(this);
  }

  /** {@code this ^ exponent}, elementwise. */
  public Tensor pow(double exponent) {
    return Pow.apply(this, exponent);
  }

  /** {@code this ^ exponent}, elementwise with broadcasting; differentiable in both. */
  public Tensor pow(Tensor exponent) {
    return Pow.apply(this, exponent);
  }

  public Tensor maximum(Tensor other) {
    return Maximum.apply(this, other);
  }

  public Tensor minimum(Tensor other) {
    return Minimum.apply(this, other);
  }

  /** Elementwise {@code mask != 0 ? a : b} with broadcasting over all three; {@code mask} gets no gradient. */
  public static Tensor where(Tensor mask, Tensor a, Tensor b) {
    return Where.apply(mask, a, b);
  }

  // ---------------------------------------------------------------- elementwise functions

  public Tensor exp() {
    return Exp.apply(this);
  }

  public Tensor log() {
    return Log.apply(this);
  }

  public Tensor log1p() {
    return Log1p.apply(this);
  }

  public Tensor sqrt() {
    return Sqrt.apply(this);
  }

  public Tensor abs() {
    return Abs.apply(this);
  }

  public Tensor tanh() {
    return Tanh.apply(this);
  }

  public Tensor sigmoid() {
    return Sigmoid.apply(this);
  }

  /** {@code log σ(x) = -softplus(-x)}, finite for every finite x. */
  public Tensor logSigmoid() {
    return LogSigmoid.apply(this);
  }

  /** {@code log(1 + e^x)} without overflow. */
  public Tensor softplus() {
    return Softplus.apply(this);
  }

  public Tensor relu() {
    return Relu.apply(this);
  }

  /** Clamps to {@code [min, max]}; the gradient passes where {@code min <= x <= max}. */
  public Tensor clamp(double min, double max) {
    return Clamp.apply(this, min, max);
  }

  /** Heaviside step: 1 where x &gt; 0, {@code valueAtZero} where x = 0, else 0. Its gradient is zero. */
  public Tensor heaviside(double valueAtZero) {
    return Heaviside.apply(this, valueAtZero);
  }

  /** {@link #heaviside(double) heaviside(0)}: 1 where x &gt; 0, else 0. */
  public Tensor step() {
    return Heaviside.apply(this, 0.0);
  }

  // ---------------------------------------------------------------- reductions

  public Tensor sum() {
    return Sum.apply(this);
  }

  public Tensor sum(int axis, boolean keepDim) {
    return Sum.apply(this, axis, keepDim);
  }

  public Tensor mean() {
    return Mean.apply(this);
  }

  public Tensor mean(int axis, boolean keepDim) {
    return Mean.apply(this, axis, keepDim);
  }

  /** Maximum over all elements; the gradient goes to the first maximal element. */
  public Tensor max() {
    return Max.apply(this);
  }

  /** Maximum along {@code axis}; the gradient goes to the first maximal element of each slice. */
  public Tensor max(int axis, boolean keepDim) {
    return Max.apply(this, axis, keepDim);
  }

  /** {@code log Σ exp(x)} along {@code axis}, shifted by the maximum. */
  public Tensor logSumExp(int axis, boolean keepDim) {
    return LogSumExp.apply(this, axis, keepDim);
  }

  public Tensor softmax(int axis) {
    return Softmax.apply(this, axis);
  }

  public Tensor logSoftmax(int axis) {
    return LogSoftmax.apply(this, axis);
  }

  // ---------------------------------------------------------------- linear algebra and shape

  /** Matrix product: [m,k]·[k,n], batched [b,m,k]·[b,k,n], or [b,m,k]·[k,n] (weight shared over b). */
  public Tensor matmul(Tensor other) {
    return MatMul.apply(this, other);
  }

  /** Reorders dimensions: output dimension i is input dimension {@code axes[i]}. */
  public Tensor permute(int... axes) {
    return Permute.apply(this, axes);
  }

  /** Swaps two dimensions. */
  public Tensor transpose(int axis0, int axis1) {
    return Permute.transpose(this, axis0, axis1);
  }

  /** Same values, new shape; one dimension may be -1 (inferred). */
  public Tensor reshape(int... newShape) {
    return Reshape.apply(this, newShape);
  }

  /** Inserts a dimension of size 1 at {@code axis}. */
  public Tensor unsqueeze(int axis) {
    return Reshape.unsqueeze(this, axis);
  }

  /** Removes dimension {@code axis}, which must have size 1. */
  public Tensor squeeze(int axis) {
    return Reshape.squeeze(this, axis);
  }

  /** Elements {@code [start, end)} along {@code axis}. */
  public Tensor slice(int axis, int start, int end) {
    return Slice.apply(this, axis, start, end);
  }

  /** Joins tensors along an existing axis. */
  public static Tensor concat(int axis, Tensor... tensors) {
    return Concat.apply(axis, tensors);
  }

  /** Joins same-shaped tensors along a new axis. */
  public static Tensor stack(int axis, Tensor... tensors) {
    return Stack.apply(axis, tensors);
  }

  /** Picks entries {@code indices} along {@code axis} (embedding lookup is {@code table.indexSelect(0, ids)}). */
  public Tensor indexSelect(int axis, int... indices) {
    return IndexSelect.apply(this, axis, indices);
  }

  /** {@code out[..i..] = this[..index[..i..]..]} along {@code axis}, as torch.gather; output has index's shape. */
  public Tensor gather(int axis, IntTensor index) {
    return Gather.apply(this, axis, index);
  }

  /**
   * Inverted dropout: zeroes each element with probability {@code p} and scales the rest by {@code 1/(1-p)}.
   * The mask comes from {@code rng}, so a seeded generator gives the same mask every run.
   */
  public Tensor dropout(double p, RandomGenerator rng) {
    return Dropout.apply(this, p, rng);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tensor(shape=").append(Shape.format(shape)).append(", op=").append(op);
    if (requiresGrad) {
      sb.append(", requiresGrad");
    }
    sb.append(", values=");
    int n = Math.min(data.length, 8);
    sb.append('[');
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(data[i]);
    }
    sb.append(data.length > n ? ", ...]" : "]").append(')');
    return sb.toString();
  }
}
