package io.github.focal4j.models.layers;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Module;
import io.github.focal4j.models.data.Lengths;
import io.github.focal4j.models.ops.LstmSequence;
import io.github.focal4j.models.ops.LstmSequence.Direction;
import io.github.focal4j.models.ops.Packing;
import java.util.random.RandomGenerator;

/**
 * One LSTM direction over a batch of variable-length sentences, run as the fused {@link
 * LstmSequence} op. Parameters (PyTorch's layout and gate order i, f, g, o): {@code weightIh [4H,
 * D]} Glorot-uniform, {@code weightHh [4H, H]} one orthogonal block per gate, {@code bias [4H]}
 * (PyTorch's {@code b_ih + b_hh}) zero with the forget gate at 1.
 */
public final class Lstm extends Module {

  private final Direction direction;
  private final Tensor weightIh;
  private final Tensor weightHh;
  private final Tensor bias;

  /**
   * @throws IllegalArgumentException for non-positive sizes
   */
  public Lstm(int inputSize, int hiddenSize, Direction direction, RandomGenerator rng) {
    this(
        direction,
        Init.glorotUniform(
            rng, inputSize, 4 * checked(inputSize, hiddenSize), 4 * hiddenSize, inputSize),
        Init.orthogonalBlocks(rng, 4, hiddenSize),
        Init.lstmBias(hiddenSize));
  }

  /**
   * An LSTM direction of these sizes with every value zero, for parameters read from a file:
   * without the orthogonal blocks, whose Gram-Schmidt is O(H³) (a large part of loading a model).
   *
   * @throws IllegalArgumentException as the constructor
   */
  public static Lstm zeros(int inputSize, int hiddenSize, Direction direction) {
    int gates = 4 * checked(inputSize, hiddenSize);
    return new Lstm(
        direction,
        Tensor.zeros(gates, inputSize),
        Tensor.zeros(gates, hiddenSize),
        Tensor.zeros(gates));
  }

  /** {@code hidden}, once the sizes are checked. */
  private static int checked(int in, int hidden) {
    Preconditions.checkArgument(
        in > 0 && hidden > 0, "Lstm: sizes must be positive, got input=%s hidden=%s", in, hidden);
    return hidden;
  }

  private Lstm(Direction direction, Tensor weightIh, Tensor weightHh, Tensor bias) {
    this.direction = direction;
    this.weightIh = registerParameter("weightIh", weightIh);
    this.weightHh = registerParameter("weightHh", weightHh);
    this.bias = registerParameter("bias", bias);
  }

  /**
   * @param packed {@code [N, D]} tokens of all sentences (see {@link Lengths})
   * @return {@code [N, H]}, computed in this module's {@link #precision()}
   */
  public Tensor forward(Tensor packed, Lengths lengths) {
    return LstmSequence.apply(packed, lengths, direction, weightIh, weightHh, bias, precision());
  }

  /**
   * @param padded {@code [B, T, D]}
   * @param mask {@code [B, T]}, each row ones then zeros
   * @return {@code [B, T, H]}, zero at padding positions
   */
  public Tensor forward(Tensor padded, Tensor mask) {
    Lengths lengths = Lengths.fromMask(mask);
    return Packing.unpack(forward(Packing.pack(padded, lengths), lengths), lengths, mask.size(1));
  }

  public int hiddenSize() {
    return weightHh.size(1);
  }

  public Direction direction() {
    return direction;
  }

  @Override
  public Lstm replica() {
    return inSameMode(new Lstm(direction, weightIh.replica(), weightHh.replica(), bias.replica()));
  }
}
