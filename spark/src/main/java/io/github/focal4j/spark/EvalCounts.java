package io.github.focal4j.spark;

import io.github.focal4j.ner.eval.ChunkCounts;
import io.github.focal4j.ner.eval.EvaluationResult;
import io.github.focal4j.ner.eval.TokenConfusion;
import java.io.Serializable;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * conlleval's counts in a form Spark can ship (plain arrays), and their sum: every count conlleval
 * prints is a sum over tokens or chunks, so the counts of several files add up to the counts of the
 * files concatenated (each file ending with a sentence break). Mutable, for aggregation.
 */
final class EvalCounts implements Serializable {

  private static final long serialVersionUID = 1L;

  private long tokens;
  private long correctTags;
  private final long[] overall = new long[3];
  private final TreeMap<String, long[]> byType = new TreeMap<>();
  private final long[] confusion = new long[4];

  static EvalCounts of(EvaluationResult r) {
    EvalCounts c = new EvalCounts();
    c.tokens = r.tokens();
    c.correctTags = r.correctTags();
    put(c.overall, r.overall());
    for (Map.Entry<String, ChunkCounts> e : r.byType().entrySet()) {
      put(c.byType.computeIfAbsent(e.getKey(), k -> new long[3]), e.getValue());
    }
    TokenConfusion t = r.confusion();
    c.confusion[0] = t.outsideAsOutside();
    c.confusion[1] = t.outsideAsEntity();
    c.confusion[2] = t.entityAsOutside();
    c.confusion[3] = t.entityAsEntity();
    return c;
  }

  private static void put(long[] to, ChunkCounts c) {
    to[0] = c.gold();
    to[1] = c.guessed();
    to[2] = c.correct();
  }

  /** Adds {@code o} into this; returns this. */
  EvalCounts add(EvalCounts o) {
    tokens += o.tokens;
    correctTags += o.correctTags;
    addInto(overall, o.overall);
    for (Map.Entry<String, long[]> e : o.byType.entrySet()) {
      addInto(byType.computeIfAbsent(e.getKey(), k -> new long[3]), e.getValue());
    }
    addInto(confusion, o.confusion);
    return this;
  }

  private static void addInto(long[] to, long[] from) {
    for (int i = 0; i < to.length; i++) {
      to[i] += from[i];
    }
  }

  /**
   * The evaluation result of these counts.
   *
   * @throws ArithmeticException if a count exceeds what {@link EvaluationResult} holds (2^31 - 1)
   */
  EvaluationResult result() {
    SortedMap<String, ChunkCounts> types = new TreeMap<>(EvaluationResult.TYPE_ORDER);
    for (Map.Entry<String, long[]> e : byType.entrySet()) {
      types.put(e.getKey(), chunks(e.getValue()));
    }
    return new EvaluationResult(
        Math.toIntExact(tokens),
        Math.toIntExact(correctTags),
        chunks(overall),
        types,
        new TokenConfusion(
            Math.toIntExact(confusion[0]),
            Math.toIntExact(confusion[1]),
            Math.toIntExact(confusion[2]),
            Math.toIntExact(confusion[3])));
  }

  private static ChunkCounts chunks(long[] c) {
    return new ChunkCounts(Math.toIntExact(c[0]), Math.toIntExact(c[1]), Math.toIntExact(c[2]));
  }
}
