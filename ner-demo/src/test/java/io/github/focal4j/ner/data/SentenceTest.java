package io.github.focal4j.ner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceTest {

  @Test
  void validatesLengthsAndFields() {
    assertEquals(
        "tokens (2) and tags (1) differ in number",
        assertThrows(
                IllegalArgumentException.class, () -> Sentence.of(List.of("a", "b"), List.of("O")))
            .getMessage());
    assertEquals(
        "a sentence needs at least one token",
        assertThrows(IllegalArgumentException.class, () -> Sentence.of(List.of(), List.of()))
            .getMessage());
    assertEquals(
        "token 1 'b c' contains a space, tab, CR or LF",
        assertThrows(
                IllegalArgumentException.class,
                () -> Sentence.of(List.of("a", "b c"), List.of("O", "O")))
            .getMessage());
    assertEquals(
        "tag 0 is empty",
        assertThrows(IllegalArgumentException.class, () -> Sentence.of(List.of("a"), List.of("")))
            .getMessage());
    assertEquals(
        "token 1 has 0 extra columns, token 0 has 1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Sentence(
                        List.of("a", "b"), List.of("O", "O"), List.of(List.of("X"), List.of())))
            .getMessage());
  }

  @Test
  void isImmutable() {
    List<String> tokens = new ArrayList<>(List.of("a"));
    Sentence sentence = Sentence.of(tokens, List.of("O"));
    tokens.set(0, "changed");
    assertEquals(List.of("a"), sentence.tokens());
    assertThrows(UnsupportedOperationException.class, () -> sentence.tags().set(0, "B-X"));
    assertThrows(
        UnsupportedOperationException.class, () -> sentence.extraColumns().set(0, List.of()));
    assertEquals(1, sentence.size());
    assertEquals(0, sentence.extraColumnCount());
  }

  @Test
  void withTagsKeepsTokensAndExtras() {
    Sentence s = new Sentence(List.of("EU"), List.of("B-ORG"), List.of(List.of("NNP")));
    Sentence p = s.withTags(List.of("O"));
    assertEquals(List.of("O"), p.tags());
    assertEquals(s.tokens(), p.tokens());
    assertEquals(s.extraColumns(), p.extraColumns());
  }
}
