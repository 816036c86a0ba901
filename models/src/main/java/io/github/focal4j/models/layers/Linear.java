package io.github.focal4j.models.layers;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Module;
import io.github.focal4j.models.ops.Affine;
import java.util.random.RandomGenerator;

/** {@code y = x Wᵀ + b} over the last dimension; W {@code [out, in]} Glorot-uniform, b zero. */
public final class Linear extends Module {

  private final Tensor weight;
  private final Tensor bias;

  public Linear(int in, int out, RandomGenerator rng) {
    this(Init.glorotUniform(rng, in, checked(in, out), out, in), Tensor.zeros(out));
  }

  /**
   * A linear layer of these sizes with every value zero, for parameters read from a file.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public static Linear zeros(int in, int out) {
    return new Linear(Tensor.zeros(checked(in, out), in), Tensor.zeros(out));
  }

  /** {@code out}, once the sizes are checked. */
  private static int checked(int in, int out) {
    Preconditions.checkArgument(
        in > 0 && out > 0, "Linear: sizes must be positive, got in=%s out=%s", in, out);
    return out;
  }

  private Linear(Tensor weight, Tensor bias) {
    this.weight = registerParameter("weight", weight);
    this.bias = registerParameter("bias", bias);
  }

  /** {@code [..., in]} to {@code [..., out]}. */
  public Tensor forward(Tensor x) {
    return Affine.apply(x, weight, bias);
  }

  public Tensor weight() {
    return weight;
  }

  public Tensor bias() {
    return bias;
  }

  @Override
  public Linear replica() {
    return inSameMode(new Linear(weight.replica(), bias.replica()));
  }
}
