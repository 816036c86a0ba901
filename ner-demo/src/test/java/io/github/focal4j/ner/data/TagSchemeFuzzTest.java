package io.github.focal4j.ner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The tag-scheme converter under fuzzing: any sequence of tag-like strings converts between any two
 * schemes to a well-formed sequence with the same chunks, or is rejected with an
 * IllegalArgumentException naming the index; no other exception may escape.
 *
 * <p>Tries: {@code jqwik.tries.default} (200 in {@code mvn verify}); the long run is in
 * docs/RELIABILITY.md.
 */
class TagSchemeFuzzTest {

  @Provide
  Arbitrary<List<String>> anyTags() {
    Arbitrary<String> pool =
        Arbitraries.of(
            "O", "B-PER", "I-PER", "E-PER", "S-PER", "B-LOC", "I-LOC", "E-LOC", "S-LOC", "X-PER",
            "B-", "B-PER-", "b-per", "o", "B", "");
    return Arbitraries.oneOf(pool, pool, pool, Arbitraries.strings().ofMaxLength(6))
        .list()
        .ofMaxSize(12);
  }

  /** Any sequence converts to a well-formed one of the same length, or is rejected with IAE. */
  @Property
  void anySequenceConvertsOrIsRejected(
      @ForAll("anyTags") List<String> tags, @ForAll TagScheme from, @ForAll TagScheme to) {
    boolean allValid = tags.stream().allMatch(from::isValid);
    try {
      List<String> converted = from.convert(tags, to);
      assertTrue(allValid);
      assertEquals(tags.size(), converted.size());
      assertEquals(converted, to.convert(converted, to), "output is well-formed");
      assertEquals(from.decode(tags), to.decode(converted));
    } catch (IllegalArgumentException e) {
      assertTrue(!allValid, e.getMessage());
      assertTrue(e.getMessage().startsWith("at index "), e.getMessage());
    }
  }
}
