package io.github.focal4j.ner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllWriterTest {

  private static final Sentence ACME =
      new Sentence(
          List.of("Acme", "sells"), List.of("B-ORG", "O"), List.of(List.of("NNP"), List.of("VBZ")));
  private static final Sentence ANNA =
      new Sentence(
          List.of("Anna", "Kowalska"),
          List.of("B-PER", "I-PER"),
          List.of(List.of("NNP"), List.of("NNP")));

  @Test
  void writesTokenExtrasTagWithABlankLineAfterEachSentence() {
    StringWriter out = new StringWriter();
    ConllWriter.write(List.of(ACME, ANNA), out);
    assertEquals(
        "Acme NNP B-ORG\nsells VBZ O\n\nAnna NNP B-PER\nKowalska NNP I-PER\n\n", out.toString());
  }

  @Test
  void writesTheConllevalLayoutForPredictions() {
    StringWriter out = new StringWriter();
    ConllWriter.writePredictions(
        List.of(ACME, ANNA), List.of(List.of("B-ORG", "B-MISC"), List.of("B-PER", "O")), out);
    assertEquals(
        "Acme B-ORG B-ORG\nsells O B-MISC\n\nAnna B-PER B-PER\nKowalska I-PER O\n\n",
        out.toString());
  }

  @Test
  void rejectsPredictionsOfTheWrongShapeBeforeWriting() {
    StringWriter out = new StringWriter();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ConllWriter.writePredictions(
                    List.of(ACME, ANNA), List.of(List.of("O", "O"), List.of("O")), out));
    assertEquals("predicted sentence 1: tokens (2) and tags (1) differ in number", e.getMessage());
    assertEquals("", out.toString());
    assertThrows(
        IllegalArgumentException.class,
        () -> ConllWriter.writePredictions(List.of(ACME), List.of(), out));
  }

  @Test
  void fileRoundTripsThroughTheReader(@TempDir Path dir) {
    Corpus corpus = new Corpus("rt.txt", TagScheme.IOB2, List.of(ACME, ANNA));
    Path path = dir.resolve("rt.txt");
    ConllWriter.write(corpus, path);
    assertEquals(corpus, new ConllReader().read(path));
  }

  @Test
  void readerRoundTripsWrittenText() {
    StringWriter out = new StringWriter();
    ConllWriter.write(List.of(ACME, ANNA), out);
    Corpus back = new ConllReader().read(new StringReader(out.toString()), "x");
    assertEquals(List.of(ACME, ANNA), back.sentences());
  }
}
