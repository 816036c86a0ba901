package io.github.focal4j.models.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TagConstraints;
import io.github.focal4j.models.TinyCorpus;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.data.Batch;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The float32 tagger against the model's own float64 forward pass, on every optional part of the
 * architecture (runs where the Vector API is present).
 */
class FloatTaggerTest {

  private static final List<Sentence> TRAIN = TinyCorpus.sentences(60, 1);

  @BeforeEach
  void needsTheVectorApi() {
    assumeTrue(FloatTagger.isSupported(), "runs in the surefire execution with the Vector API");
  }

  /** Sentences of mixed lengths (1 to 40, one empty) from the corpus's words and unseen ones. */
  private static List<List<String>> sentences(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> words = new ArrayList<>();
    TRAIN.forEach(s -> words.addAll(s.tokens()));
    words.addAll(List.of("Zürich", "UNSEEN", "x1y2", "naïve", "İstanbul", "—", "🙂"));
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i == 7 ? 0 : 1 + rng.nextInt(i % 5 == 0 ? 40 : 12);
      List<String> s = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        s.add(words.get(rng.nextInt(words.size())));
      }
      out.add(s);
    }
    return out;
  }

  private static List<TokenClassifierConfig> configs() {
    TokenClassifierConfig small = TinyCorpus.smallConfig(); // chars, casing, softmax
    return List.of(
        small,
        small.toBuilder().hiddenSize(21).wordDim(17).crfHead(TagConstraints.BIO).build(),
        small.toBuilder().noCharFeatures().hiddenSize(16).build(),
        TokenClassifierConfig.builder()
            .wordDim(9)
            .charCnn(5, 7, 5)
            .hiddenSize(3)
            .noCasingFeature()
            .build());
  }

  @Test
  void emissionsEqualTheFloat64ForwardPassToFloatPrecision() {
    List<List<String>> sentences = sentences(150, 2);
    for (TokenClassifierConfig config : configs()) {
      Encoder encoder = TokenClassifier.fitEncoder(config, TRAIN);
      TokenClassifier model = TokenClassifier.create(config, encoder, new RandomSource(7));
      Batch batch =
          encoder.batch(
              sentences.stream().map(s -> encoder.encode(Sentence.unlabeled(s))).toList());
      double[] want;
      model.eval();
      try (NoGrad ignored = NoGrad.enter()) {
        want = model.emissions(batch, null).buffer();
      }
      // with the word table, and with the word share computed per token (a table over budget)
      for (long budget : new long[] {Long.MAX_VALUE, 0}) {
        double[] got = FloatTagger.of(model, budget, 0).emissions(batch);
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
          assertEquals(
              want[i],
              got[i],
              1e-5 * (1 + Math.abs(want[i])),
              config + " budget " + budget + " score " + i);
        }
      }
    }
  }

  @Test
  void tagsEqualTheFloat64TagsAndDoNotDependOnThreads() {
    List<List<String>> sentences = sentences(400, 3);
    for (TokenClassifierConfig config : configs()) {
      Encoder encoder = TokenClassifier.fitEncoder(config, TRAIN);
      TokenClassifier model = TokenClassifier.create(config, encoder, new RandomSource(8));
      FloatTagger fast = FloatTagger.of(model);
      List<List<String>> slow = model.predict(sentences, 1);
      List<List<String>> one = fast.predict(sentences, 1);
      assertEquals(one, fast.predict(sentences, 2), config.toString());
      int tokens = 0;
      int same = 0;
      for (int s = 0; s < sentences.size(); s++) {
        assertEquals(sentences.get(s).size(), one.get(s).size());
        for (int t = 0; t < one.get(s).size(); t++) {
          tokens++;
          same += one.get(s).get(t).equals(slow.get(s).get(t)) ? 1 : 0;
        }
      }
      // random models have near-ties; still at most one token in a thousand may differ
      assertTrue(same >= tokens - tokens / 1000, config + ": " + same + " of " + tokens + " equal");
      assertTrue(one.stream().flatMap(List::stream).distinct().count() > 1, "varied tags");
    }
  }

  @Test
  void aSmallBatchIsTaggedBeforeTheWordTableIsBuiltWithTheSameBits() throws Exception {
    TokenClassifierConfig config = configs().get(1); // CRF head, odd sizes
    Encoder encoder = TokenClassifier.fitEncoder(config, TRAIN);
    TokenClassifier model = TokenClassifier.create(config, encoder, new RandomSource(5));
    List<java.util.concurrent.FutureTask<float[]>> held = new ArrayList<>();
    FloatTagger tagger =
        FloatTagger.of(
            model,
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            task -> {
              java.util.concurrent.FutureTask<float[]> f =
                  new java.util.concurrent.FutureTask<>(task);
              held.add(f); // built only when the test runs it
              return f;
            });
    List<List<String>> small = sentences(12, 4).subList(0, 3);
    Batch batch =
        encoder.batch(small.stream().map(s -> encoder.encode(Sentence.unlabeled(s))).toList());
    assertTrue(batch.tokens() <= FloatTagger.SMALL_BATCH_TOKENS, "tokens: " + batch.tokens());
    double[] before = tagger.emissions(batch);
    List<List<String>> tagsBefore = tagger.predict(small, 1);
    assertEquals(1, held.size());
    org.junit.jupiter.api.Assertions.assertFalse(
        held.get(0).isDone(), "the table is not built yet");
    held.get(0).run();
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        before, tagger.emissions(batch), 0.0, "the same emissions from the built table");
    assertEquals(tagsBefore, tagger.predict(small, 1));
  }

  @Test
  void cachedInputRowsGiveTheSameBitsAsComputedOnes() {
    // the corpus's words and unseen ones (word id <unk>, told apart by their characters), in
    // batches that share some tokens; a cache of 40 rows fills up during the first batch
    List<List<String>> first = sentences(60, 5);
    List<List<String>> second = sentences(60, 6);
    for (TokenClassifierConfig config : configs()) {
      Encoder encoder = TokenClassifier.fitEncoder(config, TRAIN);
      TokenClassifier model = TokenClassifier.create(config, encoder, new RandomSource(11));
      for (long tableBudget : new long[] {Long.MAX_VALUE, 0}) {
        FloatTagger plain = FloatTagger.of(model, tableBudget, 0);
        long row = 4L * plain.inputRowFloats() + 128;
        for (long cacheBudget : new long[] {40 * row, Long.MAX_VALUE}) {
          FloatTagger cached = FloatTagger.of(model, tableBudget, cacheBudget);
          String what = config + " table " + tableBudget + " cache " + cacheBudget;
          for (List<List<String>> sentences : List.of(first, second, first)) {
            Batch batch =
                encoder.batch(
                    sentences.stream().map(s -> encoder.encode(Sentence.unlabeled(s))).toList());
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                plain.emissions(batch), cached.emissions(batch), 0.0, what);
          }
          int kept = cached.cachedInputRows();
          if (config.charFeatures().isPresent() || tableBudget == 0) {
            assertTrue(kept > 0, what + ": rows kept");
            assertTrue(kept <= (cacheBudget == Long.MAX_VALUE ? 2000 : 40), what + ": " + kept);
          } else {
            assertEquals(0, kept, what + ": a copy from the word table needs no cache");
          }
          assertEquals(plain.predict(second, 2), cached.predict(second, 2), what);
        }
      }
    }
  }

  @Test
  void isASnapshotOfTheParametersWhenItWasMade() {
    TokenClassifierConfig config =
        TinyCorpus.smallConfig().toBuilder().crfHead(TagConstraints.BIO).build();
    Encoder encoder = TokenClassifier.fitEncoder(config, TRAIN);
    TokenClassifier model = TokenClassifier.create(config, encoder, new RandomSource(9));
    FloatTagger fast = FloatTagger.of(model);
    List<List<String>> sentences = sentences(50, 4);
    Batch batch = encoder.batch(encoder.encodeAll(TRAIN.subList(0, 5)));
    double[] before = fast.emissions(batch);
    List<List<String>> tags = fast.predict(sentences, 1);
    double[] words = model.namedParameters().get("words.weight").buffer();
    for (int i = 0; i < words.length; i++) {
      words[i] += 0.5;
    }
    assertEquals(before[0], fast.emissions(batch)[0]);
    assertNotEquals(before[0], FloatTagger.of(model).emissions(batch)[0]);
    // the CRF's scores too: make every transition but the first tag's self-loop impossible to
    // prefer
    double[] transitions = model.namedParameters().get("crf.transitions").buffer();
    java.util.Arrays.fill(transitions, -1e3);
    transitions[0] = 1e3;
    assertEquals(tags, fast.predict(sentences, 1));
    assertNotEquals(tags, model.predict(sentences, 1));
  }
}
