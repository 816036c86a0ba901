package io.github.focal4j.models;

import io.github.focal4j.models.data.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A small synthetic NER corpus (IOB2) for fast tests. */
public final class TinyCorpus {
  private TinyCorpus() {}

  private static final String[] PER = {"Alice", "Bob", "Carla", "Dmitri"};
  private static final String[] LOC = {"Paris", "Berlin", "Lima", "Oslo"};
  private static final String[] VERB = {"visited", "left", "loves", "saw"};

  /** Sentences "PER [PER] VERB LOC [today] ." with IOB2 tags. */
  public static List<Sentence> sentences(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Sentence> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> tok = new ArrayList<>();
      List<String> tag = new ArrayList<>();
      tok.add(PER[rng.nextInt(PER.length)]);
      tag.add("B-PER");
      if (rng.nextBoolean()) {
        tok.add("Smith");
        tag.add("I-PER");
      }
      tok.add(VERB[rng.nextInt(VERB.length)]);
      tag.add("O");
      tok.add(LOC[rng.nextInt(LOC.length)]);
      tag.add("B-LOC");
      if (rng.nextBoolean()) {
        tok.add("today");
        tag.add("O");
      }
      tok.add(".");
      tag.add("O");
      out.add(Sentence.of(tok, tag));
    }
    return out;
  }

  /** A small configuration for tests. */
  public static TokenClassifierConfig smallConfig() {
    return TokenClassifierConfig.builder()
        .wordDim(6)
        .charCnn(4, 5, 3)
        .casingDim(2)
        .hiddenSize(5)
        .dropout(0.0)
        .build();
  }
}
