package io.github.focal4j.models.layers;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Module;
import io.github.focal4j.models.ops.CharConvMaxPool;
import java.util.random.RandomGenerator;

/**
 * Character features of words (Ma and Hovy 2016; Lample et al. 2016): character embedding {@code
 * [V, E]} → 1-D convolution with F filters of odd width w over each word's characters → max-pool
 * over the word's characters (padding excluded). Runs as the fused {@link CharConvMaxPool} op.
 * Parameters: {@code embedding [V, E]} (row 0 is the padding character, zero), {@code weight [F, E,
 * w]} (Glorot-uniform with fan-in {@code E·w}, fan-out {@code F·w}), {@code bias [F]}.
 */
public final class CharCnn extends Module {

  private final Tensor embedding;
  private final Tensor weight;
  private final Tensor bias;

  /**
   * @param alphabet number of character ids V (id 0 is padding)
   * @throws IllegalArgumentException for non-positive sizes or an even width
   */
  public CharCnn(int alphabet, int dim, int filters, int width, RandomGenerator rng) {
    this(
        Init.embedding(rng, checked(alphabet, dim, filters, width), dim, 0),
        Init.glorotUniform(rng, dim * width, filters * width, filters, dim, width),
        Tensor.zeros(filters));
  }

  /**
   * A character CNN of these sizes with every value zero, for parameters read from a file.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public static CharCnn zeros(int alphabet, int dim, int filters, int width) {
    return new CharCnn(
        Tensor.zeros(checked(alphabet, dim, filters, width), dim),
        Tensor.zeros(filters, dim, width),
        Tensor.zeros(filters));
  }

  /** {@code alphabet}, once the sizes are checked. */
  private static int checked(int alphabet, int dim, int filters, int width) {
    Preconditions.checkArgument(
        alphabet > 0 && dim > 0 && filters > 0,
        "CharCnn: sizes must be positive, got alphabet=%s dim=%s filters=%s",
        alphabet,
        dim,
        filters);
    Preconditions.checkArgument(
        width > 0 && width % 2 == 1, "CharCnn: width must be odd and positive, got %s", width);
    return alphabet;
  }

  private CharCnn(Tensor embedding, Tensor weight, Tensor bias) {
    this.embedding = registerParameter("embedding", embedding);
    this.weight = registerParameter("weight", weight);
    this.bias = registerParameter("bias", bias);
  }

  /**
   * @param chars character ids of all words, concatenated
   * @param wordOffsets {@code W + 1} offsets: word i is {@code chars[wordOffsets[i] ..
   *     wordOffsets[i+1])}
   * @return {@code [W, F]}
   */
  public Tensor forward(int[] chars, int[] wordOffsets) {
    return CharConvMaxPool.apply(embedding, chars, wordOffsets, weight, bias, precision());
  }

  public int filters() {
    return weight.size(0);
  }

  @Override
  public CharCnn replica() {
    return inSameMode(new CharCnn(embedding.replica(), weight.replica(), bias.replica()));
  }
}
