package io.github.focal4j.ner.experiment;

import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.data.Sentence;
import io.github.focal4j.ner.data.TagScheme;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Changes the class balance of a real corpus by dropping sentences: the imbalance sweep's knob for
 * data that cannot be generated.
 */
public final class Subsample {

  private Subsample() {}

  /**
   * A subset of {@code corpus} in which the share of sentences with at least one entity is {@code
   * share}: entity sentences are dropped when the corpus has more than that, entity-free ones when
   * it has fewer. Which sentences stay is drawn from {@code seed}; their order is kept.
   *
   * @param share in (0, 1]
   * @throws IllegalArgumentException for a share outside (0, 1], or a corpus without entity
   *     sentences, or one that cannot reach the share (no entity-free sentences for a share below
   *     1)
   */
  public static Corpus toEntitySentenceShare(Corpus corpus, double share, long seed) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("entity sentence share must be in (0, 1], got " + share);
    }
    List<Integer> entity = new ArrayList<>();
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      (hasEntity(corpus.sentences().get(i)) ? entity : free).add(i);
    }
    if (entity.isEmpty()) {
      throw new IllegalArgumentException(corpus.name() + " has no sentence with an entity");
    }
    Random random = new Random(seed);
    Collections.shuffle(entity, random);
    Collections.shuffle(free, random);
    double current = (double) entity.size() / corpus.size();
    int keepEntity = entity.size();
    int keepFree = free.size();
    if (share < current) {
      keepEntity = (int) Math.round(share * free.size() / (1 - share));
    } else if (share > current) {
      keepFree = (int) Math.round((1 - share) * entity.size() / share);
    }
    keepEntity = Math.max(1, Math.min(entity.size(), keepEntity));
    List<Integer> keep = new ArrayList<>(entity.subList(0, keepEntity));
    keep.addAll(free.subList(0, Math.min(free.size(), keepFree)));
    Collections.sort(keep);
    List<Sentence> out = new ArrayList<>(keep.size());
    for (int i : keep) {
      out.add(corpus.sentences().get(i));
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
