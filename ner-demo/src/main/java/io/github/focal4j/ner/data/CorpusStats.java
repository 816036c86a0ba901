package io.github.focal4j.ner.data;

import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Size and class balance of a {@link Corpus}: the figures the demo prints before training.
 *
 * @param name the corpus name
 * @param sentences number of sentences
 * @param tokens number of tokens
 * @param entities number of chunks, as the corpus scheme decodes them
 * @param entitiesByType number of chunks per type, sorted by type
 * @param outsideTokens number of tokens tagged {@value TagScheme#OUTSIDE}
 */
public record CorpusStats(
    String name,
    int sentences,
    int tokens,
    int entities,
    SortedMap<String, Integer> entitiesByType,
    int outsideTokens) {

  /** Copies the map into an unmodifiable sorted map. */
  public CorpusStats {
    entitiesByType = Collections.unmodifiableSortedMap(new TreeMap<>(entitiesByType));
  }

  /** Counts the statistics of a corpus. */
  public static CorpusStats of(Corpus corpus) {
    int tokens = 0;
    int outside = 0;
    SortedMap<String, Integer> byType = new TreeMap<>();
    for (Sentence sentence : corpus.sentences()) {
      tokens += sentence.size();
      for (String tag : sentence.tags()) {
        if (tag.equals(TagScheme.OUTSIDE)) {
          outside++;
        }
      }
      for (Chunk chunk : corpus.scheme().decode(sentence.tags())) {
        byType.merge(chunk.type(), 1, Integer::sum);
      }
    }
    int entities = byType.values().stream().mapToInt(Integer::intValue).sum();
    return new CorpusStats(corpus.name(), corpus.size(), tokens, entities, byType, outside);
  }

  /** The share of tokens tagged O, in [0, 1]; 0 for an empty corpus. */
  public double outsideShare() {
    return tokens == 0 ? 0.0 : (double) outsideTokens / tokens;
  }

  /**
   * One line for people, for example {@code dev.txt: 3,250 sentences, 51,362 tokens, 5,942 entities
   * (LOC 1,837, MISC 922, ORG 1,341, PER 1,842), 83.25% O tokens}.
   */
  public String summary() {
    String types =
        entitiesByType.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "%s: %,d sentences, %,d tokens, %,d entities%s, %.2f%% O tokens",
        name,
        sentences,
        tokens,
        entities,
        types.isEmpty() ? "" : " (" + types + ")",
        100.0 * outsideShare());
  }
}
