package io.github.focal4j.ner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever {@link ConllWriter} writes, {@link ConllReader} reads back to the same sentences. */
class ConllWriterRoundTripTest {

  /** Field text: no space, tab, CR or LF (Sentence forbids them); no BOM; some non-ASCII. */
  private static Arbitrary<String> fields() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .withCharRange('\u00A1', '\u00FF')
        .withCharRange('\u4E00', '\u4E20')
        .withChars('\u000B', '\f', '\u00A0')
        .ofMinLength(1)
        .ofMaxLength(12)
        .filter(s -> !s.equals(ConllReader.DOCSTART));
  }

  @Provide
  Arbitrary<List<Sentence>> sentences() {
    Arbitrary<Integer> extraCount = Arbitraries.integers().between(0, 3);
    return extraCount.flatMap(extras -> sentence(extras).list().ofMinSize(1).ofMaxSize(6));
  }

  private static Arbitrary<Sentence> sentence(int extras) {
    Arbitrary<String> tag =
        Arbitraries.of("O", "O", "B-PER", "I-PER", "B-LOC", "B-MISC-X", "I-MISC-X");
    Arbitrary<List<String>> row = fields().list().ofSize(extras + 1);
    return Arbitraries.integers()
        .between(1, 8)
        .flatMap(
            n ->
                Combinators.combine(row.list().ofSize(n), tag.list().ofSize(n))
                    .as(
                        (rows, tags) -> {
                          List<String> tokens = new ArrayList<>();
                          List<List<String>> extraColumns = new ArrayList<>();
                          for (List<String> r : rows) {
                            tokens.add(r.get(0));
                            extraColumns.add(r.subList(1, r.size()));
                          }
                          // Well-formed IOB2, as the reader (IOB2 in and out) normalises its input.
                          return new Sentence(
                              tokens, TagScheme.IOB2.convert(tags, TagScheme.IOB2), extraColumns);
                        }));
  }

  @Property(tries = 300)
  void writtenSentencesReadBackEqual(@ForAll("sentences") List<Sentence> sentences) {
    StringWriter out = new StringWriter();
    ConllWriter.write(sentences, out);
    Corpus back = new ConllReader().read(new StringReader(out.toString()), "rt");
    assertEquals(sentences, back.sentences());
  }
}
