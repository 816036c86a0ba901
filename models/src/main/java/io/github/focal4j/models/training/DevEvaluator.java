package io.github.focal4j.models.training;

import io.github.focal4j.models.TokenClassifier;

/**
 * Scores the model on held-out data after each epoch, higher is better (e.g. conlleval entity F1
 * computed from {@link TokenClassifier#predict}). Drives early stopping and the choice of the best
 * parameters.
 */
@FunctionalInterface
public interface DevEvaluator {

  /**
   * @param epoch the 0-based epoch just finished
   */
  double score(TokenClassifier model, int epoch);
}
