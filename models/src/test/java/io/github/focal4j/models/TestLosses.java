package io.github.focal4j.models;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.CrossEntropyLoss;
import io.github.focal4j.loss.MultiClassLoss;
import java.util.function.UnaryOperator;

/**
 * Losses for the models tests: loss-core's cross-entropy, and wrappers that make it diverge after a
 * number of calls to exercise the divergence guard.
 */
public final class TestLosses {
  private TestLosses() {}

  /** loss-core's fused cross-entropy: masked mean over valid tokens. */
  public static final MultiClassLoss CROSS_ENTROPY = CrossEntropyLoss.multiClass().build();

  /**
   * Cross-entropy that returns NaN once {@code after} calls have been made, to test the divergence
   * guard.
   */
  public static MultiClassLoss nanAfter(int after) {
    return divergingAfter(after, UnaryOperator.identity(), l -> l.mul(Double.NaN));
  }

  /**
   * Cross-entropy that is handed infinite logits once {@code after} calls have been made, so that
   * loss-core itself refuses them (its non-finite-logit check), to test the divergence guard.
   */
  public static MultiClassLoss infiniteLogitsAfter(int after) {
    return divergingAfter(after, x -> x.mul(Double.POSITIVE_INFINITY), UnaryOperator.identity());
  }

  /**
   * Cross-entropy with {@code logits} and {@code loss} applied to its input and output after {@code
   * after} calls.
   */
  private static MultiClassLoss divergingAfter(
      int after, UnaryOperator<Tensor> logits, UnaryOperator<Tensor> loss) {
    return new MultiClassLoss() {
      private int calls;

      @Override
      public Tensor apply(Tensor x, IntTensor targets) {
        throw new UnsupportedOperationException();
      }

      @Override
      public synchronized Tensor apply(Tensor x, IntTensor targets, Tensor mask) {
        boolean late = ++calls > after;
        Tensor l = CROSS_ENTROPY.apply(late ? logits.apply(x) : x, targets, mask);
        return late ? loss.apply(l) : l;
      }

      @Override
      public Tensor apply(Tensor x, IntTensor targets, Tensor mask, Tensor weights) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
