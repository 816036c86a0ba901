package io.github.focal4j.ner.experiment;

import io.github.focal4j.ner.data.ConllReader;
import io.github.focal4j.ner.data.ConllReaderConfig;
import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.data.TagScheme;
import io.github.focal4j.ner.synth.SyntheticCorpora;
import io.github.focal4j.ner.synth.SyntheticCorpusConfig;
import io.github.focal4j.ner.synth.SyntheticCorpusGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The corpora of one experiment: training data, and optionally development data (early stopping,
 * steps to a target F1) and test data (final scores). All three share one tag scheme.
 *
 * @param train the training corpus
 * @param dev the development corpus, or null
 * @param test the test corpus, or null
 * @param source where the data came from, for reports ({@code synthetic(seed=42, ...)} or file
 *     names)
 */
public record NerData(Corpus train, Corpus dev, Corpus test, String source) {

  /**
   * Checks that training data is present and that all corpora share a scheme.
   *
   * @throws IllegalArgumentException otherwise
   */
  public NerData {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(source, "source");
    for (Corpus c : new Corpus[] {dev, test}) {
      if (c != null && c.scheme() != train.scheme()) {
        throw new IllegalArgumentException(
            c.name() + " is " + c.scheme() + " but " + train.name() + " is " + train.scheme());
      }
    }
  }

  /** The built-in synthetic corpus ({@link SyntheticCorpusGenerator}), IOB2. */
  public static NerData synthetic(SyntheticCorpusConfig config) {
    SyntheticCorpora c = SyntheticCorpusGenerator.generate(config);
    return new NerData(
        c.train(),
        c.dev(),
        c.test(),
        String.format(
            java.util.Locale.ROOT,
            "synthetic corpus (seed %d, %d/%d/%d sentences, entity sentence share %s)",
            config.seed(),
            config.trainSentences(),
            config.devSentences(),
            config.testSentences(),
            LossSpec.format(config.entitySentenceShare())));
  }

  /**
   * Reads CoNLL files; each corpus comes out in the reader's output scheme.
   *
   * @param dev the development file, or null
   * @param test the test file, or null
   * @throws io.github.focal4j.ner.data.DataFormatException for a malformed file
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  public static NerData read(ConllReaderConfig config, Path train, Path dev, Path test) {
    ConllReader reader = new ConllReader(config);
    List<String> names = new ArrayList<>();
    names.add(train.toString());
    Corpus tr = reader.read(train);
    Corpus dv = null;
    Corpus te = null;
    if (dev != null) {
      dv = reader.read(dev);
      names.add(dev.toString());
    }
    if (test != null) {
      te = reader.read(test);
      names.add(test.toString());
    }
    return new NerData(tr, dv, te, String.join(", ", names));
  }

  /** The development corpus, if any. */
  public Optional<Corpus> devCorpus() {
    return Optional.ofNullable(dev);
  }

  /** The test corpus, if any. */
  public Optional<Corpus> testCorpus() {
    return Optional.ofNullable(test);
  }

  /** The same data with every corpus written in {@code scheme}. */
  public NerData inScheme(TagScheme scheme) {
    return new NerData(
        train.convertTo(scheme),
        dev == null ? null : dev.convertTo(scheme),
        test == null ? null : test.convertTo(scheme),
        source);
  }

  /** The same data with another training corpus (same scheme). */
  public NerData withTrain(Corpus newTrain, String newSource) {
    return new NerData(newTrain, dev, test, newSource);
  }
}
