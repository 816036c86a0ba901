package io.github.focal4j.ner.text;

import java.util.List;

/**
 * A sentence of a text: its span from the start of its first token to the end of its last, and its
 * tokens.
 *
 * @param begin the begin offset of the first token
 * @param end the end offset of the last token
 * @param tokens the tokens, at least one, in order
 */
public record SentenceSpan(int begin, int end, List<TokenSpan> tokens) {

  /** Checks that the span matches the tokens. */
  public SentenceSpan {
    tokens = List.copyOf(tokens);
    if (tokens.isEmpty()
        || begin != tokens.get(0).begin()
        || end != tokens.get(tokens.size() - 1).end()) {
      throw new IllegalArgumentException(
          "a sentence span must run from its first to its last token");
    }
  }

  /** The token texts, ready for a tagger. */
  public List<String> words() {
    return tokens.stream().map(TokenSpan::text).toList();
  }
}
