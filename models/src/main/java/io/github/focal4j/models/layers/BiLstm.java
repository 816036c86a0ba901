package io.github.focal4j.models.layers;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Module;
import io.github.focal4j.models.data.Lengths;
import io.github.focal4j.models.ops.LstmSequence.Direction;
import io.github.focal4j.models.ops.Packing;
import java.util.random.RandomGenerator;

/**
 * A bidirectional LSTM: a {@link Lstm} reading each sentence forward and one reading it backward
 * from its own last token (padding never enters the recurrence), outputs concatenated {@code
 * [forward, backward]} as PyTorch's {@code bidirectional=True}. Children: {@code forward}, {@code
 * backward}.
 */
public final class BiLstm extends Module {

  private final Lstm forward;
  private final Lstm backward;

  public BiLstm(int inputSize, int hiddenSize, RandomGenerator rng) {
    this(
        new Lstm(inputSize, hiddenSize, Direction.FORWARD, rng),
        new Lstm(inputSize, hiddenSize, Direction.BACKWARD, rng));
  }

  /**
   * A bidirectional LSTM of these sizes with every value zero, for parameters read from a file
   * ({@link Lstm#zeros}).
   */
  public static BiLstm zeros(int inputSize, int hiddenSize) {
    return new BiLstm(
        Lstm.zeros(inputSize, hiddenSize, Direction.FORWARD),
        Lstm.zeros(inputSize, hiddenSize, Direction.BACKWARD));
  }

  private BiLstm(Lstm forward, Lstm backward) {
    this.forward = registerModule("forward", forward);
    this.backward = registerModule("backward", backward);
  }

  /** {@code [N, D]} packed to {@code [N, 2H]}. */
  public Tensor forward(Tensor packed, Lengths lengths) {
    return Tensor.concat(1, forward.forward(packed, lengths), backward.forward(packed, lengths));
  }

  /** {@code [B, T, D]} with mask {@code [B, T]} to {@code [B, T, 2H]}, zero at padding. */
  public Tensor forward(Tensor padded, Tensor mask) {
    Lengths lengths = Lengths.fromMask(mask);
    return Packing.unpack(forward(Packing.pack(padded, lengths), lengths), lengths, mask.size(1));
  }

  public int outputSize() {
    return 2 * forward.hiddenSize();
  }

  @Override
  public BiLstm replica() {
    return inSameMode(new BiLstm(forward.replica(), backward.replica()));
  }
}
