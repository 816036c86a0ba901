package io.github.focal4j.models.data;

import com.google.common.base.Preconditions;
import java.util.List;

/**
 * A tokenised sentence with its tags (one per token), or without ({@code tags} empty) for
 * prediction. Tokens must be non-empty strings.
 */
public record Sentence(List<String> tokens, List<String> tags) {

  /**
   * @throws IllegalArgumentException for an empty token or a tag count that differs from the token
   *     count
   */
  public Sentence {
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
