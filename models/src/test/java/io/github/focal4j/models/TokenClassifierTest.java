package io.github.focal4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.GradCheck;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Batch;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import io.github.focal4j.models.training.OptimizerConfig;
import io.github.focal4j.models.training.Trainer;
import io.github.focal4j.models.training.TrainerConfig;
import io.github.focal4j.models.training.TrainingListener;
import io.github.focal4j.models.training.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenClassifierTest {

  private final List<Sentence> data = TinyCorpus.sentences(12, 1);
  private final Encoder encoder = Encoder.builder().lowercaseWords().fit(data);

  @Test
  void featuresThatAreOffAreEmptyNotZero() {
    TokenClassifierConfig plain =
        TokenClassifierConfig.builder().noCharFeatures().noCasingFeature().build();
    assertTrue(plain.charFeatures().isEmpty() && plain.casingDim().isEmpty());
    assertEquals(plain.wordDim(), plain.featureSize());
    TokenClassifierConfig rich = TinyCorpus.smallConfig();
    assertEquals(6 + 5 + 2, rich.featureSize());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TokenClassifierConfig.builder().casingDim(0).build());
    assertTrue(e.getMessage().contains("casingDim must be positive"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> TokenClassifierConfig.builder().charCnn(0, 0, 0));
    assertTrue(e.getMessage().contains("charDim must be positive"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> TokenClassifierConfig.builder().charCnn(8, 8, 2));
    assertTrue(e.getMessage().contains("charWidth must be odd and positive"), e.getMessage());
  }

  @Test
  void parametersHaveDottedNamesInRegistrationOrder() {
    TokenClassifier m =
        TokenClassifier.create(
            TokenClassifierConfig.reference().toBuilder()
                .crfHead(TagConstraints.BIO)
                .casingDim(3)
                .build(),
            encoder,
            new RandomSource(1));
    assertEquals(
        List.of(
            "words.weight",
            "chars.embedding",
            "chars.weight",
            "chars.bias",
            "casing.weight",
            "lstm.forward.weightIh",
            "lstm.forward.weightHh",
            "lstm.forward.bias",
            "lstm.backward.weightIh",
            "lstm.backward.weightHh",
            "lstm.backward.bias",
            "output.weight",
            "output.bias",
            "crf.transitions",
            "crf.start",
            "crf.end"),
        List.copyOf(m.namedParameters().keySet()));
    assertArrayEquals(
        new int[] {400, 133}, m.namedParameters().get("lstm.forward.weightIh").shape());
    // forget-gate bias 1, padding row 0
    assertEquals(1.0, m.namedParameters().get("lstm.forward.bias").get(150));
    assertEquals(0.0, m.namedParameters().get("words.weight").get(0, 5));
  }

  @Test
  void zerosHasTheParametersOfCreateAllZeroAndPredictsAsCreateOnceFilled() {
    TokenClassifierConfig config =
        TokenClassifierConfig.reference().toBuilder()
            .crfHead(TagConstraints.BIO)
            .casingDim(3)
            .build();
    TokenClassifier created = TokenClassifier.create(config, encoder, new RandomSource(1));
    TokenClassifier zeros = TokenClassifier.zeros(config, encoder);
    assertEquals(
        List.copyOf(created.namedParameters().keySet()),
        List.copyOf(zeros.namedParameters().keySet()));
    created
        .namedParameters()
        .forEach(
            (name, p) -> {
              Tensor z = zeros.namedParameters().get(name);
              assertArrayEquals(p.shape(), z.shape(), name);
              for (double v : z.buffer()) {
                assertEquals(0.0, v, name);
              }
            });
    zeros.copyParametersFrom(created);
    List<List<String>> words = data.stream().map(Sentence::tokens).toList();
    assertEquals(created.predict(words, 1), zeros.predict(words, 1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TokenClassifier.zeros(config, Encoder.builder().fit(data))); // not lower-cased
    assertTrue(e.getMessage().contains("lowercaseWords"), e.getMessage());
  }

  @Test
  void logitsArePaddedAndPackedEmissionsMatch() {
    TokenClassifier m =
        TokenClassifier.create(TinyCorpus.smallConfig(), encoder, new RandomSource(2));
    m.eval();
    Batch b = encoder.batch(encoder.encodeAll(data.subList(0, 4)));
    Tensor logits = m.logits(b, null);
    assertArrayEquals(new int[] {4, b.maxLength(), encoder.tags().size()}, logits.shape());
    Tensor e = m.emissions(b, null);
    int last = b.lengths().offset(1) + b.lengths().length(1) - 1;
    assertEquals(e.get(last, 2), logits.get(1, b.lengths().length(1) - 1, 2));
    if (b.lengths().length(1) < b.maxLength()) {
      assertEquals(0.0, logits.get(1, b.maxLength() - 1, 2));
    }
    // The same sentence scores the same alone and in a batch (no leak across padding or sentences).
    Batch alone = encoder.batch(encoder.encodeAll(data.subList(1, 2)));
    assertArrayEquals(
        m.emissions(alone, null).toArray(),
        e.slice(0, b.lengths().offset(1), last + 1).toArray(),
        1e-12);
  }

  @Test
  void wholeModelGradientMatchesFiniteDifferences() {
    TokenClassifier m =
        TokenClassifier.create(
            TinyCorpus.smallConfig().toBuilder().crfHead(TagConstraints.BIO).build(),
            encoder,
            new RandomSource(3));
    Batch b = encoder.batch(encoder.encodeAll(data.subList(0, 3)));
    List<Tensor> ps = new ArrayList<>(m.parameters());
    GradCheck.check(in -> Objective.crfLikelihood().loss(m, b, null), ps.toArray(new Tensor[0]))
        .assertWithin(1e-7, 1e-5);
  }

  @Test
  void overfitsATinyCorpusWithEitherHead() {
    for (TokenClassifierConfig config :
        List.of(
            TinyCorpus.smallConfig(),
            TinyCorpus.smallConfig().toBuilder().crfHead(TagConstraints.BIO).build())) {
      TrainerConfig tc =
          TrainerConfig.builder()
              .epochs(40)
              .batchSize(4)
              .seed(5)
              .optimizer(OptimizerConfig.Adam.withLearningRate(0.03))
              .build();
      TokenClassifier m = TokenClassifier.create(config, encoder, new RandomSource(tc.seed()));
      List<Double> losses = new ArrayList<>();
      TrainingResult r =
          new Trainer(m, Objective.forHead(config.head(), TestLosses.CROSS_ENTROPY), tc)
              .addListener(
                  new TrainingListener() {
                    @Override
                    public void onEpoch(Epoch e) {
                      losses.add(e.meanLoss());
                    }
                  })
              .fit(data, null);
      assertEquals(TrainingResult.Stop.COMPLETED, r.stop());
      assertEquals(40 * 3, r.steps());
      assertTrue(
          losses.get(losses.size() - 1) < 0.1 * losses.get(0), config.head() + " losses " + losses);
      List<List<String>> tokens = data.stream().map(Sentence::tokens).toList();
      assertEquals(
          data.stream().map(Sentence::tags).toList(), m.predict(tokens), config.head().toString());
    }
  }

  @Test
  void predictHandlesEmptySentencesAndUnknownWords() {
    TokenClassifier m =
        TokenClassifier.create(TinyCorpus.smallConfig(), encoder, new RandomSource(4));
    List<List<String>> out = m.predict(List.of(List.of(), List.of("Zyxw", "ünknöwn"), List.of()));
    assertEquals(3, out.size());
    assertEquals(List.of(), out.get(0));
    assertEquals(2, out.get(1).size());
    assertTrue(m.isTraining(), "predict restores the mode");
  }

  @Test
  void predictGivesTheSameTagsOnAnyThreadCountAndAlone() {
    // 300 sentences of lengths 0..20 in mixed order: five batches of 64 over up to three threads;
    // every sentence must get the tags it gets when tagged alone.
    List<List<String>> sentences = new ArrayList<>();
    java.util.SplittableRandom r = new java.util.SplittableRandom(9);
    List<String> words = data.stream().flatMap(x -> x.tokens().stream()).toList();
    for (int i = 0; i < 300; i++) {
      List<String> s = new ArrayList<>();
      for (int n = r.nextInt(21); n > 0; n--) {
        s.add(r.nextInt(10) == 0 ? "unseen" + i : words.get(r.nextInt(words.size())));
      }
      sentences.add(s);
    }
    for (TokenClassifierConfig config :
        List.of(
            TinyCorpus.smallConfig(),
            TinyCorpus.smallConfig().toBuilder().crfHead(TagConstraints.BIO).build())) {
      TokenClassifier m = TokenClassifier.create(config, encoder, new RandomSource(11));
      List<List<String>> one = m.predict(sentences, 1);
      assertEquals(one, m.predict(sentences, 2), config.head().toString());
      assertEquals(one, m.predict(sentences, 3), config.head().toString());
      for (int i = 0; i < sentences.size(); i += 7) {
        assertEquals(one.get(i), m.predict(List.of(sentences.get(i))).get(0), "sentence " + i);
        assertEquals(sentences.get(i).size(), one.get(i).size());
      }
      assertTrue(one.stream().flatMap(List::stream).distinct().count() > 1, "varied tags");
    }
    TokenClassifier m =
        TokenClassifier.create(TinyCorpus.smallConfig(), encoder, new RandomSource(4));
    assertThrows(IllegalArgumentException.class, () -> m.predict(sentences, 0));
  }

  @Test
  void objectiveMustFitTheHead() {
    TokenClassifier m =
        TokenClassifier.create(TinyCorpus.smallConfig(), encoder, new RandomSource(4));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Trainer(m, Objective.crfLikelihood(), TrainerConfig.reference()));
    assertTrue(e.getMessage().contains("SOFTMAX"), e.getMessage());
  }

  @Test
  void replicaSharesValuesButNotGradients() {
    TokenClassifier m =
        TokenClassifier.create(TinyCorpus.smallConfig(), encoder, new RandomSource(6));
    TokenClassifier r = m.replica();
    Tensor p = m.namedParameters().get("output.weight");
    Tensor q = r.namedParameters().get("output.weight");
    assertTrue(p.buffer() == q.buffer());
    Batch b = encoder.batch(encoder.encodeAll(data.subList(0, 2)));
    Objective.tokenLoss(TestLosses.CROSS_ENTROPY).loss(r, b, new SplittableRandom(1)).backward();
    assertTrue(q.gradBuffer() != null && p.gradBuffer() == null);
    int[] rows = r.touchedRows("words.weight");
    assertTrue(rows.length > 0 && rows.length <= 12);
    assertEquals(null, r.touchedRows("output.weight"));
    assertNotEquals(0, m.parameterCount());
  }
}
