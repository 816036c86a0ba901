package io.github.focal4j.ner.data;

import static io.github.focal4j.ner.data.TagScheme.BIOES;
import static io.github.focal4j.ner.data.TagScheme.IOB1;
import static io.github.focal4j.ner.data.TagScheme.IOB2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagSchemeTest {

  private static List<String> tags(String spaceSeparated) {
    return spaceSeparated.isEmpty() ? List.of() : Arrays.asList(spaceSeparated.split(" "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "X-PER", "B-", "B-PER-", "B--PER", "b-per", "o", "B", "O-PER", "-PER", "E-PER", "BB-PER",
        "B-P ER"
      })
  void rejectsTagsOutsideIob2(String tag) {
    assertFalse(IOB2.isValid(tag), tag);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IOB2.requireValid(tag));
    assertTrue(e.getMessage().startsWith("tag '" + tag + "' is not an IOB2 tag: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; expected O, B-TYPE or I-TYPE"), e.getMessage());
  }

  @Test
  void explainsEachKindOfBadTag() {
    assertEquals(
        Optional.of(
            "tag 'X-PER' is not an IOB2 tag: unknown prefix 'X'; expected O, B-TYPE or I-TYPE"),
        IOB2.problemWith("X-PER"));
    assertEquals(
        Optional.of(
            "tag 'B-PER-' is not a BIOES tag: type 'PER-' starts or ends with '-';"
                + " expected O, B-TYPE, I-TYPE, E-TYPE or S-TYPE"),
        BIOES.problemWith("B-PER-"));
    assertEquals(
        Optional.of("tag 'PER' is not an IOB1 tag: no prefix; expected O, I-TYPE or B-TYPE"),
        IOB1.problemWith("PER"));
    assertEquals(Optional.empty(), IOB2.problemWith("O"));
  }

  @Test
  void typeIsEverythingAfterTheFirstHyphen() {
    assertTrue(IOB2.isValid("B-MISC-X"));
    assertEquals(List.of(new Chunk("MISC-X", 0, 2)), IOB2.decode(tags("B-MISC-X I-MISC-X")));
    assertEquals(
        List.of(new Chunk("MISC-X", 0, 1), new Chunk("MISC", 1, 2)),
        IOB2.decode(tags("B-MISC-X I-MISC")));
  }

  @Test
  void bioesPrefixesAreOnlyValidInBioes() {
    assertTrue(BIOES.isValid("S-PER"));
    assertTrue(BIOES.isValid("E-PER"));
    assertFalse(IOB2.isValid("S-PER"));
    assertFalse(IOB1.isValid("E-PER"));
  }

  @Test
  void decodesIob2AsConllevalDoes() {
    // I- after O starts a chunk; I- after another type starts a chunk; B- always starts one.
    assertEquals(
        List.of(
            new Chunk("PER", 1, 3),
            new Chunk("LOC", 3, 4),
            new Chunk("LOC", 4, 5),
            new Chunk("ORG", 6, 7)),
        IOB2.decode(tags("O I-PER I-PER I-LOC B-LOC O I-ORG")));
  }

  @Test
  void decodesIob1LikeIob2() {
    List<String> iob1 = tags("I-PER I-PER B-PER O I-LOC");
    assertEquals(
        List.of(new Chunk("PER", 0, 2), new Chunk("PER", 2, 3), new Chunk("LOC", 4, 5)),
        IOB1.decode(iob1));
    assertEquals(IOB2.decode(iob1), IOB1.decode(iob1));
  }

  @Test
  void decodesWellFormedBioes() {
    assertEquals(
        List.of(
            new Chunk("PER", 0, 1),
            new Chunk("PER", 1, 2),
            new Chunk("LOC", 2, 5),
            new Chunk("LOC", 5, 7)),
        BIOES.decode(tags("S-PER S-PER B-LOC I-LOC E-LOC B-LOC E-LOC O")));
  }

  @Test
  void decodesIllFormedBioes() {
    // I- and E- after O or another type start a chunk; E- closes it; B- without E- runs to the next
    // start.
    assertEquals(
        List.of(
            new Chunk("PER", 1, 2),
            new Chunk("PER", 2, 4),
            new Chunk("LOC", 4, 6),
            new Chunk("LOC", 6, 7)),
        BIOES.decode(tags("O E-PER I-PER I-PER B-LOC E-LOC E-LOC")));
  }

  @Test
  void encodesEachScheme() {
    List<Chunk> chunks =
        List.of(new Chunk("PER", 0, 2), new Chunk("PER", 2, 3), new Chunk("LOC", 4, 5));
    assertEquals(tags("I-PER I-PER B-PER O I-LOC"), IOB1.encode(chunks, 5));
    assertEquals(tags("B-PER I-PER B-PER O B-LOC"), IOB2.encode(chunks, 5));
    assertEquals(tags("B-PER E-PER S-PER O S-LOC"), BIOES.encode(chunks, 5));
  }

  @Test
  void encodeRejectsOverlappingOrOutOfRangeChunks() {
    assertThrows(
        IllegalArgumentException.class,
        () -> IOB2.encode(List.of(new Chunk("A", 0, 2), new Chunk("A", 1, 3)), 3));
    assertThrows(
        IllegalArgumentException.class, () -> IOB2.encode(List.of(new Chunk("A", 2, 4)), 3));
  }

  @Test
  void convertsBetweenSchemes() {
    List<String> iob2 = tags("B-PER I-PER B-PER O B-LOC I-LOC I-LOC");
    List<String> bioes = tags("B-PER E-PER S-PER O B-LOC I-LOC E-LOC");
    List<String> iob1 = tags("I-PER I-PER B-PER O I-LOC I-LOC I-LOC");
    assertEquals(bioes, IOB2.convert(iob2, BIOES));
    assertEquals(iob1, IOB2.convert(iob2, IOB1));
    assertEquals(iob2, BIOES.convert(bioes, IOB2));
    assertEquals(iob2, IOB1.convert(iob1, IOB2));
    assertEquals(bioes, IOB1.convert(iob1, BIOES));
  }

  @Test
  void convertingToTheSameSchemeRepairsIllFormedInput() {
    assertEquals(tags("O B-PER I-PER B-LOC"), IOB2.convert(tags("O I-PER I-PER I-LOC"), IOB2));
    assertEquals(tags("S-PER"), BIOES.convert(tags("I-PER"), BIOES));
  }

  @Test
  void convertNamesTheIndexOfABadTag() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> IOB2.convert(tags("O B-PER S-PER"), BIOES));
    assertEquals(
        "at index 2: tag 'S-PER' is not an IOB2 tag: unknown prefix 'S';"
            + " expected O, B-TYPE or I-TYPE",
        e.getMessage());
  }

  @Test
  void emptySequenceConvertsToEmpty() {
    assertEquals(List.of(), IOB2.convert(List.of(), BIOES));
  }
}
