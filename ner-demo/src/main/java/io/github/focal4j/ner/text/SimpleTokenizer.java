package io.github.focal4j.ner.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Splits raw English-like text into sentences and tokens, with offsets into the original string, in
 * the style of the CoNLL-2003 data ({@code Germany 's}, {@code did n't}, {@code 1996-08-30}).
 *
 * <p>Tokens:
 *
 * <ul>
 *   <li>Words are runs of Unicode letters, digits, combining marks, format characters and {@code
 *       _}, joined by a hyphen between word characters ({@code state-of-the-art}, {@code
 *       1996-08-30}, {@code 2-1}), by {@code .}, {@code ,} or {@code :} between digits ({@code
 *       1,234.56}, {@code 4:35}), by {@code &} between capitals ({@code AT&T}), and by an
 *       apostrophe between letters ({@code O'Brien}).
 *   <li>English clitics become tokens of their own: {@code 's 're 've 'll 'd 'm} and {@code n't}
 *       ({@code didn't} is {@code did n't}).
 *   <li>Abbreviations keep their period: initialisms of single letters ({@code U.S.}, {@code
 *       e.g.}), a single capital as an initial ({@code J.}), and a fixed list of titles, company
 *       suffixes and months ({@code Mr.}, {@code Inc.}, {@code Jan.} ...).
 *   <li>{@code ...} and longer runs of dots, and {@code --} and longer runs of hyphens, are one
 *       token; every other punctuation or symbol character (quotes, brackets, {@code $}, {@code %})
 *       is a token by itself.
 *   <li>White space (Java's white space and Unicode space separators) separates tokens and never
 *       belongs to one.
 * </ul>
 *
 * <p>Sentences end after {@code .}, {@code !}, {@code ?}, {@code ...} or {@code …} (and any closing
 * quotes and brackets right after; a straight quote closes when it touches the token before it)
 * when the next token starts with a capital, a digit or an opening quote or bracket, or the text
 * ends; and at every blank line (paragraph break). An abbreviation's period never ends a sentence,
 * so {@code in the U.S. The} stays one sentence: a known limit of rules without a model.
 *
 * <p>Offsets are UTF-16 indices ({@link String#substring} positions); a supplementary character
 * never splits. Stateless and thread-safe.
 */
public final class SimpleTokenizer {

  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "messrs", "gen", "gov", "sen", "rep",
          "col", "lt", "sgt", "capt", "rev", "inc", "ltd", "co", "corp", "plc", "bros", "vs", "etc",
          "no", "nos", "approx", "dept", "est", "fig", "mt", "ft", "jan", "feb", "mar", "apr",
          "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");
  private static final Set<String> CLITICS = Set.of("s", "re", "ve", "ll", "d", "m");
  private static final String SENTENCE_END = ".!?\u2026";
  private static final String CLOSING = "\"'\u2019\u201D)]}\u00BB";
  private static final String OPENING = "\"'\u2018\u201C([{\u00AB";

  /** Splits {@code text} into tokens. */
  public List<TokenSpan> tokenize(String text) {
    List<TokenSpan> tokens = new ArrayList<>();
    scan(text, tokens, new ArrayList<>());
    return tokens;
  }

  /** Splits {@code text} into sentences of tokens; white-space-only text gives none. */
  public List<SentenceSpan> split(String text) {
    List<TokenSpan> tokens = new ArrayList<>();
    List<Boolean> paragraphBefore = new ArrayList<>();
    scan(text, tokens, paragraphBefore);
    List<SentenceSpan> sentences = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < tokens.size(); i++) {
      boolean last = i + 1 == tokens.size();
      if (last || paragraphBefore.get(i + 1) || endsSentence(tokens, i)) {
        List<TokenSpan> part = tokens.subList(start, i + 1);
        sentences.add(new SentenceSpan(part.get(0).begin(), part.get(part.size() - 1).end(), part));
        start = i + 1;
      }
    }
    return sentences;
  }

  /** True when a sentence ends after token {@code i} (which is not the last). */
  private static boolean endsSentence(List<TokenSpan> tokens, int i) {
    TokenSpan next = tokens.get(i + 1);
    if (isTerminator(next.text()) || isClosing(tokens, i + 1)) {
      return false; // the sentence end, if any, comes after the run of terminators and closers
    }
    int j = i;
    while (j >= 0 && isClosing(tokens, j)) {
      j--;
    }
    if (j < 0 || !isTerminator(tokens.get(j).text())) {
      return false;
    }
    int first = next.text().codePointAt(0);
    return Character.isUpperCase(first)
        || Character.isTitleCase(first)
        || Character.isDigit(first)
        || OPENING.indexOf(first) >= 0;
  }

  private static boolean isTerminator(String token) {
    return token.length() == 1
        ? SENTENCE_END.indexOf(token.charAt(0)) >= 0
        : token.startsWith("...");
  }

  /**
   * True when token {@code k} closes a quotation or bracket. Straight quotes ({@code "} and {@code
   * '}) close only when they touch the token before them; otherwise they open.
   */
  private static boolean isClosing(List<TokenSpan> tokens, int k) {
    String token = tokens.get(k).text();
    if (token.length() != 1 || CLOSING.indexOf(token.charAt(0)) < 0) {
      return false;
    }
    boolean straightQuote = token.equals("\"") || token.equals("'");
    return !straightQuote || (k > 0 && tokens.get(k - 1).end() == tokens.get(k).begin());
  }

  private void scan(String text, List<TokenSpan> tokens, List<Boolean> paragraphBefore) {
    Objects.requireNonNull(text, "text");
    int i = 0;
    int n = text.length();
    int newlines = 0;
    while (i < n) {
      int c = text.codePointAt(i);
      if (isSpace(c)) {
        if (c == '\n') {
          newlines++;
        }
        i += Character.charCount(c);
        continue;
      }
      int end = isWordChar(c) ? wordEnd(text, i) : punctuationEnd(text, i);
      paragraphBefore.add(newlines >= 2);
      newlines = 0;
      tokens.add(new TokenSpan(text.substring(i, end), i, end));
      i = end;
    }
  }

  /** The end of the word, clitic or abbreviation starting at {@code start}. */
  private static int wordEnd(String text, int start) {
    int j = start;
    while (true) {
      j = skipWordChars(text, j);
      if (j >= text.length()) {
        return j;
      }
      char c = text.charAt(j);
      int prev = text.codePointBefore(j);
      int next = j + 1 < text.length() ? text.codePointAt(j + 1) : -1;
      boolean joins =
          ((c == '-' || c == '\u2010') && isWordChar(next))
              || ((c == '.' || c == ',' || c == ':') && Character.isDigit(prev) && isDigit(next))
              || (c == '&'
                  && Character.isUpperCase(prev)
                  && next >= 0
                  && Character.isUpperCase(next));
      if (joins) {
        j++;
        continue;
      }
      if ((c == '\'' || c == '\u2019')
          && Character.isLetter(prev)
          && next >= 0
          && Character.isLetter(next)) {
        int suffixEnd = skipLetters(text, j + 1);
        String suffix = text.substring(j + 1, suffixEnd).toLowerCase(Locale.ROOT);
        if (suffix.equals("t") && (prev == 'n' || prev == 'N') && j - 1 > start) {
          return j - 1; // "did|n't"; the clitic is scanned as the next token
        }
        if (CLITICS.contains(suffix)) {
          return j; // "Germany|'s"
        }
        j++;
        continue;
      }
      return withAbbreviationPeriod(text, start, j);
    }
  }

  private static int withAbbreviationPeriod(String text, int start, int end) {
    if (end >= text.length() || text.charAt(end) != '.') {
      return end;
    }
    String word = text.substring(start, end);
    if (word.codePointCount(0, word.length()) == 1 && Character.isLetter(word.codePointAt(0))) {
      // An initialism (U.S., e.g.) or a capital initial (J.).
      int j = end + 1;
      while (j < text.length() && Character.isLetter(text.codePointAt(j))) {
        int period = j + Character.charCount(text.codePointAt(j));
        if (period >= text.length() || text.charAt(period) != '.') {
          break;
        }
        j = period + 1;
      }
      boolean initialism = j > end + 1;
      return initialism || Character.isUpperCase(word.codePointAt(0)) ? j : end;
    }
    return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT)) ? end + 1 : end;
  }

  /**
   * The end of a punctuation token starting at {@code start}: a clitic, a dot or dash run, or one
   * character.
   */
  private static int punctuationEnd(String text, int start) {
    char c = text.charAt(start);
    if ((c == '\'' || c == '\u2019')
        && start > 0
        && Character.isLetter(text.codePointBefore(start))) {
      int end = skipLetters(text, start + 1);
      if (CLITICS.contains(text.substring(start + 1, end).toLowerCase(Locale.ROOT))) {
        return end;
      }
    }
    if (c == '.' || c == '-') {
      int end = start;
      while (end < text.length() && text.charAt(end) == c) {
        end++;
      }
      int run = end - start;
      if ((c == '.' && run >= 3) || (c == '-' && run >= 2)) {
        return end;
      }
    }
    return start + Character.charCount(text.codePointAt(start));
  }

  private static int skipWordChars(String text, int j) {
    while (j < text.length() && isWordChar(text.codePointAt(j))) {
      j += Character.charCount(text.codePointAt(j));
    }
    return j;
  }

  private static int skipLetters(String text, int j) {
    while (j < text.length() && Character.isLetter(text.codePointAt(j))) {
      j += Character.charCount(text.codePointAt(j));
    }
    return j;
  }

  private static boolean isDigit(int c) {
    return c >= 0 && Character.isDigit(c);
  }

  /** White space between tokens: Java's white space and Unicode space separators. */
  static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isWordChar(int c) {
    if (c < 0) {
      return false;
    }
    if (Character.isLetterOrDigit(c) || c == '_') {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT;
  }
}
