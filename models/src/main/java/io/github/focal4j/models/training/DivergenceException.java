package io.github.focal4j.models.training;

/**
 * Training stopped because the loss or the gradient became NaN or infinite. The parameters were not
 * updated with that step, and no checkpoint was written after it, so the last checkpoint is the
 * last good state.
 */
public final class DivergenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long step;
  private final int epoch;

  public DivergenceException(long step, int epoch, int batch, String what) {
    super(
        "training diverged at step "
            + step
            + " (epoch "
            + (epoch + 1)
            + ", batch "
            + (batch + 1)
            + "): "
            + what
            + "; parameters were not updated, the last checkpoint (if any) is intact");
    this.step = step;
    this.epoch = epoch;
  }

  /** The 1-based step that diverged. */
  public long step() {
    return step;
  }

  public int epoch() {
    return epoch;
  }
}
