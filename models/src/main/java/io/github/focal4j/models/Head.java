package io.github.focal4j.models;

/** How a {@link TokenClassifier} turns per-token scores into tags. */
public enum Head {
  /**
   * Independent per-token softmax, trained with any {@link io.github.focal4j.loss.MultiClassLoss};
   * argmax.
   */
  SOFTMAX,
  /**
   * Linear-chain CRF, trained with the sequence negative log-likelihood, optionally mixed with a
   * loss of its token marginals ({@link Objective#crf}); Viterbi decoding.
   */
  CRF
}
