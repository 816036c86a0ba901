package io.github.focal4j.ner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TagSchemePropertiesTest {

  /** Chunks over a sentence: a sentence length and non-overlapping chunks inside it. */
  record Chunked(int length, List<Chunk> chunks) {}

  @Provide
  Arbitrary<Chunked> chunked() {
    Arbitrary<String> type = Arbitraries.of("PER", "LOC", "ORG", "MISC-X");
    // Each segment is a gap of O tokens followed by a chunk of 1-4 tokens.
    Arbitrary<int[]> segment =
        Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 4))
            .as((gap, len) -> new int[] {gap, len});
    return Combinators.combine(
            segment.list().ofMaxSize(8),
            type.list().ofSize(8),
            Arbitraries.integers().between(0, 3))
        .as(
            (segments, types, tail) -> {
              List<Chunk> chunks = new ArrayList<>();
              int at = 0;
              for (int i = 0; i < segments.size(); i++) {
                at += segments.get(i)[0];
                chunks.add(new Chunk(types.get(i), at, at + segments.get(i)[1]));
                at += segments.get(i)[1];
              }
              return new Chunked(at + tail, chunks);
            });
  }

  @Property
  void encodingThenDecodingGivesTheChunksBack(
      @ForAll("chunked") Chunked c, @ForAll TagScheme scheme) {
    List<String> tags = scheme.encode(c.chunks(), c.length());
    assertEquals(c.length(), tags.size());
    tags.forEach(scheme::requireValid);
    assertEquals(c.chunks(), scheme.decode(tags));
  }

  @Property
  void iob2ToBioesToIob2IsIdentityOnWellFormedInput(@ForAll("chunked") Chunked c) {
    List<String> iob2 = TagScheme.IOB2.encode(c.chunks(), c.length());
    assertEquals(
        iob2,
        TagScheme.BIOES.convert(TagScheme.IOB2.convert(iob2, TagScheme.BIOES), TagScheme.IOB2));
  }

  @Property
  void conversionBetweenAnyTwoSchemesKeepsChunks(
      @ForAll("chunked") Chunked c, @ForAll TagScheme from, @ForAll TagScheme to) {
    List<String> tags = from.encode(c.chunks(), c.length());
    List<String> converted = from.convert(tags, to);
    assertEquals(c.chunks(), to.decode(converted));
    assertEquals(tags, to.convert(converted, from));
  }
}
