package io.github.focal4j.models;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Batch;
import io.github.focal4j.models.data.Casing;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import io.github.focal4j.models.data.Vocabulary;
import io.github.focal4j.models.layers.BiLstm;
import io.github.focal4j.models.layers.CharCnn;
import io.github.focal4j.models.layers.Crf;
import io.github.focal4j.models.layers.Dropout;
import io.github.focal4j.models.layers.Embedding;
import io.github.focal4j.models.layers.Linear;
import io.github.focal4j.models.layers.WordDropout;
import io.github.focal4j.models.ops.ArgMax;
import io.github.focal4j.models.ops.Packing;
import io.github.focal4j.models.ops.TransitionMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A BiLSTM-CNN(-CRF) sequence tagger (Lample et al. 2016; Ma and Hovy 2016), configured by a {@link
 * TokenClassifierConfig} and bound to the {@link Encoder} (vocabularies and tag set) of its
 * training data.
 *
 * <pre>{@code
 * TokenClassifierConfig config = TokenClassifierConfig.reference();
 * Encoder encoder = TokenClassifier.fitEncoder(config, train);      // vocabularies from training data only
 * TokenClassifier model = TokenClassifier.create(config, encoder, new RandomSource(42));
 * Tensor loss = Objective.tokenLoss(crossEntropy).loss(model, batch, rng);   // training, see Trainer
 * List<List<String>> tags = model.predict(List.of(List.of("EU", "rejects", "German", "call")));
 * }</pre>
 *
 * <p>Children, in parameter order: {@code words} ({@link Embedding}), {@code chars} ({@link
 * CharCnn}, optional), {@code casing} ({@link Embedding}, optional), {@code lstm} ({@link BiLstm}),
 * {@code output} ({@link Linear}), {@code crf} ({@link Crf}, CRF head only). Every token-wise layer
 * runs on the packed real tokens of a batch, so padding costs nothing.
 *
 * <p><b>Heads and imbalance losses.</b> The softmax head is trained with any {@link
 * io.github.focal4j.loss.MultiClassLoss} (cross-entropy, focal, softened truncation, ...), one term
 * per real token, padding masked out. The CRF head is trained with the sentence negative
 * log-likelihood, optionally mixed with any of those losses applied to its token marginals {@code
 * p(y_t | x)} (forward–backward; see {@link Objective#crf}).
 *
 * <p>Not thread-safe: training uses one {@link #replica()} per worker.
 */
public final class TokenClassifier extends Module implements Tagger {

  private final TokenClassifierConfig config;
  private final Encoder encoder;
  private final WordDropout wordDropout;
  private final Embedding words;
  private final CharCnn chars;
  private final Embedding casing;
  private final Dropout inputDropout;
  private final BiLstm lstm;
  private final Dropout outputDropout;
  private final Linear output;
  private final Crf crf;

  private TokenClassifier(
      TokenClassifierConfig config,
      Encoder encoder,
      Embedding words,
      CharCnn chars,
      Embedding casing,
      BiLstm lstm,
      Linear output,
      Crf crf) {
    this.config = config;
    this.encoder = encoder;
    this.wordDropout = registerModule("wordDropout", new WordDropout(config.wordDropout()));
    this.words = registerModule("words", words);
    this.chars = chars == null ? null : registerModule("chars", chars);
    this.casing = casing == null ? null : registerModule("casing", casing);
    this.inputDropout = registerModule("inputDropout", new Dropout(config.dropout()));
    this.lstm = registerModule("lstm", lstm);
    this.outputDropout = registerModule("outputDropout", new Dropout(config.dropout()));
    this.output = registerModule("output", output);
    this.crf = crf == null ? null : registerModule("crf", crf);
  }

  /**
   * A freshly initialised model; all initial values come from {@code random.initialization()}.
   *
   * @throws IllegalArgumentException if the encoder's tags do not fit the configured constraints
   */
  public static TokenClassifier create(
      TokenClassifierConfig config, Encoder encoder, RandomSource random) {
    return build(config, encoder, Optional.of(random.initialization()));
  }

  /**
   * A model of this configuration with every parameter zero: what a model file's parameters are
   * read into, without the random initialisation's cost (the LSTM's orthogonal blocks).
   *
   * @throws IllegalArgumentException as {@link #create}
   */
  public static TokenClassifier zeros(TokenClassifierConfig config, Encoder encoder) {
    return build(config, encoder, Optional.empty());
  }

  /** The layers of the configuration, initialised from {@code init}, or zero without it. */
  private static TokenClassifier build(
      TokenClassifierConfig config, Encoder encoder, Optional<SplittableRandom> init) {
    Preconditions.checkArgument(
        encoder.words().lowercase() == config.lowercaseWords(),
        "the encoder %s lower-case words but the configuration says lowercaseWords=%s (use fitEncoder)",
        encoder.words().lowercase() ? "does" : "does not",
        config.lowercaseWords());
    int vocab = encoder.words().size();
    int wordDim = config.wordDim();
    Embedding words =
        init.map(r -> new Embedding(vocab, wordDim, Vocabulary.PAD, r))
            .orElseGet(() -> Embedding.zeros(vocab, wordDim, Vocabulary.PAD));
    int alphabet = encoder.chars().size();
    CharCnn chars =
        config
            .charFeatures()
            .map(
                f ->
                    init.map(r -> new CharCnn(alphabet, f.dim(), f.filters(), f.width(), r))
                        .orElseGet(() -> CharCnn.zeros(alphabet, f.dim(), f.filters(), f.width())))
            .orElse(null);
    int casings = Casing.values().length;
    int pad = Casing.PAD.ordinal();
    Embedding casing =
        config.casingDim().isEmpty()
            ? null
            : init.map(r -> new Embedding(casings, config.casingDim().getAsInt(), pad, r))
                .orElseGet(() -> Embedding.zeros(casings, config.casingDim().getAsInt(), pad));
    int in = config.featureSize();
    int hidden = config.hiddenSize();
    BiLstm lstm =
        init.map(r -> new BiLstm(in, hidden, r)).orElseGet(() -> BiLstm.zeros(in, hidden));
    int c = encoder.tags().size();
    Linear output =
        init.map(r -> new Linear(2 * hidden, c, r)).orElseGet(() -> Linear.zeros(2 * hidden, c));
    Crf crf = null;
    if (config.head() == Head.CRF) {
      List<String> tags = encoder.tags().tags();
      TransitionMask mask =
          switch (config.constraints()) {
            case NONE -> TransitionMask.none(c);
            case BIO -> TransitionMask.bio(tags);
            case BIOES -> TransitionMask.bioes(tags);
          };
      crf = init.map(r -> new Crf(c, mask, r)).orElseGet(() -> Crf.zeros(c, mask));
    }
    return new TokenClassifier(config, encoder, words, chars, casing, lstm, output, crf);
  }

  /**
   * The encoder of {@code train} with the configuration's word options (lower-casing, minimum
   * count).
   */
  public static Encoder fitEncoder(TokenClassifierConfig config, List<Sentence> train) {
    Encoder.Builder b = Encoder.builder().minWordCount(config.minWordCount());
    if (config.lowercaseWords()) {
      b.lowercaseWords();
    }
    return b.fit(train);
  }

  public TokenClassifierConfig config() {
    return config;
  }

  @Override
  public Encoder encoder() {
    return encoder;
  }

  /** The CRF layer. @throws IllegalStateException for the softmax head */
  public Crf crf() {
    Preconditions.checkState(crf != null, "the model has a softmax head, not a CRF");
    return crf;
  }

  /**
   * Per-token scores of the real tokens, packed {@code [N, C]} (see {@link Batch#lengths()}).
   *
   * @param dropoutRng the dropout masks' generator; needed in training mode when dropout &gt; 0
   */
  public Tensor emissions(Batch batch, RandomGenerator dropoutRng) {
    List<Tensor> features = new ArrayList<>(3);
    features.add(words.forward(wordDropout.forward(batch.packedWordIds().buffer(), dropoutRng)));
    if (chars != null) {
      features.add(
          chars.forward(batch.packedCharIds().buffer(), batch.packedCharOffsets().buffer()));
    }
    if (casing != null) {
      features.add(casing.forward(batch.packedCasingIds().buffer()));
    }
    Tensor x =
        features.size() == 1 ? features.get(0) : Tensor.concat(1, features.toArray(new Tensor[0]));
    x = inputDropout.forward(x, dropoutRng);
    Tensor h = outputDropout.forward(lstm.forward(x, batch.lengths()), dropoutRng);
    return output.forward(h);
  }

  /** Per-token scores, padded {@code [B, T, C]} (0 at padding): the logits of the softmax head. */
  public Tensor logits(Batch batch, RandomGenerator dropoutRng) {
    return Packing.unpack(emissions(batch, dropoutRng), batch.lengths(), batch.maxLength());
  }

  /**
   * Predicted tag ids of the real tokens, packed: argmax (softmax head) or Viterbi (CRF head). No
   * graph.
   */
  public int[] predictIds(Batch batch) {
    boolean wasTraining = isTraining();
    eval();
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor e = emissions(batch, null);
      if (crf != null) {
        return crf.decode(e, batch.lengths());
      }
      return ArgMax.decode(e.buffer(), e.size(1));
    } finally {
      if (wasTraining) {
        train();
      }
    }
  }

  /**
   * Tags of tokenised sentences (empty sentences give empty lists), on the calling thread; see
   * {@link #predict(List, int)}.
   */
  public List<List<String>> predict(List<List<String>> sentences) {
    return predict(sentences, 1);
  }

  /** Each call: a {@link #replica()} (sharing the parameters) and its {@link #predictIds}. */
  @Override
  public Function<Batch, int[]> newBatchTagger() {
    return replica()::predictIds;
  }

  @Override
  public TokenClassifier replica() {
    return inSameMode(
        new TokenClassifier(
            config,
            encoder,
            words.replica(),
            chars == null ? null : chars.replica(),
            casing == null ? null : casing.replica(),
            lstm.replica(),
            output.replica(),
            crf == null ? null : crf.replica()));
  }

  /** Used by {@link Objective}: the gold tags of a labeled batch, packed. */
  static int[] goldTags(Batch batch) {
    IntTensor t = batch.packedTagIds();
    return t.buffer();
  }
}
