package io.github.focal4j.models;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.MultiClassLoss;

/**
 * Test-only losses: the models module is programmed against {@link MultiClassLoss}; the real ones live in
 * loss-core.
 */
public final class TestLosses {
  private TestLosses() {}

  /** Masked mean cross-entropy composed from logSoftmax and gather (divides by the number of valid tokens). */
  public static final MultiClassLoss CROSS_ENTROPY = new MultiClassLoss() {
    @Override
    public Tensor apply(Tensor logits, IntTensor targets) {
      return apply(logits, targets, Tensor.ones(targets.shape()));
    }

    @Override
    public Tensor apply(Tensor logits, IntTensor targets, Tensor mask) {
      return apply(logits, targets, mask, null);
    }

    @Override
    public Tensor apply(Tensor logits, IntTensor targets, Tensor mask, Tensor weights) {
      Tensor picked = logits.logSoftmax(-1).gather(-1, targets.unsqueeze(-1)).reshape(targets.shape());
      Tensor valid = mask == null ? Tensor.ones(targets.shape()) : mask;
      Tensor weighted = weights == null ? valid : valid.mul(weights);
      return picked.neg().mul(weighted).sum().div(Math.max(1.0, valid.sum().item()));
    }
  };

  /** Cross-entropy that returns NaN once {@code after} calls have been made, to test the divergence guard. */
  public static MultiClassLoss nanAfter(int after) {
    int[] calls = {0};
    return new MultiClassLoss() {
      @Override
      public Tensor apply(Tensor logits, IntTensor targets) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Tensor apply(Tensor logits, IntTensor targets, Tensor mask) {
        return apply(logits, targets, mask, null);
      }

      @Override
      public synchronized Tensor apply(Tensor logits, IntTensor targets, Tensor mask, Tensor weights) {
        Tensor l = CROSS_ENTROPY.apply(logits, targets, mask, weights);
        return ++calls[0] > after ? l.mul(Double.NaN) : l;
      }
    };
  }
}
