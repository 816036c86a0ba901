package io.github.focal4j.models.data;

import com.google.common.base.Preconditions;
import java.util.List;

/**
 * A tokenised sentence with its tags (one per token), or without ({@code tags} empty) for
 * prediction. Tokens must be non-empty strings.
 */
public record Sentence(List<String> tokens, List<String> tags) {

  /**
   * @throws NullPointerException for a null list, token or tag, naming its index
   * @throws IllegalArgumentException for an empty token or a tag count that differs from the token
   *     count
   */
  public Sentence {
    requireElements(tokens, "tokens", "token");
    requireElements(tags, "tags", "tag");
    tokens = List.copyOf(tokens);
    tags = List.copyOf(tags);
    for (int i = 0; i < tokens.size(); i++) {
      Preconditions.checkArgument(!tokens.get(i).isEmpty(), "Sentence: token %s is empty", i);
    }
    Preconditions.checkArgument(
        tags.isEmpty() || tags.size() == tokens.size(),
        "Sentence: %s tags for %s tokens",
        tags.size(),
        tokens.size());
  }

  /** List.copyOf's own NullPointerException has no message: this one says which element. */
  private static void requireElements(List<String> list, String name, String element) {
    Preconditions.checkNotNull(list, "Sentence: %s is null", name);
    for (int i = 0; i < list.size(); i++) {
      Preconditions.checkNotNull(list.get(i), "Sentence: %s %s is null", element, i);
    }
  }

  public static Sentence of(List<String> tokens, List<String> tags) {
    return new Sentence(tokens, tags);
  }

  public static Sentence unlabeled(List<String> tokens) {
    return new Sentence(tokens, List.of());
  }

  public boolean isLabeled() {
    return !tags.isEmpty() || tokens.isEmpty();
  }

  public int size() {
    return tokens.size();
  }
}
