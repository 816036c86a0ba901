package io.github.focal4j.ner.synth;

/**
 * Settings of {@link SyntheticCorpusGenerator}. Immutable; start from {@link #defaults()} and
 * change what differs with the {@code with...} methods.
 *
 * @param seed the random seed; the same configuration always gives the same corpora
 * @param trainSentences sentences in the training split, {@code >= 0}
 * @param devSentences sentences in the development split, {@code >= 0}
 * @param testSentences sentences in the test split, {@code >= 0}
 * @param entitySentenceShare probability that a sentence comes from a template with entities rather
 *     than an entity-free one, in [0, 1]. It sets the class balance: the default {@value
 *     #DEFAULT_ENTITY_SENTENCE_SHARE} gives about 83% O tokens, like CoNLL-2003; 0 gives no
 *     entities
 * @param heldOutNameShare probability that a dev or test name is drawn from the names held out of
 *     training, in [0, 1]
 * @param headlineShare probability that a sentence is written in capitals, as news headlines are,
 *     in [0, 1]
 */
public record SyntheticCorpusConfig(
    long seed,
    int trainSentences,
    int devSentences,
    int testSentences,
    double entitySentenceShare,
    double heldOutNameShare,
    double headlineShare) {

  /** The default share of sentences with entities, calibrated to about 83% O tokens. */
  public static final double DEFAULT_ENTITY_SENTENCE_SHARE = 0.57;

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the first setting out of range
   */
  public SyntheticCorpusConfig {
    requireCount("trainSentences", trainSentences);
    requireCount("devSentences", devSentences);
    requireCount("testSentences", testSentences);
    requireShare("entitySentenceShare", entitySentenceShare);
    requireShare("heldOutNameShare", heldOutNameShare);
    requireShare("headlineShare", headlineShare);
  }

  private static void requireCount(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + value);
    }
  }

  private static void requireShare(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
    }
  }

  /**
   * Seed 42; 3,000 / 600 / 600 sentences; {@value #DEFAULT_ENTITY_SENTENCE_SHARE} entity sentences;
   * 30% held-out names in dev and test; 5% headlines.
   */
  public static SyntheticCorpusConfig defaults() {
    return new SyntheticCorpusConfig(42, 3000, 600, 600, DEFAULT_ENTITY_SENTENCE_SHARE, 0.3, 0.05);
  }

  /** This configuration with another seed. */
  public SyntheticCorpusConfig withSeed(long newSeed) {
    return new SyntheticCorpusConfig(
        newSeed,
        trainSentences,
        devSentences,
        testSentences,
        entitySentenceShare,
        heldOutNameShare,
        headlineShare);
  }

  /** This configuration with other split sizes. */
  public SyntheticCorpusConfig withSizes(int train, int dev, int test) {
    return new SyntheticCorpusConfig(
        seed, train, dev, test, entitySentenceShare, heldOutNameShare, headlineShare);
  }

  /** This configuration with another share of sentences with entities. */
  public SyntheticCorpusConfig withEntitySentenceShare(double share) {
    return new SyntheticCorpusConfig(
        seed, trainSentences, devSentences, testSentences, share, heldOutNameShare, headlineShare);
  }

  /** This configuration with another share of held-out names in dev and test. */
  public SyntheticCorpusConfig withHeldOutNameShare(double share) {
    return new SyntheticCorpusConfig(
        seed,
        trainSentences,
        devSentences,
        testSentences,
        entitySentenceShare,
        share,
        headlineShare);
  }

  /** This configuration with another share of capitalised headlines. */
  public SyntheticCorpusConfig withHeadlineShare(double share) {
    return new SyntheticCorpusConfig(
        seed,
        trainSentences,
        devSentences,
        testSentences,
        entitySentenceShare,
        heldOutNameShare,
        share);
  }
}
