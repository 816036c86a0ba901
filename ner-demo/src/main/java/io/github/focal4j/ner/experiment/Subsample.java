package io.github.focal4j.ner.experiment;

import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.data.Sentence;
import io.github.focal4j.ner.data.TagScheme;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Changes the class balance of a real corpus by dropping sentences: the imbalance sweep's knob for
 * data that cannot be generated.
 */
public final class Subsample {

  private Subsample() {}

  /**
   * Every sentence of {@code corpus} without an entity and a share {@code share} of those with one:
   * {@code round(share × n)} of the n entity sentences, drawn from {@code seed}, so that the same
   * share and seed give the same sentences. The order of the corpus is kept. With fewer entity
   * sentences the O tokens' share grows, but nothing else about the data changes: the sentences are
   * the corpus's own.
   *
   * @param share in (0, 1]; 1 gives the corpus unchanged
   * @throws IllegalArgumentException for a share outside (0, 1], a corpus without entity sentences,
   *     or a share that keeps none of them (the message names a share that keeps one)
   */
  public static Corpus keepEntitySentences(Corpus corpus, double share, long seed) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "the share of entity sentences kept must be in (0, 1], got " + share);
    }
    List<Integer> entity = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      if (hasEntity(corpus.sentences().get(i))) {
        entity.add(i);
      }
    }
    if (entity.isEmpty()) {
      throw new IllegalArgumentException(corpus.name() + " has no sentence with an entity");
    }
    long keep = Math.round(share * entity.size());
    if (keep == 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "a share %s of the %d sentences with an entity in %s keeps none of them; a share of"
                  + " %.3g (one sentence) or more keeps at least one",
              LossSpec.format(share),
              entity.size(),
              corpus.name(),
              1.0 / entity.size()));
    }
    Collections.shuffle(entity, new Random(seed));
    Set<Integer> dropped = new HashSet<>(entity.subList((int) keep, entity.size()));
    List<Sentence> out = new ArrayList<>(corpus.size() - dropped.size());
    for (int i = 0; i < corpus.size(); i++) {
      if (!dropped.contains(i)) {
        out.add(corpus.sentences().get(i));
      }
    }
    return new Corpus(corpus.name(), corpus.scheme(), out);
  }

  /** Whether a sentence has a tag other than O. */
  public static boolean hasEntity(Sentence s) {
    for (String tag : s.tags()) {
      if (!tag.equals(TagScheme.OUTSIDE)) {
        return true;
      }
    }
    return false;
  }

  /** The share of sentences with an entity. */
  public static double entitySentenceShare(Corpus corpus) {
    long n = corpus.sentences().stream().filter(Subsample::hasEntity).count();
    return corpus.size() == 0 ? 0 : (double) n / corpus.size();
  }
}
