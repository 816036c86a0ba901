package io.github.focal4j.models.ops;

import io.github.focal4j.models.lanes.VectorSupport;
import java.util.Optional;

/**
 * The floating-point precision a model computes in. Parameters, gradients, the optimizer's state
 * and checkpoints stay float64 either way (the master copies, as with PyTorch's autocast). In
 * training ({@code TrainerConfig.precision}) {@link #FLOAT32} changes the arithmetic inside the ops
 * that offer it, today {@link LstmSequence} and {@link CharConvMaxPool}; in tagging it is {@code
 * inference.FloatTagger}, the whole forward pass in float32.
 */
public enum Precision {
  /** Everything in float64: the reference, checked against finite differences. */
  FLOAT64,
  /**
   * The LSTM and the char CNN in float32 on the Vector API (twice the lanes, half the memory
   * traffic); agrees with {@link #FLOAT64} to float32's precision, not to the bit. Needs {@code
   * --add-modules jdk.incubator.vector}.
   */
  FLOAT32;

  /**
   * Why this JVM cannot compute in this precision, or empty if it can.
   *
   * @return for {@link #FLOAT32} without the Vector API, a sentence naming the JVM option to add
   */
  public Optional<String> unavailable() {
    return this == FLOAT32 ? VectorSupport.UNAVAILABLE : Optional.empty();
  }

  /**
   * Returns normally if this JVM can compute in this precision.
   *
   * @param what who asks, the start of the message
   * @throws IllegalStateException "{@code what}: precision FLOAT32 needs the Vector API: " and
   *     {@link #unavailable()}'s sentence
   */
  public void requireAvailable(String what) {
    unavailable()
        .ifPresent(
            why -> {
              throw new IllegalStateException(
                  what + ": precision " + this + " needs the Vector API: " + why);
            });
  }
}
