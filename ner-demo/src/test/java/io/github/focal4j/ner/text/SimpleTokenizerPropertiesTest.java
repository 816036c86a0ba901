package io.github.focal4j.ner.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SimpleTokenizerPropertiesTest {

  private final SimpleTokenizer tokenizer = new SimpleTokenizer();

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "U.S.",
            "Mr.",
            "didn't",
            "'s",
            "1,234.5",
            "--",
            "...",
            " ",
            "  ",
            "\n\n",
            ".",
            "!",
            "\"",
            "(",
            ")",
            "well-known",
            "M\u00FCller",
            "\uD83D\uDE00",
            "A",
            "b",
            "-",
            ",");
    return Arbitraries.oneOf(pieces, pieces, Arbitraries.strings().ofMaxLength(4))
        .list()
        .ofMaxSize(30)
        .map(l -> String.join("", l));
  }

  /** Tokens are the non-space parts of the text, in order, each where its offsets say. */
  @Property(tries = 300)
  void tokensTileTheNonSpaceText(@ForAll("texts") String text) {
    List<TokenSpan> tokens = tokenizer.tokenize(text);
    int at = 0;
    for (TokenSpan t : tokens) {
      assertTrue(t.begin() >= at);
      String gap = text.substring(at, t.begin());
      assertTrue(
          gap.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)),
          gap);
      assertEquals(t.text(), text.substring(t.begin(), t.end()));
      assertFalse(
          t.text()
              .codePoints()
              .anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)));
      assertFalse(
          Character.isLowSurrogate(text.charAt(t.begin()))
              && t.begin() > 0
              && Character.isHighSurrogate(text.charAt(t.begin() - 1)),
          "split a surrogate pair");
      at = t.end();
    }
    assertTrue(
        text.substring(at)
            .codePoints()
            .allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)));
  }

  /** Sentences partition the tokens in order. */
  @Property(tries = 300)
  void sentencesPartitionTheTokens(@ForAll("texts") String text) {
    List<TokenSpan> flat =
        tokenizer.split(text).stream().flatMap(s -> s.tokens().stream()).toList();
    assertEquals(tokenizer.tokenize(text), flat);
  }
}
