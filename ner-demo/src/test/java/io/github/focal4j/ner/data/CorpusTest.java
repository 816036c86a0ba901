package io.github.focal4j.ner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorpusTest {

  private static final Corpus SMALL =
      new Corpus(
          "small",
          TagScheme.IOB2,
          List.of(
              Sentence.of(
                  List.of("EU", "rejects", "German", "call"), List.of("B-ORG", "O", "B-MISC", "O")),
              Sentence.of(List.of("Peter", "Blackburn"), List.of("B-PER", "I-PER"))));

  @Test
  void countsSentencesTokensEntitiesAndOutsideShare() {
    CorpusStats stats = SMALL.stats();
    assertEquals(2, stats.sentences());
    assertEquals(6, stats.tokens());
    assertEquals(3, stats.entities());
    assertEquals(Map.of("MISC", 1, "ORG", 1, "PER", 1), stats.entitiesByType());
    assertEquals(2, stats.outsideTokens());
    assertEquals(2.0 / 6, stats.outsideShare(), 1e-12);
    assertEquals(
        "small: 2 sentences, 6 tokens, 3 entities (MISC 1, ORG 1, PER 1), 33.33% O tokens",
        stats.summary());
  }

  @Test
  void rejectsTagsOutsideItsScheme() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Corpus(
                    "c",
                    TagScheme.IOB2,
                    List.of(Sentence.of(List.of("a", "b"), List.of("O", "S-PER")))));
    assertEquals(
        "c: sentence 0, token 1: tag 'S-PER' is not an IOB2 tag: unknown prefix 'S';"
            + " expected O, B-TYPE or I-TYPE",
        e.getMessage());
  }

  @Test
  void convertsToAnotherSchemeKeepingChunks() {
    Corpus bioes = SMALL.convertTo(TagScheme.BIOES);
    assertEquals(List.of("B-PER", "E-PER"), bioes.sentences().get(1).tags());
    assertEquals(SMALL.stats().entitiesByType(), bioes.stats().entitiesByType());
    assertEquals(SMALL, bioes.convertTo(TagScheme.IOB2));
  }

  @Test
  void emptyCorpusHasZeroStats() {
    CorpusStats stats = new Corpus("none", TagScheme.IOB2, List.of()).stats();
    assertEquals(0, stats.tokens());
    assertEquals(0.0, stats.outsideShare());
    assertEquals("none: 0 sentences, 0 tokens, 0 entities, 0.00% O tokens", stats.summary());
  }

  /**
   * Matches the figures published for CoNLL-2003 dev; runs only where the research data is present.
   */
  @Test
  void conll2003DevStatisticsMatchThePublishedFigures() {
    Optional<Path> found = Conll2003Files.find("dev.txt");
    assumeTrue(found.isPresent(), "CoNLL-2003 data not present");
    Path dev = found.get();
    CorpusStats stats = new ConllReader().read(dev).stats();
    assertEquals(3_250, stats.sentences());
    assertEquals(51_362, stats.tokens());
    assertEquals(5_942, stats.entities());
    assertEquals(0.8325, stats.outsideShare(), 5e-5);
  }
}
