package io.github.focal4j.ner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConllReaderTest {

  private static final String CONLL2003_LAYOUT =
      "-DOCSTART- -X- -X- O\n"
          + "\n"
          + "Acme NNP B-NP B-ORG\n"
          + "sells VBZ B-VP O\n"
          + "Danish JJ B-NP B-MISC\n"
          + "\n"
          + "\n"
          + "Anna\tNNP\tB-NP   B-PER\n"
          + "  Kowalska NNP I-NP I-PER  \n"
          + "-DOCSTART- -X- -X- O\n"
          + "OSLO NNP B-NP B-LOC\n";

  private static Corpus read(ConllReaderConfig config, String text) {
    return new ConllReader(config).read(new StringReader(text), "sample.txt");
  }

  @Test
  void readsTokensTagsAndExtraColumns() {
    Corpus corpus = read(ConllReaderConfig.defaults(), CONLL2003_LAYOUT);
    assertEquals("sample.txt", corpus.name());
    assertEquals(TagScheme.IOB2, corpus.scheme());
    assertEquals(3, corpus.size());
    Sentence first = corpus.sentences().get(0);
    assertEquals(List.of("Acme", "sells", "Danish"), first.tokens());
    assertEquals(List.of("B-ORG", "O", "B-MISC"), first.tags());
    assertEquals(
        List.of(List.of("NNP", "B-NP"), List.of("VBZ", "B-VP"), List.of("JJ", "B-NP")),
        first.extraColumns());
    assertEquals(List.of("Anna", "Kowalska"), corpus.sentences().get(1).tokens());
    assertEquals(List.of("OSLO"), corpus.sentences().get(2).tokens());
  }

  @Test
  void docstartEndsASentenceEvenWithoutABlankLine() {
    Corpus corpus = read(ConllReaderConfig.defaults(), "a O\n-DOCSTART- O\nb O\n");
    assertEquals(2, corpus.size());
  }

  @Test
  void tagColumnCanBeCountedFromEitherEnd() {
    String text = "Acme B-ORG NNP\nsells O VBZ\n";
    List<String> expected = List.of("B-ORG", "O");
    assertEquals(
        expected,
        read(ConllReaderConfig.defaults().withTagColumn(1), text).sentences().get(0).tags());
    Corpus fromEnd = read(ConllReaderConfig.defaults().withTagColumn(-2), text);
    assertEquals(expected, fromEnd.sentences().get(0).tags());
    assertEquals(
        List.of(List.of("NNP"), List.of("VBZ")), fromEnd.sentences().get(0).extraColumns());
  }

  @Test
  void tagColumnOutsideTheLineIsAnError() {
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> read(ConllReaderConfig.defaults().withTagColumn(-3), "\nAcme NNP B-ORG\n"));
    assertEquals(
        "sample.txt:2: tag column -3 is not a tag column of a line with 3 columns"
            + " (column 0 is the token)",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ConllReaderConfig.defaults().withTagColumn(0));
  }

  @Test
  void singleColumnIsAnError() {
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> read(ConllReaderConfig.defaults(), "Acme\n"));
    assertEquals(
        "sample.txt:1: expected at least 2 columns (token and tag), found 1", e.getMessage());
  }

  @Test
  void convertsInputSchemeToOutputScheme() {
    ConllReaderConfig bioesToIob2 =
        ConllReaderConfig.defaults()
            .withInputScheme(TagScheme.BIOES)
            .withOutputScheme(TagScheme.IOB2);
    Corpus corpus = read(bioesToIob2, "Anna B-PER\nKowalska E-PER\nAcme S-ORG\n");
    assertEquals(List.of("B-PER", "I-PER", "B-ORG"), corpus.sentences().get(0).tags());
    assertEquals(TagScheme.IOB2, corpus.scheme());

    ConllReaderConfig iob1ToBioes =
        ConllReaderConfig.defaults()
            .withInputScheme(TagScheme.IOB1)
            .withOutputScheme(TagScheme.BIOES);
    Corpus other = read(iob1ToBioes, "a I-PER\nb B-PER\nc I-PER\n");
    assertEquals(List.of("S-PER", "B-PER", "E-PER"), other.sentences().get(0).tags());
  }

  @Test
  void bioesTagsAreRejectedWhenTheInputIsIob2() {
    DataFormatException e =
        assertThrows(
            DataFormatException.class, () -> read(ConllReaderConfig.defaults(), "Acme S-ORG\n"));
    assertEquals(1, e.line());
    assertEquals("sample.txt", e.path());
  }

  @Test
  void readsUtf8FromAStreamWithExactLineNumbersForBadBytes() {
    byte[] good = "Acme B-ORG\n\nM\u00FCller B-PER\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        List.of("M\u00FCller"),
        new ConllReader()
            .read(new ByteArrayInputStream(good), "stdin")
            .sentences()
            .get(1)
            .tokens());
    byte[] bad = {
      'a', ' ', 'O', '\n', 'b', ' ', 'O', '\n', (byte) 0xE2, (byte) 0x82, ' ', 'O', '\n'
    };
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> new ConllReader().read(new ByteArrayInputStream(bad), "stdin"));
    assertEquals("stdin:3: invalid UTF-8: byte 0xE2 at byte 1 of the line", e.getMessage());
  }

  @Test
  void codingErrorsFromAReaderBecomeDataFormatExceptions() {
    byte[] bad = {'a', ' ', 'O', '\n', (byte) 0xFF, ' ', 'O', '\n'};
    InputStreamReader strict =
        new InputStreamReader(new ByteArrayInputStream(bad), StandardCharsets.UTF_8.newDecoder());
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> new ConllReader().read(strict, "x.txt"));
    assertEquals("x.txt", e.path());
    assertEquals("invalid character encoding (MalformedInputException)", e.reason());
  }
}
