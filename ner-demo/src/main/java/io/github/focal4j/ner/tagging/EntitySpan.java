package io.github.focal4j.ner.tagging;

import java.util.Objects;

/**
 * An entity found in a text: character offsets (UTF-16 indices, end exclusive), type, the text
 * between the offsets, and the 0-based sentence of the text it is in.
 *
 * @param begin offset of the first character, ≥ 0
 * @param end offset after the last character, &gt; begin
 * @param type the entity type ({@code PER}, {@code LOC} ...)
 * @param text {@code input.substring(begin, end)}, unchanged (line breaks included)
 * @param sentence the sentence index in the text, as the tokenizer split it
 */
public record EntitySpan(int begin, int end, String type, String text, int sentence) {

  /** Checks the offsets. */
  public EntitySpan {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    if (begin < 0 || end <= begin) {
      throw new IllegalArgumentException("bad span [" + begin + ", " + end + ")");
    }
  }
}
