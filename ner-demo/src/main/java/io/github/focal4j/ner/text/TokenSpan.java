package io.github.focal4j.ner.text;

import java.util.Objects;

/**
 * A token of a text and where it stands: {@code text.equals(source.substring(begin, end))}. Offsets
 * are {@link String} (UTF-16) indices into the original string.
 *
 * @param text the token as it appears in the source; non-empty
 * @param begin index of its first character, {@code >= 0}
 * @param end index one past its last character, {@code == begin + text.length()}
 */
public record TokenSpan(String text, int begin, int end) {

  /** Checks that the offsets match the text. */
  public TokenSpan {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty() || begin < 0 || end != begin + text.length()) {
      throw new IllegalArgumentException(
          "token '" + text + "' does not fit the span [" + begin + ", " + end + ")");
    }
  }
}
