package io.github.focal4j.ner.data;

import java.util.List;
import java.util.Objects;

/**
 * A named, immutable list of sentences whose tags all belong to one {@link TagScheme}.
 *
 * @param name a name for messages and reports, such as the file name ({@code train.txt})
 * @param scheme the scheme of every tag in the corpus
 * @param sentences the sentences, possibly none
 */
public record Corpus(String name, TagScheme scheme, List<Sentence> sentences) {

  /**
   * Validates the tags and copies the list.
   *
   * @throws IllegalArgumentException naming the sentence and token of the first tag that is not of
   *     {@code scheme}
   */
  public Corpus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scheme, "scheme");
    sentences = List.copyOf(sentences);
    for (int s = 0; s < sentences.size(); s++) {
      List<String> tags = sentences.get(s).tags();
      for (int t = 0; t < tags.size(); t++) {
        var problem = scheme.problemWith(tags.get(t));
        if (problem.isPresent()) {
          throw new IllegalArgumentException(
              name + ": sentence " + s + ", token " + t + ": " + problem.get());
        }
      }
    }
  }

  /** The number of sentences. */
  public int size() {
    return sentences.size();
  }

  /** The total number of tokens. */
  public int tokenCount() {
    return sentences.stream().mapToInt(Sentence::size).sum();
  }

  /** Counts sentences, tokens, entities (by type) and O tokens. */
  public CorpusStats stats() {
    return CorpusStats.of(this);
  }

  /** The same sentences under another name. */
  public Corpus withName(String newName) {
    return new Corpus(newName, scheme, sentences);
  }

  /**
   * The same chunks written in another scheme.
   *
   * @return this corpus if {@code to} is its scheme, else a converted copy
   */
  public Corpus convertTo(TagScheme to) {
    if (to == scheme) {
      return this;
    }
    return new Corpus(
        name, to, sentences.stream().map(s -> s.withTags(scheme.convert(s.tags(), to))).toList());
  }
}
