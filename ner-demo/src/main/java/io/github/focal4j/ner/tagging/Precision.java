package io.github.focal4j.ner.tagging;

import io.github.focal4j.models.Tagger;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.inference.FloatTagger;

/**
 * The arithmetic a trained model tags with: {@link #FLOAT64}, the model's own forward pass (the
 * figures training and {@code evaluate} report), or {@link #FLOAT32}, its {@link FloatTagger} (the
 * same tags on all but the rarest near-ties, several times faster; needs the Vector API).
 */
public enum Precision {
  FLOAT32,
  FLOAT64;

  /**
   * The model as a tagger of this precision.
   *
   * @throws IllegalStateException for FLOAT32 in a JVM without the Vector API, with the reason
   */
  public Tagger tagger(TokenClassifier model) {
    return this == FLOAT64 ? model : FloatTagger.of(model);
  }

  /** FLOAT32 where this JVM supports it ({@link FloatTagger#isSupported()}), else FLOAT64. */
  public static Precision fastest() {
    return FloatTagger.isSupported() ? FLOAT32 : FLOAT64;
  }
}
