package io.github.focal4j.ner.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.ner.data.Chunk;
import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.data.CorpusStats;
import io.github.focal4j.ner.data.Sentence;
import io.github.focal4j.ner.data.TagScheme;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticCorpusGeneratorTest {

  private static final SyntheticCorpora DEFAULT =
      SyntheticCorpusGenerator.generate(SyntheticCorpusConfig.defaults());

  @Test
  void sameSeedGivesEqualCorporaAndOtherSeedsDiffer() {
    SyntheticCorpusConfig config = SyntheticCorpusConfig.defaults().withSizes(300, 100, 100);
    assertEquals(
        SyntheticCorpusGenerator.generate(config), SyntheticCorpusGenerator.generate(config));
    assertNotEquals(
        SyntheticCorpusGenerator.generate(config).train(),
        SyntheticCorpusGenerator.generate(config.withSeed(43)).train());
  }

  @Test
  void splitsAreIndependentOfEachOthersSize() {
    SyntheticCorpora small =
        SyntheticCorpusGenerator.generate(SyntheticCorpusConfig.defaults().withSizes(10, 50, 50));
    SyntheticCorpora large =
        SyntheticCorpusGenerator.generate(SyntheticCorpusConfig.defaults().withSizes(500, 50, 50));
    assertEquals(small.dev(), large.dev());
    assertEquals(small.test(), large.test());
  }

  @Test
  void hasTheConfiguredSizesNamesAndScheme() {
    assertEquals(3000, DEFAULT.train().size());
    assertEquals(600, DEFAULT.dev().size());
    assertEquals(600, DEFAULT.test().size());
    assertEquals("synthetic-train", DEFAULT.train().name());
    assertEquals(TagScheme.IOB2, DEFAULT.test().scheme());
    assertEquals(
        Set.of("PER", "LOC", "ORG", "MISC"), DEFAULT.train().stats().entitiesByType().keySet());
  }

  @Test
  void defaultOutsideShareIsCloseToConll2003() {
    assertEquals(0.83, DEFAULT.train().stats().outsideShare(), 0.01);
    assertEquals(0.83, DEFAULT.dev().stats().outsideShare(), 0.02);
    assertEquals(0.83, DEFAULT.test().stats().outsideShare(), 0.02);
  }

  @Test
  void entitySentenceShareControlsTheClassBalance() {
    SyntheticCorpusConfig base = SyntheticCorpusConfig.defaults().withSizes(1000, 0, 0);
    CorpusStats none =
        SyntheticCorpusGenerator.generate(base.withEntitySentenceShare(0)).train().stats();
    CorpusStats all =
        SyntheticCorpusGenerator.generate(base.withEntitySentenceShare(1)).train().stats();
    assertEquals(0, none.entities());
    assertEquals(1.0, none.outsideShare());
    assertTrue(all.outsideShare() < DEFAULT.train().stats().outsideShare() - 0.05, all.summary());
  }

  @Test
  void trainingSplitNeverUsesHeldOutNamesAndTestDoes() {
    Lexicon lexicon = Lexicon.get();
    Set<String> seenWords = new HashSet<>();
    Set<String> heldOutOnly = new HashSet<>();
    for (NameList list :
        List.of(
            lexicon.firstNames,
            lexicon.lastNames,
            lexicon.cities,
            lexicon.countries,
            lexicon.organisations,
            lexicon.nationalities,
            lexicon.events)) {
      list.seen().forEach(n -> seenWords.addAll(List.of(n.split(" "))));
      list.heldOut().forEach(n -> heldOutOnly.addAll(List.of(n.split(" "))));
    }
    heldOutOnly.removeAll(seenWords);
    assertTrue(heldOutOnly.size() > 100, "held-out words: " + heldOutOnly.size());
    assertEquals(Set.of(), entityWords(DEFAULT.train(), heldOutOnly));
    assertTrue(entityWords(DEFAULT.test(), heldOutOnly).size() > 20);
  }

  /** Words inside entity chunks (case-insensitive, for headlines) that belong to {@code words}. */
  private static Set<String> entityWords(Corpus corpus, Set<String> words) {
    Set<String> upper = new HashSet<>();
    words.forEach(w -> upper.add(w.toUpperCase(Locale.ROOT)));
    Set<String> found = new HashSet<>();
    for (Sentence s : corpus.sentences()) {
      for (Chunk c : TagScheme.IOB2.decode(s.tags())) {
        for (int i = c.start(); i < c.end(); i++) {
          String w = s.tokens().get(i).toUpperCase(Locale.ROOT);
          if (upper.contains(w)) {
            found.add(w);
          }
        }
      }
    }
    return found;
  }

  @Test
  void ambiguousWordsCarryDifferentTagsInDifferentSentences() {
    Map<String, Set<String>> tagsOf = new HashMap<>();
    for (Sentence s : DEFAULT.train().sentences()) {
      for (int i = 0; i < s.size(); i++) {
        String tag = s.tags().get(i);
        tagsOf
            .computeIfAbsent(s.tokens().get(i), k -> new HashSet<>())
            .add(tag.equals("O") ? "O" : tag.substring(2));
      }
    }
    assertTrue(tagsOf.get("May").containsAll(Set.of("O", "PER")), "May: " + tagsOf.get("May"));
    assertTrue(
        tagsOf.get("Jordan").containsAll(Set.of("LOC", "PER")), "Jordan: " + tagsOf.get("Jordan"));
    assertTrue(
        tagsOf.get("Washington").containsAll(Set.of("LOC", "PER")),
        "Washington: " + tagsOf.get("Washington"));
    assertTrue(
        tagsOf.get("Chelsea").containsAll(Set.of("ORG", "PER")),
        "Chelsea: " + tagsOf.get("Chelsea"));
  }

  @Test
  void headlinesAreCapitalised() {
    Corpus headlines =
        SyntheticCorpusGenerator.generate(
                SyntheticCorpusConfig.defaults().withSizes(50, 0, 0).withHeadlineShare(1))
            .train();
    for (Sentence s : headlines.sentences()) {
      for (String token : s.tokens()) {
        assertEquals(token.toUpperCase(Locale.ROOT), token);
      }
    }
  }

  @Test
  void rejectsSettingsOutOfRange() {
    SyntheticCorpusConfig d = SyntheticCorpusConfig.defaults();
    assertEquals(
        "trainSentences must be >= 0, was -1",
        assertThrows(IllegalArgumentException.class, () -> d.withSizes(-1, 0, 0)).getMessage());
    assertEquals(
        "entitySentenceShare must be in [0, 1], was 1.5",
        assertThrows(IllegalArgumentException.class, () -> d.withEntitySentenceShare(1.5))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.withHeldOutNameShare(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> d.withHeadlineShare(-0.1));
  }
}
