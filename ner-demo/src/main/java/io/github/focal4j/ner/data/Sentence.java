package io.github.focal4j.ner.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable sentence: its tokens, one gold tag per token and, per token, the other columns of
 * the file it came from (such as CoNLL-2003's part-of-speech and syntactic chunk columns), kept so
 * that {@link ConllWriter} can write the sentence back.
 *
 * <p>Every field (token, tag, extra column) must be a non-empty string without spaces, tabs, CR or
 * LF, because the CoNLL format separates fields with those. Tags are not checked against a {@link
 * TagScheme} here; {@link Corpus} does that.
 *
 * @param tokens the tokens, at least one
 * @param tags one tag per token
 * @param extraColumns per token, the other columns in file order; every token has the same number
 */
public record Sentence(List<String> tokens, List<String> tags, List<List<String>> extraColumns) {

  /**
   * Validates and copies the lists.
   *
   * @throws IllegalArgumentException if the sentence is empty, the lists differ in length, tokens
   *     have different numbers of extra columns, or a field is empty or contains a separator
   */
  public Sentence {
    tokens = List.copyOf(tokens);
    tags = List.copyOf(tags);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("a sentence needs at least one token");
    }
    if (tags.size() != tokens.size()) {
      throw new IllegalArgumentException(
          "tokens (" + tokens.size() + ") and tags (" + tags.size() + ") differ in number");
    }
    if (extraColumns.size() != tokens.size()) {
      throw new IllegalArgumentException(
          "tokens ("
              + tokens.size()
              + ") and extra-column rows ("
              + extraColumns.size()
              + ") differ in number");
    }
    List<List<String>> extras = new ArrayList<>(extraColumns.size());
    int width = extraColumns.get(0).size();
    for (int i = 0; i < tokens.size(); i++) {
      List<String> row = List.copyOf(extraColumns.get(i));
      if (row.size() != width) {
        throw new IllegalArgumentException(
            "token " + i + " has " + row.size() + " extra columns, token 0 has " + width);
      }
      requireField(tokens.get(i), "token", i);
      requireField(tags.get(i), "tag", i);
      for (String field : row) {
        requireField(field, "extra column", i);
      }
      extras.add(row);
    }
    extraColumns = Collections.unmodifiableList(extras);
  }

  private static void requireField(String field, String what, int index) {
    Objects.requireNonNull(field, what);
    if (field.isEmpty()) {
      throw new IllegalArgumentException(what + " " + index + " is empty");
    }
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        throw new IllegalArgumentException(
            what + " " + index + " '" + field + "' contains a space, tab, CR or LF");
      }
    }
  }

  /** A sentence of tokens and tags only, without extra columns. */
  public static Sentence of(List<String> tokens, List<String> tags) {
    return new Sentence(tokens, tags, Collections.nCopies(tokens.size(), List.of()));
  }

  /** The number of tokens. */
  public int size() {
    return tokens.size();
  }

  /** The number of extra columns of every token. */
  public int extraColumnCount() {
    return extraColumns.get(0).size();
  }

  /**
   * The same tokens and extra columns with other tags, such as a model's predictions.
   *
   * @throws IllegalArgumentException if {@code newTags} has the wrong length or a bad field
   */
  public Sentence withTags(List<String> newTags) {
    return new Sentence(tokens, newTags, extraColumns);
  }
}
