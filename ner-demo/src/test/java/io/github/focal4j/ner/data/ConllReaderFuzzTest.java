package io.github.focal4j.ner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary input must either parse or fail with a {@link DataFormatException} that names the
 * source; no other exception may escape the reader.
 *
 * <p>Tries: {@code jqwik.tries.default} (200 in {@code mvn verify}); the long run is in
 * docs/RELIABILITY.md.
 */
class ConllReaderFuzzTest {

  /** Bytes biased towards the structure of CoNLL files, with invalid UTF-8 and BOMs mixed in. */
  @Provide
  Arbitrary<byte[]> conllishBytes() {
    Arbitrary<byte[]> pieces =
        Arbitraries.of(
                "B-PER",
                "I-PER",
                "O",
                "B-",
                "X-LOC",
                "-DOCSTART-",
                "word",
                " ",
                "\t",
                "\n",
                "\r\n",
                "\n\n",
                "\u00E9",
                "\uFEFF",
                "I-LOC",
                "B-MISC-X")
            .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(3);
    return Arbitraries.oneOf(pieces, pieces, pieces, raw)
        .list()
        .ofMaxSize(40)
        .map(ConllReaderFuzzTest::concat);
  }

  private static byte[] concat(List<byte[]> parts) {
    int n = parts.stream().mapToInt(p -> p.length).sum();
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Property
  void bytesParseOrFailWithADataFormatException(@ForAll("conllishBytes") byte[] input) {
    try {
      Corpus corpus = new ConllReader().read(new ByteArrayInputStream(input), "fuzz.txt");
      assertFalse(corpus.sentences().isEmpty());
      assertEquals(TagScheme.IOB2, corpus.scheme());
    } catch (DataFormatException e) {
      assertEquals("fuzz.txt", e.path());
      assertTrue(e.getMessage().startsWith("fuzz.txt:"), e.getMessage());
      assertTrue(e.getMessage().endsWith(e.reason()), e.getMessage());
    }
  }

  @Property
  void charactersParseOrFailWithADataFormatException(@ForAll String input) {
    for (TagScheme in : TagScheme.values()) {
      try {
        new ConllReader(
                ConllReaderConfig.defaults().withInputScheme(in).withOutputScheme(TagScheme.BIOES))
            .read(new StringReader(input), "fuzz.txt");
      } catch (DataFormatException e) {
        assertTrue(e.getMessage().startsWith("fuzz.txt"), e.getMessage());
      }
    }
  }
}
