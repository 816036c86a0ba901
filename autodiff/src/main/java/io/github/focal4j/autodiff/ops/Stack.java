package io.github.focal4j.autodiff.ops;

import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;
import java.util.Arrays;

/** Joins same-shaped tensors along a new axis: {@code unsqueeze} each, then {@link Concat}. */
public final class Stack {
  private Stack() {}

  /** @throws IllegalArgumentException if no tensors are given or their shapes differ */
  public static Tensor apply(int axis, Tensor... tensors) {
    if (tensors.length == 0) {
      throw new IllegalArgumentException("stack: no tensors");
    }
    int[] first = tensors[0].shape();
    Tensor[] parts = new Tensor[tensors.length];
    for (int t = 0; t < tensors.length; t++) {
      if (!Arrays.equals(tensors[t].shape(), first)) {
        throw new IllegalArgumentException("stack: tensor " + t + " has shape " + Shape.format(tensors[t].shape())
            + ", tensor 0 has " + Shape.format(first));
      }
      parts[t] = Reshape.unsqueeze(tensors[t], axis);
    }
    return Concat.apply(axis, parts);
  }
}
