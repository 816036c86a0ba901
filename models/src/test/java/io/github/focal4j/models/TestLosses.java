package io.github.focal4j.models;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.CrossEntropyLoss;
import io.github.focal4j.loss.MultiClassLoss;

/**
 * Losses for the models tests: loss-core's cross-entropy, and a wrapper that turns it into NaN after a
 * number of calls to exercise the divergence guard.
 */
public final class TestLosses {
  private TestLosses() {}

  /** loss-core's fused cross-entropy: masked mean over valid tokens. */
  public static final MultiClassLoss CROSS_ENTROPY = CrossEntropyLoss.multiClass().build();

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
