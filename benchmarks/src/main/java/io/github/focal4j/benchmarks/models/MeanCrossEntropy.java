package io.github.focal4j.benchmarks.models;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.MultiClassLoss;

/**
 * Masked mean cross-entropy (mean over real tokens), composed from logSoftmax and gather: the loss of the
 * reference benchmark, as PyTorch's {@code cross_entropy(ignore_index=pad)}.
 */
final class MeanCrossEntropy implements MultiClassLoss {

  @Override
  public Tensor apply(Tensor logits, IntTensor targets) {
    return apply(logits, targets, Tensor.ones(targets.shape()));
  }

  @Override
  public Tensor apply(Tensor logits, IntTensor targets, Tensor mask) {
    Tensor picked = logits.logSoftmax(-1).gather(-1, targets.unsqueeze(-1)).reshape(targets.shape());
    return picked.neg().mul(mask).sum().div(Math.max(1.0, mask.sum().item()));
  }
}
