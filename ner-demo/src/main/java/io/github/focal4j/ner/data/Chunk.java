package io.github.focal4j.ner.data;

import java.util.Objects;

/**
 * One entity mention ("chunk" in CoNLL terms): a type over the token range {@code [start, end)} of
 * a sentence.
 *
 * @param type the entity type, such as {@code PER}; non-empty
 * @param start index of the first token, {@code >= 0}
 * @param end index one past the last token, {@code > start}
 */
public record Chunk(String type, int start, int end) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the type is empty or the range is empty or negative
   */
  public Chunk {
    Objects.requireNonNull(type, "type");
    if (type.isEmpty()) {
      throw new IllegalArgumentException("chunk type is empty");
    }
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException(
          "chunk range [" + start + ", " + end + ") is empty or negative");
    }
  }

  /** The number of tokens in the chunk. */
  public int length() {
    return end - start;
  }
}
