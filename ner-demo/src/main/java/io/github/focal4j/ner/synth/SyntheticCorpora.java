package io.github.focal4j.ner.synth;

import io.github.focal4j.ner.data.Corpus;
import java.util.Objects;

/**
 * The three splits made by {@link SyntheticCorpusGenerator}, each IOB2 with types PER, LOC, ORG and
 * MISC.
 *
 * @param train the training split; never contains held-out names
 * @param dev the development split
 * @param test the test split
 */
public record SyntheticCorpora(Corpus train, Corpus dev, Corpus test) {

  /** Checks that all three are present. */
  public SyntheticCorpora {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(dev, "dev");
    Objects.requireNonNull(test, "test");
  }
}
