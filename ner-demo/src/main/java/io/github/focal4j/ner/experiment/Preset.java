package io.github.focal4j.ner.experiment;

import io.github.focal4j.models.TagConstraints;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.ops.Precision;
import io.github.focal4j.models.training.LearningRateSchedule;
import io.github.focal4j.models.training.OptimizerConfig;
import io.github.focal4j.models.training.TrainerConfig;
import io.github.focal4j.ner.data.TagScheme;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Named starting points for model, training and tagging scheme; single settings can be changed
 * after choosing one.
 */
public enum Preset {
  /**
   * Exactly the benchmark of the models module: {@link TokenClassifierConfig#reference()}
   * (lower-cased words 100, char CNN 30×30 width 3, BiLSTM 100+100, dropout 0.5, softmax) and
   * {@link TrainerConfig#reference()} (10 epochs, batches of 32, Adam 1e-3, no clipping, 2 shards,
   * seed 1), IOB2 tags.
   */
  REFERENCE(
      "reference",
      "the models benchmark: words 100, char CNN 30, BiLSTM 100+100, softmax, Adam 1e-3, batches of 32,"
          + " 10 epochs"),
  /**
   * A small model for the built-in demo: the reference architecture at half size (words 50, char
   * CNN 20×20, BiLSTM 50+50, dropout 0.25), Adam 2e-3, batches of 16, 4 epochs, IOB2 tags. Sized so
   * that {@code compare} on the synthetic corpus (7 losses × 3 seeds) takes minutes, not hours, on
   * two cores (the root README has the measured time).
   */
  DEMO("demo", "half size, Adam 2e-3, batches of 16, 4 epochs: the built-in demo"),
  /**
   * The 15-epoch CoNLL-2003 configuration from scratch (the reference of the CoNLL tables; {@link
   * #CONLL_FAST} now scores higher in a third of the time): lower-cased words 100 (singletons
   * trained as unknown words: minimum count 2), char CNN 30×50 width 3, casing 8, BiLSTM 200+200,
   * dropout 0.5, CRF head with BIOES constraints, BIOES tags; Adam 1e-3 decaying linearly to 1e-4
   * over 15 epochs, clipping at 5, batches of 16; with a dev set the model keeps its best dev
   * epoch. Its CoNLL-2003 scores and time are in the root README, with {@code
   * benchmarks/conll2003-best.sh}, the command that measures them.
   */
  CONLL("conll", "the 15-epoch CoNLL-2003 setup: CRF, BIOES, casing, BiLSTM 200+200"),
  /**
   * {@link #CONLL} with the softmax head instead of the CRF: the same features (lower-cased words
   * 100, minimum count 2, char CNN 30×50 width 3, casing 8), BiLSTM 200+200, dropout 0.5, BIOES
   * tags and training (Adam 1e-3 decaying linearly to 1e-4 over 15 epochs, clipping at 5, batches
   * of 16, best dev epoch), so that the per-token losses are compared on the strongest model they
   * can train.
   */
  CONLL_SOFTMAX("conll-softmax", "conll with the softmax head, for the per-token losses"),
  /**
   * {@link #CONLL} trained for time to quality: the same model and tags with word dropout 0.2 (a
   * training word is looked up as {@code <unk>} one time in five), and the same schedule shape, but
   * 5 epochs at Adam 3e-3 (decaying linearly to 3e-4) instead of 15 at 1e-3, in about a third of
   * the time. Epochs and rate chosen on dev F1 among five 5–7-epoch settings, then the word dropout
   * among 0.05–0.4; the root README has the ablation and the test scores, with {@code
   * PRESET=conll-fast benchmarks/conll2003-best.sh}.
   */
  CONLL_FAST(
      "conll-fast",
      "conll with word dropout 0.2, in 5 epochs at Adam 3e-3: time to quality, a third of the time"),
  /**
   * {@link #CONLL_FAST} with a BiLSTM of 128+128 instead of 200+200, for tagging throughput: the
   * recurrent products, most of tagging's work, take 2.4 times fewer multiply-adds, and it trains
   * in less time, for a lower F1. The size was chosen on dev F1 between 100 and 128 (three seeds
   * each); the root README has the scores and the tagging speed against the Java NER peers, with
   * {@code PRESET=conll-small benchmarks/peers.sh}.
   */
  CONLL_SMALL(
      "conll-small", "conll-fast with BiLSTM 128+128: faster tagging and training, for a lower F1"),
  /**
   * {@link #CONLL_SMALL} made to train in less time than the Java NER peers' fastest trainer
   * (OpenNLP's maxent name finder): a BiLSTM of 64+64, dropout 0.1 and no word dropout (one epoch
   * leaves little to regularise), 1 epoch at Adam 1e-2 (decaying linearly to 1e-3), and the LSTM
   * and char CNN in float32 ({@link Precision#FLOAT32}, so it needs {@code --add-modules
   * jdk.incubator.vector}, which the launcher adds; {@code --precision float64} after the preset
   * trains without it). Chosen on dev F1 (three seeds) among settings of hidden size, dropout, word
   * dropout, rate and batch size that train in less time than OpenNLP; the root README has the
   * candidates, the test scores and the peers' table, with {@code PRESET=conll-quick
   * benchmarks/peers.sh}.
   */
  CONLL_QUICK(
      "conll-quick",
      "conll-small with BiLSTM 64+64, dropout 0.1, no word dropout, 1 epoch at Adam 1e-2 in float32:"
          + " less training time than the peers");

