package io.github.focal4j.ner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.focal4j.ner.data.Chunk;
import io.github.focal4j.ner.data.TagScheme;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Ties the data layer to the metric: {@link TagScheme} must read IOB1/IOB2 tags into exactly the
 * chunks conlleval sees, and conversions must keep those chunks.
 */
class TagSchemeConllevalAgreementTest {

  /** Chunks as conlleval's start/end rules delimit them in one sentence. */
  static List<Chunk> conllevalChunks(List<String> tags) {
    List<Chunk> chunks = new ArrayList<>();
    String prevTag = "O";
    String prevType = "";
    int start = -1;
    String openType = null;
    for (int i = 0; i <= tags.size(); i++) {
      String raw = i < tags.size() ? tags.get(i) : "O"; // the sentence break
      String tag = ConllevalChunkRules.prefix(raw);
      String type = ConllevalChunkRules.type(raw);
      if (openType != null && ConllevalChunkRules.endOfChunk(prevTag, tag, prevType, type)) {
        chunks.add(new Chunk(openType, start, i));
        openType = null;
      }
      if (ConllevalChunkRules.startOfChunk(prevTag, tag, prevType, type)) {
        start = i;
        openType = type;
      }
      prevTag = tag;
      prevType = type;
    }
    return chunks;
  }

  @Provide
  Arbitrary<List<String>> bioTags() {
    Arbitrary<String> tag =
        Arbitraries.of("O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-MISC-X", "I-MISC-X");
    return tag.list().ofMaxSize(25);
  }

  @Property(tries = 300)
  void iobDecodingEqualsConllevalChunks(@ForAll("bioTags") List<String> tags) {
    assertEquals(conllevalChunks(tags), TagScheme.IOB2.decode(tags));
    assertEquals(conllevalChunks(tags), TagScheme.IOB1.decode(tags));
  }

  @Property(tries = 300)
  void conversionToIobKeepsConllevalChunks(
      @ForAll("bioTags") List<String> tags, @ForAll TagScheme via) {
    List<String> converted = TagScheme.IOB2.convert(tags, via);
    assertEquals(conllevalChunks(tags), via.decode(converted));
    assertEquals(conllevalChunks(tags), conllevalChunks(via.convert(converted, TagScheme.IOB2)));
    assertEquals(
        conllevalChunks(tags), conllevalChunks(TagScheme.IOB2.convert(tags, TagScheme.IOB1)));
  }

  @Property(tries = 200)
  void scoringAgainstItselfAfterRepairIsPerfect(@ForAll("bioTags") List<String> tags) {
    EvaluationResult raw = ConllEvaluator.evaluate(List.of(tags), List.of(tags));
    List<String> repaired = TagScheme.IOB2.convert(tags, TagScheme.IOB2);
    EvaluationResult cross = ConllEvaluator.evaluate(List.of(tags), List.of(repaired));
    assertEquals(raw.overall(), cross.overall());
  }
}
