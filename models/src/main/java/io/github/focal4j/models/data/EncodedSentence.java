package io.github.focal4j.models.data;

/**
 * A sentence as ids, ready to batch: word ids, casing ids, the characters of every token
 * concatenated with {@code size() + 1} offsets, and tag ids (null when unlabeled). Built by {@link
 * Encoder}; immutable (accessors return copies).
 */
public final class EncodedSentence {

  private final int[] words;
  private final int[] casing;
  private final int[] chars;
  private final int[] charOffsets;
  private final int[] tags;

  EncodedSentence(int[] words, int[] casing, int[] chars, int[] charOffsets, int[] tags) {
    this.words = words;
    this.casing = casing;
    this.chars = chars;
    this.charOffsets = charOffsets;
    this.tags = tags;
  }

  public int size() {
    return words.length;
  }

  public boolean isLabeled() {
    return tags != null;
  }

  public int[] words() {
    return words.clone();
  }

  public int[] casing() {
    return casing.clone();
  }

  public int[] chars() {
    return chars.clone();
  }

  public int[] charOffsets() {
    return charOffsets.clone();
  }

  /**
   * @return the tag ids, or null when unlabeled
   */
  public int[] tags() {
    return tags == null ? null : tags.clone();
  }

  // Package-private views for Batch, without copies.
  int[] wordsView() {
    return words;
  }

  int[] casingView() {
    return casing;
  }

  int[] charsView() {
    return chars;
  }

  int[] charOffsetsView() {
    return charOffsets;
  }

  int[] tagsView() {
    return tags;
  }
}
