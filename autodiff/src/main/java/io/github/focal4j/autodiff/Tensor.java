package io.github.focal4j.autodiff;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A dense, row-major, float64 tensor of rank 0 (a scalar) to {@link Shape#MAX_RANK}, and a node of
 * the reverse-mode autodiff graph.
 *
 * <p>Values are immutable from the user's point of view: every op returns a new tensor with its own
 * storage, and factories copy the arrays they are given, so no two tensors a user holds alias each
 * other. A tensor created by an op on inputs that {@link #requiresGrad() require grad} (outside a
 * {@link NoGrad} scope) remembers its inputs and a {@link Backward} function; {@link #backward()}
 * walks that graph.
 *
 * <p>The fluent methods below are one-line entries to the package-private op classes beside this
 * one (one file per op family, each with its forward beside its backward; the short unary ops share
 * {@code Unary}). This class is the only way in: the ops are not API. Binary elementwise ops
 * broadcast like NumPy; their gradients are summed back to each input's shape.
 *
 * <p>Not thread-safe for concurrent {@link #backward()} on graphs that share leaves; use {@link
 * Autograd#grad(Tensor, java.util.List)} per thread instead (it leaves {@link #grad()} untouched).
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
  //
  // Factories make leaves that do not require grad (call requiresGrad(true) for parameters). Those
  // taking a
  // shape throw IllegalArgumentException, naming the factory, for a rank above Shape.MAX_RANK, a
  // negative
  // dimension, or more than 2^31-1 elements.

  /** A 1-D tensor holding a copy of {@code values} (possibly empty: shape {@code [0]}). */
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
      throw new IllegalArgumentException(
          "Tensor.of: "
              + values.length
              + " values do not fill shape "
              + Shape.format(s)
              + " ("
              + Shape.numel(s)
              + " elements)");
    }
    return new Tensor("leaf", values.clone(), s);
  }

  /** A 0-D tensor (shape {@code []}) holding {@code value}. */
  public static Tensor scalar(double value) {
    return new Tensor("leaf", new double[] {value}, new int[0]);
  }

  /** A tensor of zeros of the given shape ({@code zeros()} is 0-D). */
  public static Tensor zeros(int... shape) {
    return full(0.0, shape);
  }

  /** A tensor of ones of the given shape. */
  public static Tensor ones(int... shape) {
    return full(1.0, shape);
  }

  /** A tensor of the given shape filled with {@code value}. */
  public static Tensor full(double value, int... shape) {
    int[] s = Shape.checked("Tensor.full", shape);
    double[] d = new double[Shape.numel(s)];
    Arrays.fill(d, value);
    return new Tensor("leaf", d, s);
  }

  /** Standard normal samples, one {@code rng.nextGaussian()} per element in row-major order. */
  public static Tensor randn(RandomGenerator rng, int... shape) {
    int[] s = Shape.checked("Tensor.randn", shape);
    double[] d = new double[Shape.numel(s)];
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextGaussian();
    }
    return new Tensor("leaf", d, s);
  }

  /**
   * Uniform samples {@code low + (high − low)·rng.nextDouble()}, one per element in row-major
   * order.
   */
  public static Tensor uniform(RandomGenerator rng, double low, double high, int... shape) {
    int[] s = Shape.checked("Tensor.uniform", shape);
    double[] d = new double[Shape.numel(s)];
    for (int i = 0; i < d.length; i++) {
      d[i] = low + (high - low) * rng.nextDouble();
    }
    return new Tensor("leaf", d, s);
  }

  /**
   * The entry point for ops, built-in and custom: wraps an output computed by a forward pass and,
   * when any input requires grad and gradients are enabled, records the inputs and the backward
   * function.
   *
   * <p>{@code data} becomes the tensor's storage without a copy: the op must have allocated it and
   * must not write to it afterwards. A custom op looks like this:
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
   * @param inputs the tensors the output was computed from, in the order {@code backward} expects
   *     them
   * @throws IllegalArgumentException if {@code data.length} does not match {@code shape}
   */
  public static Tensor fromOp(
      String op, double[] data, int[] shape, Backward backward, Tensor... inputs) {
    int[] s = Shape.checked(op, shape);
    if (data.length != Shape.numel(s)) {
      throw new IllegalArgumentException(
          op + ": output has " + data.length + " values for shape " + Shape.format(s));
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

  /**
   * Size of dimension {@code axis} (negative counts from the end).
   *
   * @throws IllegalArgumentException for an axis out of range
   */
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
      throw new IllegalStateException(
          "item() needs a tensor with one element, shape is " + Shape.format(shape));
    }
    return data[0];
  }

  /**
   * The value at a multi-index. @throws IllegalArgumentException for a wrong number of indices or a
   * bad index
   */
  public double get(int... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "get: " + index.length + " indices for shape " + Shape.format(shape));
    }
    int flat = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IllegalArgumentException(
            "get: index "
                + Arrays.toString(index)
                + " out of range for shape "
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
   * The backing array, for kernels (ops, fused losses, layers) that must read values without a
   * copy, and for optimizers that update leaf parameters in place between steps. Never write to it
   * while a graph that uses this tensor is alive; ordinary users want {@link #toArray()}.
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
      throw new IllegalStateException(
          "requiresGrad can only be set on a leaf; this tensor comes from '" + op + "'");
    }
    requiresGrad = value;
    return this;
  }

  /**
   * {@code true} for tensors not produced by a recorded op (factories, {@link #detach()},
   * parameters).
   */
  public boolean isLeaf() {
    return inputs == null && !released;
  }

  /**
   * The accumulated gradient of a leaf as a new tensor, or {@code null} if none has been computed.
   */
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
   * A new leaf that <em>shares</em> this tensor's storage but has its own gradient, for
   * data-parallel replicas of parameters (one per worker thread, gradients summed afterwards in a
   * fixed order). The values must not change while replicas are in use.
   */
  public Tensor replica() {
    Tensor t = new Tensor("leaf", data, shape.clone());
    t.requiresGrad = requiresGrad;
    return t;
  }

  /**
   * Back-propagates from this one-element tensor: adds d(this)/d(leaf) into the {@link #grad()} of
   * every leaf that requires grad, visiting each graph node once (iteratively: any depth), then
   * releases the graph.
   *
   * @throws IllegalArgumentException if this tensor has more than one element (use {@link
   *     #backward(Tensor)})
   * @throws IllegalStateException if this tensor does not require grad, or its graph was already
   *     back-propagated (each graph supports one pass)
   */
  public void backward() {
    Autograd.backward(this);
  }

  /**
   * Back-propagates the vector-Jacobian product with {@code gradOutput} (dL/d(this), this tensor's
   * shape), accumulating into leaves' gradients as {@link #backward()} does.
   *
   * @throws IllegalArgumentException if {@code gradOutput}'s shape differs from this shape
   * @throws IllegalStateException as {@link #backward()}
   */
  public void backward(Tensor gradOutput) {
    Autograd.backward(this, gradOutput);
  }

  // ---------------------------------------------------------------- arithmetic (broadcasting)
  //
  // Binary ops broadcast like NumPy: shapes are aligned on the right and each pair of dimensions
  // must be equal
  // or contain a 1; the output has the broadcast shape and each input's gradient is summed back to
  // its own
  // shape. A shape mismatch throws IllegalArgumentException naming the op and both shapes.

  /**
   * {@code this + other}, elementwise with broadcasting. Gradient: 1 to each side.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast
   */
  public Tensor add(Tensor other) {
    return Add.apply(this, other);
  }

  /** {@code this + c}, elementwise; same shape as this. */
  public Tensor add(double c) {
    return Add.apply(this, scalar(c));
  }

  /**
   * {@code this − other}, elementwise with broadcasting. Gradient: 1 and −1.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast
   */
  public Tensor sub(Tensor other) {
    return Sub.apply(this, other);
  }

  /** {@code this − c}, elementwise; same shape as this. */
  public Tensor sub(double c) {
    return Sub.apply(this, scalar(c));
  }

  /** {@code c − this}, elementwise; same shape as this. */
  public Tensor rsub(double c) {
    return Sub.apply(scalar(c), this);
  }

  /**
   * {@code this · other}, elementwise with broadcasting. Gradient: {@code other} and {@code this}.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast
   */
  public Tensor mul(Tensor other) {
    return Mul.apply(this, other);
  }

  /** {@code this · c}, elementwise; same shape as this. */
  public Tensor mul(double c) {
    return Mul.apply(this, scalar(c));
  }

  /**
   * {@code this / other}, elementwise with broadcasting, IEEE semantics (x/0 is ±∞ or NaN).
   * Gradient: {@code 1/other} and {@code −this/other²}.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast
   */
  public Tensor div(Tensor other) {
    return Div.apply(this, other);
  }

  /** {@code this / c}, elementwise; same shape as this. */
  public Tensor div(double c) {
    return Div.apply(this, scalar(c));
  }

  /** {@code −this}, elementwise. */
  public Tensor neg() {
    return Unary.neg(this);
  }

  /**
   * {@code this ^ exponent}, elementwise. Gradient {@code e·x^(e−1)}, and 0 everywhere when {@code
   * e = 0}. A negative base with a non-integer exponent gives NaN, as {@link Math#pow}.
   */
  public Tensor pow(double exponent) {
    return Pow.apply(this, exponent);
  }

  /**
   * {@code this ^ exponent}, elementwise with broadcasting, differentiable in both. The exponent's
   * gradient is {@code x^e·ln x}, taken as 0 at {@code x = 0} when {@code e ≥ 0} (PyTorch's
   * convention) and NaN for a negative base.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast
   */
  public Tensor pow(Tensor exponent) {
    return Pow.apply(this, exponent);
  }

  /**
   * Elementwise maximum with broadcasting. The gradient goes to the larger side; ties split it in
   * half.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast
   */
  public Tensor maximum(Tensor other) {
    return Maximum.apply(this, other);
  }

  /**
   * Elementwise minimum with broadcasting. The gradient goes to the smaller side; ties split it in
   * half.
   *
   * @throws IllegalArgumentException if the shapes do not broadcast
   */
  public Tensor minimum(Tensor other) {
    return Minimum.apply(this, other);
  }

  /**
   * Elementwise {@code mask != 0 ? a : b} with broadcasting over all three. The gradient flows to
   * {@code a} where the mask is set and to {@code b} elsewhere; {@code mask} gets none.
   *
   * @throws IllegalArgumentException if the three shapes do not broadcast together
   */
  public static Tensor where(Tensor mask, Tensor a, Tensor b) {
    return Where.apply(mask, a, b);
  }

  // ---------------------------------------------------------------- elementwise functions
  //
  // Same shape in and out. IEEE semantics outside a function's domain (log of a negative number is
  // NaN);
  // for finite inputs no value or gradient is NaN or ±∞ where the mathematical one is finite.

  /** {@code e^x}; overflows to +∞ above x ≈ 709.78, as the true value does. */
  public Tensor exp() {
    return Unary.exp(this);
  }

  /** Natural logarithm; domain x &gt; 0 (log 0 = −∞, NaN below 0). Gradient 1/x. */
  public Tensor log() {
    return Unary.log(this);
  }

  /** {@code log(1 + x)}, accurate for small x; domain x &gt; −1. Gradient 1/(1 + x). */
  public Tensor log1p() {
    return Unary.log1p(this);
  }

  /** Square root; domain x ≥ 0. Gradient 1/(2√x), +∞ at 0. */
  public Tensor sqrt() {
    return Unary.sqrt(this);
  }

  /** {@code |x|}. Gradient sign(x), 0 at 0. */
  public Tensor abs() {
    return Unary.abs(this);
  }

  /** Hyperbolic tangent, in [−1, 1]. Gradient 1/cosh²(x), exactly 0 where it underflows. */
  public Tensor tanh() {
    return Unary.tanh(this);
  }

  /** Logistic sigmoid 1/(1 + e^−x), in [0, 1], finite for every finite x. Gradient σ(x)σ(−x). */
  public Tensor sigmoid() {
    return Unary.sigmoid(this);
  }

  /**
   * {@code log σ(x) = −softplus(−x)}, finite for every finite x (≈ x for x ≪ 0). Gradient σ(−x).
   */
  public Tensor logSigmoid() {
    return Unary.logSigmoid(this);
  }

  /**
   * {@code log(1 + e^x)} without overflow, finite for every finite x (≈ x for x ≫ 0). Gradient
   * σ(x).
   */
  public Tensor softplus() {
    return Unary.softplus(this);
  }

  /** {@code max(x, 0)}. Gradient 1 where x &gt; 0, else 0 (also at 0). */
  public Tensor relu() {
    return Unary.relu(this);
  }

  /**
   * Clamps to {@code [min, max]}; the gradient passes where {@code min ≤ x ≤ max} (bounds included,
   * as PyTorch) and is 0 outside.
   *
   * @throws IllegalArgumentException if {@code min > max} or a bound is NaN
   */
  public Tensor clamp(double min, double max) {
    return Clamp.apply(this, min, max);
  }

  /**
   * Heaviside step: 1 where x &gt; 0, {@code valueAtZero} where x = 0, else 0 (NaN stays NaN). Its
   * gradient is zero: a factor built from it scales gradients but receives none.
   */
  public Tensor heaviside(double valueAtZero) {
    return Unary.heaviside(this, valueAtZero);
  }

  /** {@link #heaviside(double) heaviside(0)}: 1 where x &gt; 0, else 0; zero gradient. */
  public Tensor step() {
    return Unary.heaviside(this, 0.0);
  }

  // ---------------------------------------------------------------- reductions
  //
  // Axes may be negative (−1 is the last). keepDim keeps the reduced axis with size 1; otherwise it
  // is removed
  // (a 1-D input gives a 0-D result). A bad axis, or reducing over an axis of size 0 (or an empty
  // tensor),
  // throws IllegalArgumentException naming the op, the axis and the shape.

  /**
   * Sum of all elements, a 0-D tensor. Gradient: 1 to every element.
   *
   * @throws IllegalArgumentException for an empty tensor
   */
  public Tensor sum() {
    return Sum.apply(this);
  }

  /**
   * Sum along {@code axis}.
   *
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  public Tensor sum(int axis, boolean keepDim) {
    return Sum.apply(this, axis, keepDim);
  }

  /**
   * Mean of all elements, a 0-D tensor.
   *
   * @throws IllegalArgumentException for an empty tensor
   */
  public Tensor mean() {
    return Mean.apply(this);
  }

  /**
   * Mean along {@code axis}.
   *
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  public Tensor mean(int axis, boolean keepDim) {
    return Mean.apply(this, axis, keepDim);
  }

  /**
   * Maximum over all elements, a 0-D tensor; the gradient is shared equally by all maximal elements
   * (as {@code torch.max(x)}). NaN propagates.
   *
   * @throws IllegalArgumentException for an empty tensor
   */
  public Tensor max() {
    return Max.apply(this);
  }

  /**
   * Maximum along {@code axis}; the gradient goes to the first maximal element of each slice (as
   * {@code torch.max(x, dim)}).
   *
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  public Tensor max(int axis, boolean keepDim) {
    return Max.apply(this, axis, keepDim);
  }

  /**
   * {@code log Σ exp(x)} along {@code axis}, shifted by the slice maximum: finite for finite inputs
   * of any size. Gradient: softmax along the axis.
   *
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  public Tensor logSumExp(int axis, boolean keepDim) {
    return LogSumExp.apply(this, axis, keepDim);
  }

  /**
   * Softmax along {@code axis}: same shape, each slice positive and summing to 1, computed as
   * {@code exp(x − max) / Σ exp(x − max)}.
   *
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  public Tensor softmax(int axis) {
    return Softmax.apply(this, axis);
  }

  /**
   * Log-softmax along {@code axis}: {@code (x − max) − log Σ exp(x − max)}, finite wherever x is
   * finite. Use it (not {@code softmax().log()}) for cross-entropy.
   *
   * @throws IllegalArgumentException for an axis out of range or of size 0
   */
  public Tensor logSoftmax(int axis) {
    return LogSoftmax.apply(this, axis);
  }

  // ---------------------------------------------------------------- linear algebra and shape

  /**
   * Matrix product: {@code [m,k]·[k,n] → [m,n]}, batched {@code [b,m,k]·[b,k,n] → [b,m,n]}, or
   * {@code [b,m,k]·[k,n] → [b,m,n]} (the right matrix shared by the batch, its gradient summed over
   * b). Runs on {@link io.github.focal4j.autodiff.kernels.Gemm}.
   *
   * @throws IllegalArgumentException for other ranks, or inner dimensions or batch sizes that
   *     differ
   */
  public Tensor matmul(Tensor other) {
    return MatMul.apply(this, other);
  }

  /**
   * Reorders dimensions: output dimension i is input dimension {@code axes[i]} (negative axes count
   * from the end). A 0-D tensor takes no axes.
   *
   * @throws IllegalArgumentException unless {@code axes} is a permutation of this tensor's
   *     dimensions
   */
  public Tensor permute(int... axes) {
    return Permute.apply(this, axes);
  }

  /**
   * Swaps two dimensions (the same axis twice is a copy).
   *
   * @throws IllegalArgumentException for an axis out of range
   */
  public Tensor transpose(int axis0, int axis1) {
    return Permute.transpose(this, axis0, axis1);
  }

  /**
   * The same values, row-major, in a new shape of rank 0 to {@link Shape#MAX_RANK}; one dimension
   * may be −1 and is inferred. The result is a copy.
   *
   * @throws IllegalArgumentException if the element counts differ, more than one dimension is −1,
   *     or the rank exceeds {@link Shape#MAX_RANK}
   */
  public Tensor reshape(int... newShape) {
    return Reshape.apply(this, newShape);
  }

  /**
   * Inserts a dimension of size 1 before position {@code axis}, in {@code [−rank−1, rank]} (−1
   * appends).
   *
   * @throws IllegalArgumentException for an axis out of range or if this tensor already has rank
   *     {@link Shape#MAX_RANK}
   */
  public Tensor unsqueeze(int axis) {
    return Reshape.unsqueeze(this, axis);
  }

  /**
   * Removes dimension {@code axis}, which must have size 1.
   *
   * @throws IllegalArgumentException for an axis out of range or of another size
   */
  public Tensor squeeze(int axis) {
    return Reshape.squeeze(this, axis);
  }

  /**
   * Elements {@code [start, end)} along {@code axis} (a copy); {@code start == end} gives an empty
   * tensor. Gradient: written back into that window.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ start ≤ end ≤ size(axis)}, or for a bad axis
   */
  public Tensor slice(int axis, int start, int end) {
    return Slice.apply(this, axis, start, end);
  }

  /**
   * Joins tensors of equal rank along an existing axis; every other dimension must agree. The same
   * tensor may appear more than once (its gradients add up).
   *
   * @throws IllegalArgumentException if no tensors are given, ranks differ, sizes differ off the
   *     axis, or the axis is out of range
   */
  public static Tensor concat(int axis, Tensor... tensors) {
    return Concat.apply(axis, tensors);
  }

  /**
   * Joins same-shaped tensors along a new axis at position {@code axis}, in {@code [−rank−1,
   * rank]}.
   *
   * @throws IllegalArgumentException if no tensors are given, shapes differ, the axis is out of
   *     range, or the inputs already have rank {@link Shape#MAX_RANK}
   */
  public static Tensor stack(int axis, Tensor... tensors) {
    return Stack.apply(axis, tensors);
  }

  /**
   * Picks entries {@code indices} along {@code axis}, repeats allowed: the output has this shape
   * with {@code size(axis) = indices.length}. An embedding lookup is {@code table.indexSelect(0,
   * ids)}. Gradient: scatter-added into the picked entries.
   *
   * @throws IllegalArgumentException for a bad axis or an index outside {@code [0, size(axis))},
   *     naming its position and value
   */
  public Tensor indexSelect(int axis, int... indices) {
    return IndexSelect.apply(this, axis, indices);
  }

  /**
   * {@code out[..., j, ...] = this[..., index[..., j, ...], ...]} along {@code axis}, as {@code
   * torch.gather}: the output has the index's shape, which must equal this shape on every other
   * axis. Picking the target class's log-probability is {@code logp.gather(-1,
   * targets.unsqueeze(-1))}. Gradient: scatter-added.
   *
   * @throws IllegalArgumentException for a bad axis, an index shape that does not match off the
   *     axis, or an index outside {@code [0, size(axis))}
   */
  public Tensor gather(int axis, IntTensor index) {
    return Gather.apply(this, axis, index);
  }

  /**
   * Inverted dropout: zeroes each element with probability {@code p} and scales the rest by {@code
   * 1/(1−p)}, so the expectation is unchanged. The mask takes one {@code rng.nextDouble()} per
   * element in row-major order (kept iff it is ≥ p), so a generator seeded alike gives the same
   * mask. Gradient: the same mask.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ p < 1}
   */
  public Tensor dropout(double p, RandomGenerator rng) {
    return Dropout.apply(this, p, rng);
  }

  /** Shape, op, and up to 8 values, for debugging. */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("Tensor(shape=").append(Shape.format(shape)).append(", op=").append(op);
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
