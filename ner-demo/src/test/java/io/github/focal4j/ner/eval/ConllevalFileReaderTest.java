package io.github.focal4j.ner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.focal4j.ner.data.DataFormatException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllevalFileReaderTest {

  private static final String WITH_DOCSTART =
      "-DOCSTART- -X- O O\n\nEU NNP B-ORG B-ORG\nrejects VBZ O B-MISC\n";

  private static EvaluationResult evaluate(DocstartPolicy policy, String text) {
    return new ConllevalFileReader(policy).evaluate(new StringReader(text), "pred.txt");
  }

  @Test
  void docstartLinesAreTokensByDefaultAsInConlleval() {
    EvaluationResult asConlleval =
        new ConllevalFileReader().evaluate(new StringReader(WITH_DOCSTART), "p");
    assertEquals(3, asConlleval.tokens());
    assertEquals(2, asConlleval.correctTags());
    EvaluationResult asBoundary = evaluate(DocstartPolicy.SENTENCE_BOUNDARY, WITH_DOCSTART);
    assertEquals(2, asBoundary.tokens());
    assertEquals(asConlleval.overall(), asBoundary.overall());
  }

  @Test
  void boundaryLinesStartingWithXEndSentencesUncounted() {
    EvaluationResult r =
        evaluate(DocstartPolicy.SCORED_AS_TOKEN, "a B-PER B-PER\n-X- B-PER B-PER\nb I-PER I-PER\n");
    assertEquals(2, r.tokens());
    assertEquals(new ChunkCounts(2, 2, 2), r.overall());
  }

  @Test
  void inconsistentColumnsAreAnErrorWithLine() {
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> evaluate(DocstartPolicy.SCORED_AS_TOKEN, "\na O O\nb O\n"));
    assertEquals("pred.txt:3: expected 3 columns like line 2, found 2", e.getMessage());
  }

  @Test
  void singleColumnIsAnError() {
    DataFormatException e =
        assertThrows(
            DataFormatException.class, () -> evaluate(DocstartPolicy.SCORED_AS_TOKEN, "O\n"));
    assertEquals(
        "pred.txt:1: expected at least 2 columns (gold and predicted tag), found 1",
        e.getMessage());
  }

  @Test
  void emptyInputScoresNothing() {
    EvaluationResult r = evaluate(DocstartPolicy.SCORED_AS_TOKEN, "");
    assertEquals(0, r.tokens());
    assertEquals(
        "processed 0 tokens with 0 phrases; found: 0 phrases; correct: 0.\n",
        ConllevalReport.format(r));
  }

  @Test
  void invalidUtf8InAFileIsAnErrorWithLine(@TempDir Path dir) throws IOException {
    Path file =
        Files.write(
            dir.resolve("pred.txt"),
            new byte[] {'a', ' ', 'O', ' ', 'O', '\n', 'b', (byte) 0xC3, ' ', 'O', ' ', 'O', '\n'});
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> new ConllevalFileReader().evaluate(file));
    assertEquals(file + ":2: invalid UTF-8: byte 0xC3 at byte 2 of the line", e.getMessage());
  }

  @Test
  void crlfAndTabsAreAccepted() {
    EvaluationResult r =
        evaluate(DocstartPolicy.SCORED_AS_TOKEN, "a\tB-PER\tB-PER\r\nb  I-PER I-PER\r\n");
    assertEquals(new ChunkCounts(1, 1, 1), r.overall());
    assertEquals(2, r.correctTags());
  }
}
