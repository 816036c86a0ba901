package io.github.focal4j.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.models.RandomSource;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTest {

  private final List<Sentence> train =
      List.of(
          Sentence.of(
              List.of("The", "EU", "met", "the", "EU"), List.of("O", "B-ORG", "O", "O", "B-ORG")),
          Sentence.of(List.of("Bob", "ran"), List.of("B-PER", "O")));

  @Test
  void vocabularyIsFromTrainingDataOrderedByCountWithSpecials() {
    Vocabulary v =
        Vocabulary.builder()
            .lowercase()
            .minCount(2)
            .addAll(List.of("The", "EU", "met", "the", "EU"))
            .build();
    assertEquals(List.of("<pad>", "<unk>", "eu", "the"), v.tokens());
    assertEquals(2, v.id("EU"));
    assertEquals(3, v.id("THE"));
    assertEquals(Vocabulary.UNK, v.id("met"));
    assertEquals(Vocabulary.UNK, v.id("never"));
    Vocabulary cased = Vocabulary.builder().addAll(List.of("b", "a", "b")).build();
    assertEquals(List.of("<pad>", "<unk>", "b", "a"), cased.tokens());
    assertEquals(Vocabulary.UNK, cased.id("B"));
  }

  @Test
  void encoderAndBatchGivePaddedAndPackedViews() {
    Encoder enc = Encoder.builder().lowercaseWords().fit(train);
    assertEquals(List.of("O", "B-ORG", "B-PER"), enc.tags().tags());
    Batch b = enc.batch(enc.encodeAll(train));
    assertEquals(2, b.size());
    assertEquals(7, b.tokens());
    assertArrayEquals(new int[] {2, 5}, b.wordIds().shape());
    int bob = enc.words().id("bob");
    assertEquals(bob, b.wordIds().buffer()[5]);
    assertEquals(0, b.wordIds().buffer()[7]); // padding
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 0, 0, 0}, b.mask().toArray());
    assertArrayEquals(new int[] {0, 1, 0, 0, 1, 2, 0, 0, 0, 0}, b.tagIds().buffer());
    assertArrayEquals(new int[] {2, 5, 3}, b.charIds().shape());
    int capitalB = enc.chars().id("B");
    assertEquals(capitalB, b.charIds().buffer()[(1 * 5 + 0) * 3]);
    assertEquals(
        enc.chars().id("b"), b.charIds().buffer()[(1 * 5 + 0) * 3 + 2]); // "Bob" fills all 3
    assertEquals(0, b.charIds().buffer()[(0 * 5 + 1) * 3 + 2]); // "EU" has 2: padded
  }

  @Test
  void unseenTagsAndBadSentencesAreNamed() {
    Encoder enc = Encoder.builder().fit(train);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                enc.encodeAll(List.of(train.get(0), Sentence.of(List.of("x"), List.of("I-MISC")))));
    assertTrue(
        e.getMessage().contains("sentence 1") && e.getMessage().contains("'I-MISC'"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Sentence.of(List.of("a", "b"), List.of("O")));
    assertTrue(e.getMessage().contains("1 tags for 2 tokens"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Sentence.of(List.of("a", ""), List.of("O", "O")));
    assertTrue(e.getMessage().contains("token 1 is empty"), e.getMessage());
    NullPointerException n =
        assertThrows(
            NullPointerException.class, () -> Sentence.unlabeled(Arrays.asList("a", null)));
    assertEquals("Sentence: token 1 is null", n.getMessage());
    n =
        assertThrows(
            NullPointerException.class,
            () -> Sentence.of(List.of("a", "b"), Arrays.asList("O", null)));
    assertEquals("Sentence: tag 1 is null", n.getMessage());
  }

  @Test
  void casingClasses() {
    assertEquals(Casing.NUMERIC, Casing.of("1996"));
    assertEquals(Casing.MAINLY_NUMERIC, Casing.of("1996-08-22"));
    assertEquals(Casing.ALL_LOWER, Casing.of("lamb"));
    assertEquals(Casing.ALL_UPPER, Casing.of("EU"));
    assertEquals(Casing.INITIAL_UPPER, Casing.of("Peter"));
    assertEquals(Casing.CONTAINS_DIGIT, Casing.of("f16a"));
    assertEquals(Casing.OTHER, Casing.of("."));
  }

  @Test
  void batcherShufflesReproduciblyPerEpochAndKeepsTheLastPartialBatch() {
    Batcher b = new Batcher(10, 4);
    assertEquals(3, b.batchesPerEpoch());
    RandomSource rs = new RandomSource(3);
    int[] e0 = b.shuffledOrder(rs.shuffle(0));
    assertArrayEquals(e0, b.shuffledOrder(new RandomSource(3).shuffle(0)));
    assertFalse(Arrays.equals(e0, b.shuffledOrder(rs.shuffle(1))));
    int[] sorted = e0.clone();
    Arrays.sort(sorted);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
    assertEquals(2, b.batch(e0, 2).length);
    assertThrows(IllegalArgumentException.class, () -> new Batcher(0, 4));
  }
}
