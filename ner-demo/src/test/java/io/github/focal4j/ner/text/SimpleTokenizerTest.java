package io.github.focal4j.ner.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimpleTokenizerTest {

  private final SimpleTokenizer tokenizer = new SimpleTokenizer();

  private List<String> words(String text) {
    return tokenizer.tokenize(text).stream().map(TokenSpan::text).toList();
  }

  private List<List<String>> sentences(String text) {
    return tokenizer.split(text).stream().map(SentenceSpan::words).toList();
  }

  @Test
  void splitsPunctuationFromWords() {
    assertEquals(
        List.of("Peter", "Blackburn", "(", "EU", ")", "said", ":", "no", "!"),
        words("Peter Blackburn (EU) said: no!"));
  }

  @Test
  void keepsAbbreviationsAndInitialismsWhole() {
    assertEquals(
        List.of(
            "U.S.",
            "officials",
            "met",
            "Mr.",
            "Smith",
            "of",
            "Acme",
            "Inc.",
            "in",
            "Jan.",
            ",",
            "e.g.",
            "J.",
            "Doe",
            "."),
        words("U.S. officials met Mr. Smith of Acme Inc. in Jan., e.g. J. Doe."));
  }

  @Test
  void keepsNumbersWithSeparatorsAndDatesWhole() {
    assertEquals(
        List.of(
            "It",
            "cost",
            "$",
            "1,234.56",
            ",",
            "up",
            "3.5",
            "%",
            "on",
            "1996-08-30",
            "at",
            "4:35",
            ";",
            "score",
            "2-1",
            "."),
        words("It cost $1,234.56, up 3.5% on 1996-08-30 at 4:35; score 2-1."));
  }

  @Test
  void keepsHyphenatedWordsAndSplitsDashes() {
    assertEquals(
        List.of("a", "well-known", "state-of-the-art", "plan", "--", "or", "not", "-", "x"),
        words("a well-known state-of-the-art plan -- or not - x"));
  }

  @Test
  void splitsEnglishClitics() {
    assertEquals(
        List.of("Germany", "'s", "O'Brien", "did", "n't", "say", "they", "'re", "AT&T", "'s"),
        words("Germany's O'Brien didn't say they're AT&T's"));
  }

  @Test
  void separatesQuotes() {
    assertEquals(
        List.of("\"", "We", "are", "happy", ",", "\"", "he", "said", "\u2018", "ok", "\u2019", "."),
        words("\"We are happy,\" he said \u2018ok\u2019."));
  }

  @Test
  void handlesUnicodeLettersMarksAndSupplementaryCharacters() {
    String text =
        "M\u00FCller traf \u0141\u00F3d\u017A-B\u00FCrger, cafe\u0301 \uD835\uDC00bc \uD83D\uDE00!";
    List<TokenSpan> tokens = tokenizer.tokenize(text);
    assertEquals(
        List.of(
            "M\u00FCller",
            "traf",
            "\u0141\u00F3d\u017A-B\u00FCrger",
            ",",
            "cafe\u0301",
            "\uD835\uDC00bc",
            "\uD83D\uDE00",
            "!"),
        tokens.stream().map(TokenSpan::text).toList());
    for (TokenSpan t : tokens) {
      assertEquals(t.text(), text.substring(t.begin(), t.end()));
    }
  }

  @Test
  void offsetsPointIntoTheOriginalText() {
    List<TokenSpan> tokens = tokenizer.tokenize("  EU  rejects\tGerman call.");
    assertEquals(
        List.of(
            new TokenSpan("EU", 2, 4),
            new TokenSpan("rejects", 6, 13),
            new TokenSpan("German", 14, 20),
            new TokenSpan("call", 21, 25),
            new TokenSpan(".", 25, 26)),
        tokens);
  }

  @Test
  void splitsSentencesAtTerminatorsBeforeCapitals() {
    assertEquals(
        List.of(
            List.of("He", "left", "."),
            List.of("She", "stayed", "!", "?"),
            List.of("3", "more", "came", "..."),
            List.of("Mr.", "Smith", "did", "n't", ".")),
        sentences("He left. She stayed!? 3 more came... Mr. Smith didn't."));
  }

  @Test
  void doesNotSplitBeforeLowerCaseOrAfterAbbreviations() {
    assertEquals(
        List.of(List.of("It", "rose", "3.5", "pct", ".", "in", "May", "says", "Dr.", "Who", ".")),
        sentences("It rose 3.5 pct. in May says Dr. Who."));
    assertEquals(1, sentences("Officials in the U.S. The end.").size());
  }

  @Test
  void closingQuotesStayWithTheirSentenceAndOpeningQuotesStartTheNext() {
    assertEquals(
        List.of(
            List.of("\"", "Go", "home", ".", "\""),
            List.of("He", "left", "."),
            List.of("\"", "Why", "?", "\""),
            List.of("(", "Yes", ".", ")")),
        sentences("\"Go home.\" He left. \"Why?\" (Yes.)"));
  }

  @Test
  void blankLinesEndSentences() {
    assertEquals(
        List.of(List.of("LONDON", "1996-08-30"), List.of("West", "Indian", "all-rounder")),
        sentences("LONDON 1996-08-30\r\n\r\nWest Indian all-rounder"));
  }

  @Test
  void sentenceSpansCoverTheirTokens() {
    String text = "EU rejects it. Germany agrees.";
    List<SentenceSpan> spans = tokenizer.split(text);
    assertEquals("EU rejects it.", text.substring(spans.get(0).begin(), spans.get(0).end()));
    assertEquals("Germany agrees.", text.substring(spans.get(1).begin(), spans.get(1).end()));
  }

  @Test
  void emptyAndBlankTextHaveNoTokens() {
    assertEquals(List.of(), tokenizer.tokenize(""));
    assertEquals(List.of(), tokenizer.split(" \n\t "));
  }
}
