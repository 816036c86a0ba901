package io.github.focal4j.models;

import com.google.common.base.Preconditions;

/**
 * The architecture of a {@link TokenClassifier}, an immutable value:
 * <pre>
 *   word embedding (wordDim; vocabulary from training, optionally lower-cased, rare words → &lt;unk&gt;)
 *   ⊕ char CNN (charDim, charFilters, charWidth; optional)  ⊕ casing embedding (casingDim; optional)
 *   → dropout → BiLSTM (hiddenSize per direction) → dropout → Linear(2·hiddenSize → C) → softmax | CRF
 * </pre>
 * {@link #reference()} is the fixed benchmark architecture; {@link #builder()} starts from it.
 *
 * @param wordDim word embedding size, &gt; 0
 * @param lowercaseWords whether words are lower-cased before the word lookup
 * @param minWordCount training words seen fewer times become {@code <unk>}, ≥ 1
 * @param charDim character embedding size; 0 turns character features off (then filters and width are 0)
 * @param charFilters CNN filters (the size of the character feature)
 * @param charWidth CNN width, odd
 * @param casingDim casing-class embedding size; 0 turns the casing feature off
 * @param hiddenSize LSTM size per direction, &gt; 0
 * @param head softmax or CRF
 * @param constraints CRF transition constraints ({@link TagConstraints#NONE} for the softmax head)
 * @param dropout dropout probability before and after the BiLSTM, in [0, 1)
 */
public record TokenClassifierConfig(int wordDim, boolean lowercaseWords, int minWordCount, int charDim,
    int charFilters, int charWidth, int casingDim, int hiddenSize, Head head, TagConstraints constraints,
    double dropout) {

  /** @throws IllegalArgumentException naming the first invalid field and its value */
  public TokenClassifierConfig {
    Preconditions.checkArgument(wordDim > 0, "wordDim must be positive, got %s", wordDim);
    Preconditions.checkArgument(minWordCount >= 1, "minWordCount must be >= 1, got %s", minWordCount);
    Preconditions.checkArgument(charDim >= 0, "charDim must be >= 0, got %s", charDim);
    if (charDim > 0) {
      Preconditions.checkArgument(charFilters > 0, "charFilters must be positive with char features, got %s",
          charFilters);
      Preconditions.checkArgument(charWidth > 0 && charWidth % 2 == 1, "charWidth must be odd and positive, got %s",
          charWidth);
    } else {
      Preconditions.checkArgument(charFilters == 0 && charWidth == 0,
          "charFilters and charWidth must be 0 without char features, got %s and %s", charFilters, charWidth);
    }
    Preconditions.checkArgument(casingDim >= 0, "casingDim must be >= 0, got %s", casingDim);
    Preconditions.checkArgument(hiddenSize > 0, "hiddenSize must be positive, got %s", hiddenSize);
    Preconditions.checkArgument(head != null, "head must be set");
    Preconditions.checkArgument(constraints != null, "constraints must be set");
    Preconditions.checkArgument(head == Head.CRF || constraints == TagConstraints.NONE,
        "transition constraints (%s) need the CRF head", constraints);
    Preconditions.checkArgument(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got %s", dropout);
  }

  /**
   * The reference architecture of the benchmarks (Lample et al. 2016 without the CRF, Ma and Hovy 2016's CNN):
   * lower-cased word embedding 100, character embedding 30 + CNN of 30 filters of width 3 + max-pool (130
   * features) → dropout 0.5 → BiLSTM 100 per direction → dropout 0.5 → Linear 200 → C, softmax head.
   */
  public static TokenClassifierConfig reference() {
    return new TokenClassifierConfig(100, true, 1, 30, 30, 3, 0, 100, Head.SOFTMAX, TagConstraints.NONE, 0.5);
  }

  public static Builder builder() {
    return new Builder(reference());
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public boolean hasCharFeatures() {
    return charDim > 0;
  }

  public boolean hasCasingFeature() {
    return casingDim > 0;
  }

  /** Size of the concatenated token features fed to the BiLSTM. */
  public int featureSize() {
    return wordDim + charFilters + casingDim;
  }

  /** Fluent construction; validation happens in {@link #build()}. */
  public static final class Builder {
    private int wordDim;
    private boolean lowercaseWords;
    private int minWordCount;
    private int charDim;
    private int charFilters;
    private int charWidth;
    private int casingDim;
    private int hiddenSize;
    private Head head;
    private TagConstraints constraints;
    private double dropout;

    private Builder(TokenClassifierConfig c) {
      wordDim = c.wordDim;
      lowercaseWords = c.lowercaseWords;
      minWordCount = c.minWordCount;
      charDim = c.charDim;
      charFilters = c.charFilters;
      charWidth = c.charWidth;
      casingDim = c.casingDim;
      hiddenSize = c.hiddenSize;
      head = c.head;
      constraints = c.constraints;
      dropout = c.dropout;
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

    /** Character CNN features: embedding size, filters, odd width. */
    public Builder charCnn(int dim, int filters, int width) {
      charDim = dim;
      charFilters = filters;
      charWidth = width;
      return this;
    }

    public Builder noCharFeatures() {
      return charCnn(0, 0, 0);
    }

    /** Casing-class embedding of this size; 0 for none. */
    public Builder casingDim(int v) {
      casingDim = v;
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

    public TokenClassifierConfig build() {
      return new TokenClassifierConfig(wordDim, lowercaseWords, minWordCount, charDim, charFilters, charWidth,
          casingDim, hiddenSize, head, constraints, dropout);
    }
  }
}
