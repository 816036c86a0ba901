package io.github.focal4j.ner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.focal4j.ner.data.Conll2003Files;
import io.github.focal4j.ner.data.ConllReader;
import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.data.Sentence;
import io.github.focal4j.ner.data.TagScheme;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConllEvaluatorTest {

  private static List<String> tags(String s) {
    return Arrays.asList(s.split(" "));
  }

  @Test
  void countsChunksTagsAndTypes() {
    EvaluationResult r =
        ConllEvaluator.evaluate(
            List.of(tags("B-PER I-PER O B-LOC"), tags("B-ORG")),
            List.of(tags("B-PER I-PER O B-ORG"), tags("O")));
    assertEquals(5, r.tokens());
    assertEquals(3, r.correctTags());
    assertEquals(new ChunkCounts(3, 2, 1), r.overall());
    assertEquals(List.of("LOC", "ORG", "PER"), List.copyOf(r.byType().keySet()));
    assertEquals(new ChunkCounts(1, 1, 0), r.byType().get("ORG"));
    assertEquals(new ChunkCounts(1, 1, 1), r.byType().get("PER"));
    assertEquals(60.0, r.accuracy(), 1e-12);
    assertEquals(50.0, r.precision(), 1e-12);
    assertEquals(100.0 / 3, r.recall(), 1e-12);
    assertEquals(40.0, r.f1(), 1e-12);
  }

  @Test
  void confusionSeparatesOutsideFromEntityTokens() {
    EvaluationResult r =
        ConllEvaluator.evaluate(
            List.of(tags("O O O O B-PER I-PER B-LOC")), List.of(tags("O O O B-ORG O I-PER B-PER")));
    TokenConfusion c = r.confusion();
    assertEquals(new TokenConfusion(3, 1, 1, 2), c);
    assertEquals(75.0, c.outsideRecall(), 1e-12);
    assertEquals(200.0 / 3, c.entityRecall(), 1e-12);
    assertEquals(200.0 / 3, c.entityPrecision(), 1e-12);
    assertEquals(400.0 / 7, c.goldOutsideShare(), 1e-12);
  }

  @Test
  void allOutsidePredictionsShowImbalance() {
    EvaluationResult r =
        ConllEvaluator.evaluate(
            List.of(tags("O O O O O O O O B-PER I-PER")), List.of(tags("O O O O O O O O O O")));
    assertEquals(80.0, r.accuracy(), 1e-12);
    assertEquals(0.0, r.f1());
    assertEquals(100.0, r.confusion().outsideRecall());
    assertEquals(0.0, r.confusion().entityRecall());
  }

  @Test
  void resultDoesNotConsumeThePendingChunk() {
    ConllEvaluator e = new ConllEvaluator();
    e.add("B-PER", "B-PER");
    assertEquals(1, e.result().overall().correct());
    assertEquals(1, e.result().overall().correct());
    e.add("I-PER", "O");
    assertEquals(0, e.result().overall().correct());
  }

  @Test
  void sentenceBoundaryEndsChunks() {
    ConllEvaluator joined = new ConllEvaluator();
    joined.add("B-PER", "B-PER");
    joined.add("I-PER", "B-PER");
    ConllEvaluator split = new ConllEvaluator();
    split.add("B-PER", "B-PER");
    split.boundary();
    split.add("I-PER", "B-PER");
    assertEquals(new ChunkCounts(1, 2, 0), joined.result().overall());
    assertEquals(new ChunkCounts(2, 2, 2), split.result().overall());
  }

  @Test
  void rejectsMismatchedShapes() {
    assertEquals(
        "sentence 1: 2 gold tags but 1 predicted ones",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ConllEvaluator.evaluate(
                        List.of(tags("O"), tags("O O")), List.of(tags("O"), tags("O"))))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ConllEvaluator.evaluate(List.of(tags("O")), List.of()));
  }

  @Test
  void bioesCorpusIsScoredAfterConversionToIob2() {
    Corpus gold =
        new Corpus(
            "g",
            TagScheme.BIOES,
            List.of(Sentence.of(List.of("a", "b", "c"), tags("S-PER S-PER O"))));
    EvaluationResult r = ConllEvaluator.evaluate(gold, List.of(tags("S-PER S-PER O")));
    // conlleval on the raw BIOES tags would see one chunk; after conversion there are two.
    assertEquals(new ChunkCounts(2, 2, 2), r.overall());
    EvaluationResult raw =
        ConllEvaluator.evaluate(List.of(tags("S-PER S-PER O")), List.of(tags("S-PER S-PER O")));
    assertEquals(new ChunkCounts(1, 1, 1), raw.overall());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConllEvaluator.evaluate(gold, List.of(tags("S-PER X-PER O"))));
    assertEquals(
        "predicted sentence 0: at index 1: tag 'X-PER' is not a BIOES tag: unknown prefix 'X';"
            + " expected O, B-TYPE, I-TYPE, E-TYPE or S-TYPE",
        e.getMessage());
  }

  /** Gold against itself on real data scores 100; runs only where the research data is present. */
  @Test
  void conll2003DevGoldAgainstItselfScoresOneHundred() {
    Optional<Path> found = Conll2003Files.find("dev.txt");
    assumeTrue(found.isPresent(), "CoNLL-2003 data not present");
    Path dev = found.get();
    Corpus gold = new ConllReader().read(dev);
    EvaluationResult r =
        ConllEvaluator.evaluate(gold, gold.sentences().stream().map(Sentence::tags).toList());
    assertEquals(51_362, r.tokens());
    assertEquals(new ChunkCounts(5_942, 5_942, 5_942), r.overall());
    assertEquals(100.0, r.f1());
    assertEquals(100.0, r.accuracy());
    assertEquals(
        "processed 51362 tokens with 5942 phrases; found: 5942 phrases; correct: 5942.\n"
            + "accuracy: 100.00%; precision: 100.00%; recall: 100.00%; FB1: 100.00\n"
            + "              LOC: precision: 100.00%; recall: 100.00%; FB1: 100.00  1837\n"
            + "             MISC: precision: 100.00%; recall: 100.00%; FB1: 100.00  922\n"
            + "              ORG: precision: 100.00%; recall: 100.00%; FB1: 100.00  1341\n"
            + "              PER: precision: 100.00%; recall: 100.00%; FB1: 100.00  1842\n",
        ConllevalReport.format(r));
  }
}
