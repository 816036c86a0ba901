package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.ner.data.ConllReader;
import io.github.focal4j.ner.data.ConllReaderConfig;
import io.github.focal4j.ner.data.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --encoding}: CoNLL-2002's original files are ISO-8859-1 (Latin-1). Read as UTF-8 (the
 * default) such a file is a data error naming file:line; with {@code --encoding ISO-8859-1} it is
 * read and its accented tokens come out right. Encodings that are unknown or not ASCII-compatible
 * are usage errors naming the flag.
 */
class EncodingTest {

  // invented Spanish sentence in the CoNLL-2002 layout: token, gold tag, predicted tag
  private static final String LINES =
      "Peñarol B-ORG B-ORG\nganó O O\nen O O\nMontevideo B-LOC B-LOC\n. O O\n\n";

  @TempDir Path dir;

  private Path latin1File() throws IOException {
    Path f = dir.resolve("esp.testa");
    Files.write(f, LINES.getBytes(StandardCharsets.ISO_8859_1));
    return f;
  }

  @Test
  void latin1IsADataErrorWhenReadAsUtf8() throws IOException {
    Path f = latin1File();
    Cli.Result r = Cli.run("evaluate", "--predictions", f.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains(f + ":1: invalid UTF-8: byte 0xF1 at byte 3 of the line"), r.err());
  }

  @Test
  void latin1IsScoredWithTheEncodingFlag() throws IOException {
    Cli.Result r =
        Cli.run("evaluate", "--predictions", latin1File().toString(), "--encoding", "ISO-8859-1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("found: 2 phrases; correct: 2."), r.out());
    assertTrue(r.out().contains("FB1: 100.00"), r.out());
  }

  @Test
  void readerDecodesLatin1Tokens() throws IOException {
    Path f = latin1File();
    Corpus c =
        new ConllReader(
                ConllReaderConfig.defaults()
                    .withTagColumn(1)
                    .withEncoding(StandardCharsets.ISO_8859_1))
            .read(f);
    assertEquals(
        List.of("Peñarol", "ganó", "en", "Montevideo", "."), c.sentences().get(0).tokens());
    // the same bytes as UTF-8 are refused, and the default stays UTF-8
    assertEquals(StandardCharsets.UTF_8, ConllReaderConfig.defaults().encoding());
    assertThrows(
        RuntimeException.class,
        () -> new ConllReader(ConllReaderConfig.defaults().withTagColumn(1)).read(f));
  }

  @Test
  void unknownEncodingIsAUsageErrorNamingTheFlag() {
    Cli.Result r = Cli.run("train", "--encoding", "latin-9000");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--encoding latin-9000: unknown character encoding"), r.err());
  }

  @Test
  void encodingsThatAreNotAsciiCompatibleAreRefused() throws IOException {
    Cli.Result r =
        Cli.run("evaluate", "--predictions", latin1File().toString(), "--encoding", "UTF-16");
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err().contains("--encoding UTF-16: encoding UTF-16 is not ASCII-compatible"), r.err());
    assertThrows(
        IllegalArgumentException.class,
        () -> ConllReaderConfig.defaults().withEncoding(StandardCharsets.UTF_16LE));
  }
}
