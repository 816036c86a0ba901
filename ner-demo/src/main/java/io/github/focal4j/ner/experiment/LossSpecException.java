package io.github.focal4j.ner.experiment;

/**
 * A loss hyperparameter that is invalid or does not apply to the chosen loss. The message names the
 * command-line flag and the value, for example {@code --gamma -1.0: FocalLoss: gamma must be finite
 * and >= 0, got -1.0}. The command line reports it as a usage error.
 */
public final class LossSpecException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String flag;

  /**
   * @param flag the flag at fault, such as {@code --gamma}
   * @param message the whole message, which names the flag
   */
  public LossSpecException(String flag, String message) {
    super(message);
    this.flag = flag;
  }

  /** The flag at fault, such as {@code --gamma}. */
  public String flag() {
    return flag;
  }
}
