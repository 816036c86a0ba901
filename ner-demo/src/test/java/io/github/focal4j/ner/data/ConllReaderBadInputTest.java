package io.github.focal4j.ner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input matrix of {@link ConllReader}: one test per kind of awkward or broken input, each
 * asserting the exact error message or the defined result.
 */
class ConllReaderBadInputTest {

  @TempDir Path dir;

  private final ConllReader reader = new ConllReader();

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private Path file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Corpus read(String text) {
    return new ConllReader().read(new StringReader(text), "train.txt");
  }

  private static String readError(String text) {
    return assertThrows(DataFormatException.class, () -> read(text)).getMessage();
  }

  @Test
  void emptyFileIsAnErrorNamingTheFile() throws IOException {
    Path empty = file("empty.txt", "");
    DataFormatException e = assertThrows(DataFormatException.class, () -> reader.read(empty));
    assertEquals(empty + ": no sentences: the input is empty", e.getMessage());
    assertEquals(DataFormatException.NO_LINE, e.line());
  }

  @Test
  void fileOfBlankAndDocstartLinesOnlyIsAnError() {
    assertEquals(
        "train.txt: no sentences: all 3 lines are blank or -DOCSTART-",
        readError("-DOCSTART- -X- -X- O\n\n  \t\n"));
  }

  @Test
  void missingTrailingBlankLineStillEndsTheLastSentence() {
    Corpus corpus = read("Acme B-ORG\nsells O\n\nAnna B-PER\nKowalska I-PER");
    assertEquals(2, corpus.size());
    assertEquals(List.of("Anna", "Kowalska"), corpus.sentences().get(1).tokens());
    assertEquals(List.of("B-PER", "I-PER"), corpus.sentences().get(1).tags());
  }

  @Test
  void crlfLineEndsAreAccepted() throws IOException {
    Path crlf = file("crlf.txt", "Acme B-ORG\r\nsells O\r\n\r\nDanish B-MISC\r\n\r\n");
    Corpus corpus = reader.read(crlf);
    assertEquals(2, corpus.size());
    assertEquals(List.of("B-ORG", "O"), corpus.sentences().get(0).tags());
    assertEquals(List.of("Danish"), corpus.sentences().get(1).tokens());
    assertEquals(List.of("B-MISC"), corpus.sentences().get(1).tags());
  }

  @Test
  void strayCarriageReturnIsAnError() {
    assertEquals(
        "train.txt:2: stray carriage return (CR): lines must end with LF or CRLF",
        readError("Acme B-ORG\nsells\rO\n"));
    assertEquals(
        "train.txt:1: stray carriage return (CR): lines must end with LF or CRLF",
        readError("Acme B-ORG\rsells O\r"));
  }

  @Test
  void utf8ByteOrderMarkAtStartIsStripped() throws IOException {
    byte[] text = "Acme B-ORG\n".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[text.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, withBom, 3, text.length);
    Corpus corpus = reader.read(file("bom.txt", withBom));
    assertEquals(List.of("Acme"), corpus.sentences().get(0).tokens());
  }

  @Test
  void invalidUtf8IsAnErrorWithLineAndByte() throws IOException {
    byte[] bytes = "Acme B-ORG\nre\u00FF O\n".getBytes(StandardCharsets.ISO_8859_1);
    Path latin1 = file("latin1.txt", bytes);
    DataFormatException e = assertThrows(DataFormatException.class, () -> reader.read(latin1));
    assertEquals(latin1 + ":2: invalid UTF-8: byte 0xFF at byte 3 of the line", e.getMessage());
  }

  @Test
  void inconsistentColumnCountIsAnErrorNamingTheFirstLine() {
    assertEquals(
        "train.txt:4: expected 4 columns like line 2, found 3",
        readError("\nAcme NNP B-NP B-ORG\nsells VBZ B-VP O\nDanish JJ B-MISC\n"));
  }

  @Test
  void tagWithUnknownPrefixIsAnError() {
    assertEquals(
        "train.txt:2: tag 'X-PER' is not an IOB2 tag: unknown prefix 'X'; expected O, B-TYPE or"
            + " I-TYPE",
        readError("Anna O\nKowalska X-PER\n"));
  }

  @Test
  void tagWithEmptyTypeIsAnError() {
    assertEquals(
        "train.txt:1: tag 'B-' is not an IOB2 tag: empty type; expected O, B-TYPE or I-TYPE",
        readError("Anna B-\n"));
  }

  @Test
  void insideTagAfterOutsideStartsAChunkAndIsWrittenAsBegin() {
    Corpus corpus = read("met O\nAnna I-PER\nKowalska I-PER\n");
    assertEquals(List.of("O", "B-PER", "I-PER"), corpus.sentences().get(0).tags());
    assertEquals(1, corpus.stats().entities());
  }

  @Test
  void tenThousandCharacterTokenIsReadWhole() throws IOException {
    String token = "a".repeat(9_999) + "\u00E9";
    Corpus corpus = reader.read(file("long-token.txt", token + " B-MISC\n"));
    assertEquals(token, corpus.sentences().get(0).tokens().get(0));
    assertEquals(10_000, corpus.sentences().get(0).tokens().get(0).length());
  }

  @Test
  void fiveThousandTokenSentenceIsReadWhole() {
    String text = String.join("", Collections.nCopies(5_000, "word I-LOC\n"));
    Sentence sentence = read(text).sentences().get(0);
    assertEquals(5_000, sentence.size());
    assertEquals("B-LOC", sentence.tags().get(0));
    assertEquals("I-LOC", sentence.tags().get(4_999));
  }
}
