package io.github.focal4j.models.layers;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Module;
import io.github.focal4j.models.ops.Lookup;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A lookup table {@code weight [V, E]}: ids {@code [...]} become vectors {@code [..., E]}. The
 * padding row (if any) starts at zero and never receives a gradient; the gradient of a lookup
 * touches only the rows used, and those rows are reported by {@link #touchedRows(String)} while the
 * module is training.
 */
public final class Embedding extends Module {

  private final Tensor weight;
  private final int paddingIndex;
  private final boolean[] touched;
  private final IntArrayList touchedList = new IntArrayList();

  /**
   * @param paddingIndex a row kept at zero without gradient, or -1 for none
   * @throws IllegalArgumentException for non-positive sizes or a padding index out of range
   */
  public Embedding(int rows, int dim, int paddingIndex, RandomGenerator rng) {
    this(Init.embedding(rng, checked(rows, dim, paddingIndex), dim, paddingIndex), paddingIndex);
  }

  /**
   * An embedding of these sizes with every value zero, for parameters read from a file.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public static Embedding zeros(int rows, int dim, int paddingIndex) {
    return new Embedding(Tensor.zeros(checked(rows, dim, paddingIndex), dim), paddingIndex);
  }

  /** {@code rows}, once the sizes are checked. */
  private static int checked(int rows, int dim, int paddingIndex) {
    Preconditions.checkArgument(
        rows > 0 && dim > 0, "Embedding: rows and dim must be positive, got %s and %s", rows, dim);
    Preconditions.checkArgument(
        paddingIndex >= -1 && paddingIndex < rows,
        "Embedding: paddingIndex %s out of range [-1, %s)",
        paddingIndex,
        rows);
    return rows;
  }

  private Embedding(Tensor weight, int paddingIndex) {
    this.weight = registerParameter("weight", weight);
    this.paddingIndex = paddingIndex;
    this.touched = new boolean[weight.size(0)];
  }

  public Tensor weight() {
    return weight;
  }

  public int dim() {
    return weight.size(1);
  }

  public int rows() {
    return weight.size(0);
  }

  public int paddingIndex() {
    return paddingIndex;
  }

  /** Vectors of {@code ids} (any shape up to rank 3): shape {@code [..., E]}. */
  public Tensor forward(IntTensor ids) {
    int[] s = ids.shape();
    Preconditions.checkArgument(s.length <= 3, "Embedding: ids of rank %s, at most 3", s.length);
    int[] out = Arrays.copyOf(s, s.length + 1);
    out[s.length] = dim();
    Tensor flat = forward(ids.buffer());
    return s.length == 1 ? flat : flat.reshape(out);
  }

  /** Vectors of a flat array of ids: {@code [ids.length, E]}. */
  public Tensor forward(int[] ids) {
    Tensor out = Lookup.apply(weight, ids, paddingIndex);
    if (isTraining() && NoGrad.isGradEnabled()) {
      for (int id : ids) {
        if (id != paddingIndex && !touched[id]) {
          touched[id] = true;
          touchedList.add(id);
        }
      }
    }
    return out;
  }

  @Override
  protected int[] ownTouchedRows(String parameterName) {
    int[] rows = touchedList.toIntArray();
    Arrays.sort(rows);
    return rows;
  }

  @Override
  protected void clearOwnTouchedRows() {
    for (int i = 0; i < touchedList.size(); i++) {
      touched[touchedList.getInt(i)] = false;
    }
    touchedList.clear();
  }

  @Override
  public Embedding replica() {
    return inSameMode(new Embedding(weight.replica(), paddingIndex));
  }
}
