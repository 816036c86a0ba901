package io.github.focal4j.models;

import com.google.common.base.Preconditions;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The architecture of a {@link TokenClassifier}, an immutable value:
 *
 * <pre>
 *   word embedding (wordDim; vocabulary from training, optionally lower-cased, rare words → &lt;unk&gt;;
 *                   while training, each word → &lt;unk&gt; with probability wordDropout)
 *   ⊕ char CNN (charFeatures: dim, filters, width; optional)  ⊕ casing embedding (casingDim; optional)
 *   → dropout → BiLSTM (hiddenSize per direction) → dropout → Linear(2·hiddenSize → C) → softmax | CRF
 * </pre>
 *
 * {@link #reference()} is the fixed benchmark architecture; {@link #builder()} starts from it.
 *
 * @param wordDim word embedding size, &gt; 0
 * @param lowercaseWords whether words are lower-cased before the word lookup
 * @param minWordCount training words seen fewer times become {@code <unk>}, ≥ 1
 * @param charFeatures the character CNN, or empty for no character features
 * @param casingDim casing-class embedding size (&gt; 0), or empty for no casing feature
 * @param hiddenSize LSTM size per direction, &gt; 0
 * @param head softmax or CRF
 * @param constraints CRF transition constraints ({@link TagConstraints#NONE} for the softmax head)
 * @param dropout dropout probability before and after the BiLSTM, in [0, 1)
 * @param wordDropout while training, the probability that a token's word is looked up as {@code
 *     <unk>} (its characters and casing are kept), in [0, 1): unknown-word replacement, which
 *     trains the unknown-word vector on every kind of word and teaches the model to use the
 *     character features (Lample et al. 2016 replace singletons; this replaces any word)
 */
public record TokenClassifierConfig(
    int wordDim,
    boolean lowercaseWords,
    int minWordCount,
    Optional<CharFeatures> charFeatures,
    OptionalInt casingDim,
    int hiddenSize,
    Head head,
    TagConstraints constraints,
    double dropout,
    double wordDropout) {

  /**
   * @throws IllegalArgumentException naming the first invalid field and its value
   */
  public TokenClassifierConfig {
    Preconditions.checkArgument(wordDim > 0, "wordDim must be positive, got %s", wordDim);
    Preconditions.checkArgument(
        minWordCount >= 1, "minWordCount must be >= 1, got %s", minWordCount);
    Preconditions.checkArgument(
        charFeatures != null, "charFeatures must not be null (empty for none)");
    Preconditions.checkArgument(casingDim != null, "casingDim must not be null (empty for none)");
    casingDim.ifPresent(
        d ->
            Preconditions.checkArgument(
                d > 0,
                "casingDim must be positive (no casing feature: leave it empty), got %s",
                d));
    Preconditions.checkArgument(hiddenSize > 0, "hiddenSize must be positive, got %s", hiddenSize);
    Preconditions.checkArgument(head != null, "head must be set");
    Preconditions.checkArgument(constraints != null, "constraints must be set");
    Preconditions.checkArgument(
        head == Head.CRF || constraints == TagConstraints.NONE,
        "transition constraints (%s) need the CRF head",
        constraints);
    Preconditions.checkArgument(
        dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got %s", dropout);
    Preconditions.checkArgument(
        wordDropout >= 0 && wordDropout < 1, "wordDropout must be in [0, 1), got %s", wordDropout);
  }

  /**
   * Character features: an embedding of each character, a 1-D convolution over a token's
   * characters, max-pooled (Ma and Hovy 2016), an immutable value.
   *
   * @param dim character embedding size, &gt; 0
   * @param filters CNN filters, the size of the character feature, &gt; 0
   * @param width CNN width, odd and &gt; 0
   */
  public record CharFeatures(int dim, int filters, int width) {
    /**
     * @throws IllegalArgumentException naming the first invalid field and its value
     */
    public CharFeatures {
      Preconditions.checkArgument(dim > 0, "charDim must be positive, got %s", dim);
      Preconditions.checkArgument(filters > 0, "charFilters must be positive, got %s", filters);
      Preconditions.checkArgument(
          width > 0 && width % 2 == 1, "charWidth must be odd and positive, got %s", width);
    }
  }

  /**
   * The reference architecture of the benchmarks (Lample et al. 2016 without the CRF, Ma and Hovy
   * 2016's CNN): lower-cased word embedding 100, character embedding 30 + CNN of 30 filters of
   * width 3 + max-pool (130 features) → dropout 0.5 → BiLSTM 100 per direction → dropout 0.5 →
   * Linear 200 → C, softmax head, no word dropout.
   */
  public static TokenClassifierConfig reference() {
    return new TokenClassifierConfig(
        100,
        true,
        1,
        Optional.of(new CharFeatures(30, 30, 3)),
        OptionalInt.empty(),
        100,
        Head.SOFTMAX,
        TagConstraints.NONE,
        0.5,
        0);
  }

  public static Builder builder() {
    return new Builder(reference());
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Size of the concatenated token features fed to the BiLSTM. */
  public int featureSize() {
    return wordDim + charFeatures.map(CharFeatures::filters).orElse(0) + casingDim.orElse(0);
  }

  /** Fluent construction; validation happens in {@link #build()}. */
  public static final class Builder {
    private int wordDim;
    private boolean lowercaseWords;
    private int minWordCount;
    private Optional<CharFeatures> charFeatures;
    private OptionalInt casingDim;
    private int hiddenSize;
    private Head head;
    private TagConstraints constraints;
    private double dropout;
    private double wordDropout;

    private Builder(TokenClassifierConfig c) {
      wordDim = c.wordDim;
      lowercaseWords = c.lowercaseWords;
      minWordCount = c.minWordCount;
      charFeatures = c.charFeatures;
      casingDim = c.casingDim;
      hiddenSize = c.hiddenSize;
      head = c.head;
      constraints = c.constraints;
      dropout = c.dropout;
      wordDropout = c.wordDropout;
    }

    public Builder wordDim(int v) {
      wordDim = v;
      return this;
    }

    public Builder lowercaseWords() {
      lowercaseWords = true;
      return this;
    }

    public Builder keepWordCase() {
      lowercaseWords = false;
      return this;
    }

    public Builder minWordCount(int v) {
      minWordCount = v;
      return this;
    }

    /**
     * Character CNN features: embedding size, filters, odd width.
     *
     * @throws IllegalArgumentException naming the first invalid value (see {@link CharFeatures})
     */
    public Builder charCnn(int dim, int filters, int width) {
      return charCnn(new CharFeatures(dim, filters, width));
    }

    public Builder charCnn(CharFeatures v) {
      Preconditions.checkArgument(
          v != null, "charFeatures must not be null (use noCharFeatures())");
      charFeatures = Optional.of(v);
      return this;
    }

    public Builder noCharFeatures() {
      charFeatures = Optional.empty();
      return this;
    }

    /** Casing-class embedding of this size, &gt; 0 (checked in {@link #build()}). */
    public Builder casingDim(int v) {
      casingDim = OptionalInt.of(v);
      return this;
    }

    public Builder noCasingFeature() {
      casingDim = OptionalInt.empty();
      return this;
    }

    public Builder hiddenSize(int v) {
      hiddenSize = v;
      return this;
    }

    /** The softmax head (and no constraints). */
    public Builder softmaxHead() {
      head = Head.SOFTMAX;
      constraints = TagConstraints.NONE;
      return this;
    }

    /** The CRF head with these transition constraints. */
    public Builder crfHead(TagConstraints c) {
      head = Head.CRF;
      constraints = c;
      return this;
    }

    public Builder dropout(double v) {
      dropout = v;
      return this;
    }

    /** While training, look words up as {@code <unk>} with probability {@code v}, in [0, 1). */
    public Builder wordDropout(double v) {
      wordDropout = v;
      return this;
    }

    public TokenClassifierConfig build() {
      return new TokenClassifierConfig(
          wordDim,
          lowercaseWords,
          minWordCount,
          charFeatures,
          casingDim,
          hiddenSize,
          head,
          constraints,
          dropout,
          wordDropout);
    }
  }
}