  private final String cliName;
  private final String summary;

  Preset(String cliName, String summary) {
    this.cliName = cliName;
    this.summary = summary;
  }

  public String cliName() {
    return cliName;
  }

  /** One line for {@code --help}: what the preset is for and what sets it apart. */
  public String summary() {
    return summary;
  }

  /** The architecture. */
  public TokenClassifierConfig model() {
    return switch (this) {
      case REFERENCE -> TokenClassifierConfig.reference();
      case DEMO ->
          TokenClassifierConfig.builder()
              .wordDim(50)
              .charCnn(20, 20, 3)
              .hiddenSize(50)
              .dropout(0.25)
              .build();
      case CONLL ->
          TokenClassifierConfig.builder()
              .wordDim(100)
              .minWordCount(2)
              .charCnn(30, 50, 3)
              .casingDim(8)
              .hiddenSize(200)
              .dropout(0.5)
              .crfHead(TagConstraints.BIOES)
              .build();
      case CONLL_SOFTMAX -> CONLL.model().toBuilder().softmaxHead().build();
      case CONLL_FAST -> CONLL.model().toBuilder().wordDropout(0.2).build();
      case CONLL_SMALL -> CONLL_FAST.model().toBuilder().hiddenSize(128).build();
      case CONLL_QUICK ->
          CONLL_SMALL.model().toBuilder().hiddenSize(64).dropout(0.1).wordDropout(0).build();
    };
  }

  /** The training setup. */
  public TrainerConfig trainer() {
    return switch (this) {
      case REFERENCE -> TrainerConfig.reference();
      case DEMO ->
          TrainerConfig.builder()
              .epochs(4)
              .batchSize(16)
              .optimizer(OptimizerConfig.Adam.withLearningRate(2e-3))
              .build();
      case CONLL ->
          TrainerConfig.builder()
              .epochs(15)
              .batchSize(16)
              .optimizer(OptimizerConfig.Adam.withLearningRate(1e-3))
              .schedule(LearningRateSchedule.linearDecay(0.1))
              .clipNorm(5.0)
              .build();
      case CONLL_SOFTMAX -> CONLL.trainer();
      case CONLL_FAST ->
          CONLL.trainer().toBuilder()
              .epochs(5)
              .optimizer(OptimizerConfig.Adam.withLearningRate(3e-3))
              .build();
      case CONLL_SMALL -> CONLL_FAST.trainer();
      case CONLL_QUICK ->
          CONLL_SMALL.trainer().toBuilder()
              .epochs(1)
              .optimizer(OptimizerConfig.Adam.withLearningRate(1e-2))
              .precision(Precision.FLOAT32)
              .build();
    };
  }

  /** The tags the model learns. */
  public TagScheme tagging() {
    return this == REFERENCE || this == DEMO ? TagScheme.IOB2 : TagScheme.BIOES;
  }

  /**
   * The preset named {@code name}.
   *
   * @throws IllegalArgumentException naming the value and the presets
   */
  public static Preset parse(String name) {
    for (Preset p : values()) {
      if (p.cliName.equalsIgnoreCase(name.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown preset '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(Preset::cliName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
