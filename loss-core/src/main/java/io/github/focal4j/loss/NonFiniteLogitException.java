package io.github.focal4j.loss;

/**
 * A loss was given a NaN or infinite logit. Every loss of this package refuses such input rather
 * than return a NaN loss or gradient; in training this usually means the model diverged. It is an
 * {@link IllegalArgumentException} (bad input), typed so that a training loop can tell divergence
 * from other bad input without reading the message.
 *
 * <p>The message names the loss, the element and the value, e.g. {@code "FocalLoss: logits[1, 0, 1]
 * (flat 13) is Infinity; every logit must be finite (masked ones included)"}.
 */
public final class NonFiniteLogitException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String loss;
  private final int index;
  private final double value;

  NonFiniteLogitException(String loss, int index, String where, double value) {
    super(
        loss
            + ": logits"
            + where
            + " is "
            + value
            + "; every logit must be finite (masked ones included)");
    this.loss = loss;
    this.index = index;
    this.value = value;
  }

  /** The name of the loss that refused the logits, e.g. {@code "FocalLoss"}. */
  public String loss() {
    return loss;
  }

  /** The flat (row-major) index of the first non-finite logit found. */
  public int index() {
    return index;
  }

  /** Its value: NaN, +Infinity or -Infinity. */
  public double value() {
    return value;
  }
}
