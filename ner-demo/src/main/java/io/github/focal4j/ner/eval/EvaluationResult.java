package io.github.focal4j.ner.eval;

import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What conlleval computes over a set of sentences, plus a token-class confusion view. Immutable.
 * Scores are percentages in [0, 100], as conlleval prints them.
 *
 * @param tokens tokens scored (sentence boundaries excluded)
 * @param correctTags tokens whose predicted tag equals the gold tag (after conlleval's split)
 * @param overall chunk counts over all types
 * @param byType chunk counts per type, for every type found in gold or predicted tags, in {@link
 *     #TYPE_ORDER}
 * @param confusion gold vs predicted token classes (O or entity)
 */
public record EvaluationResult(
    int tokens,
    int correctTags,
    ChunkCounts overall,
    SortedMap<String, ChunkCounts> byType,
    TokenConfusion confusion) {

  /**
   * The order conlleval (Perl's {@code sort}) prints types in: by Unicode code point, which is the
   * byte order of their UTF-8 encoding ({@code LOC < MISC < ORG < PER < loc}).
   */
  public static final Comparator<String> TYPE_ORDER = EvaluationResult::compareCodePoints;

  /** Validates and copies. */
  public EvaluationResult {
    Objects.requireNonNull(overall, "overall");
    Objects.requireNonNull(confusion, "confusion");
    if (tokens < 0 || correctTags < 0 || correctTags > tokens) {
      throw new IllegalArgumentException(
          "inconsistent token counts: " + correctTags + " correct of " + tokens);
    }
    SortedMap<String, ChunkCounts> copy = new TreeMap<>(TYPE_ORDER);
    copy.putAll(byType);
    byType = Collections.unmodifiableSortedMap(copy);
  }

  /** Percentage of tokens with the correct tag ("accuracy"), 0 when there are no tokens. */
  public double accuracy() {
    return tokens > 0 ? 100.0 * correctTags / tokens : 0.0;
  }

  /** Overall chunk precision (percent). */
  public double precision() {
    return overall.precision();
  }

  /** Overall chunk recall (percent). */
  public double recall() {
    return overall.recall();
  }

  /** Overall chunk F1, conlleval's FB1 (percent). */
  public double f1() {
    return overall.f1();
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
