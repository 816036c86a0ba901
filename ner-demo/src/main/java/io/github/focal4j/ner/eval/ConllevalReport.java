package io.github.focal4j.ner.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints an {@link EvaluationResult}: {@link #format} exactly as conlleval prints it, {@link
 * #formatDetails} with the figures conlleval leaves out.
 */
public final class ConllevalReport {

  private ConllevalReport() {}

  /**
   * The report of the conlleval script (version 2004-01-26, default options), byte for byte once
   * encoded as UTF-8:
   *
   * <pre>
   * processed 51362 tokens with 5942 phrases; found: 5873 phrases; correct: 5302.
   * accuracy:  97.53%; precision:  90.28%; recall:  89.23%; FB1:  89.75
   *               LOC: precision:  92.86%; recall:  92.16%; FB1:  92.51  1823
   * </pre>
   *
   * <p>The accuracy line is printed only when there are tokens. Types are sorted by code point and
   * right-aligned to 17 <em>bytes</em> of UTF-8 (Perl counts bytes). The last number of a type line
   * is the number of <em>predicted</em> chunks of that type, not its support. Numbers are rounded
   * as C's {@code printf} rounds: the exact binary value, ties to even. One quirk is kept: the
   * empty type (tags without a hyphen, such as {@code B}) is listed twice when it occurs in both
   * gold and predicted tags, because the script's de-duplication tests the previous type for truth.
   */
  public static String format(EvaluationResult result) {
    StringBuilder out = new StringBuilder();
    ChunkCounts overall = result.overall();
    out.append("processed ")
        .append(result.tokens())
        .append(" tokens with ")
        .append(overall.gold())
        .append(" phrases; found: ")
        .append(overall.guessed())
        .append(" phrases; correct: ")
        .append(overall.correct())
        .append(".\n");
    if (result.tokens() > 0) {
      out.append("accuracy: ").append(fixed(result.accuracy(), 6)).append("%; ");
      out.append("precision: ").append(fixed(overall.precision(), 6)).append("%; ");
      out.append("recall: ").append(fixed(overall.recall(), 6)).append("%; ");
      out.append("FB1: ").append(fixed(overall.f1(), 6)).append('\n');
    }
    for (String type : conllevalTypeList(result)) {
      ChunkCounts c = result.byType().get(type);
      out.append(padLeftUtf8(type, 17)).append(": ");
      out.append("precision: ").append(fixed(c.precision(), 6)).append("%; ");
      out.append("recall: ").append(fixed(c.recall(), 6)).append("%; ");
      out.append("FB1: ").append(fixed(c.f1(), 6)).append("  ").append(c.guessed()).append('\n');
    }
    return out.toString();
  }

  /** The types in the order and multiplicity conlleval prints them. */
  private static List<String> conllevalTypeList(EvaluationResult result) {
    List<String> types = new ArrayList<>();
    for (Map.Entry<String, ChunkCounts> e : result.byType().entrySet()) {
      ChunkCounts c = e.getValue();
      types.add(e.getKey());
      if (e.getKey().isEmpty() && c.gold() > 0 && c.guessed() > 0) {
        types.add(e.getKey());
      }
    }
    return types;
  }

  /**
   * The figures conlleval does not print: per type the support (gold chunks) next to the predicted
   * and correct counts, and the token confusion of O against entity tokens, for example:
   *
   * <pre>
   * type                  support    found  correct  precision   recall      FB1
   *               LOC        1837     1823     1694     92.86%   92.16%    92.51
   *           overall        5942     5873     5302     90.28%   89.23%    89.75
   * tokens (rows gold, columns predicted):        O   entity
   *                                   O       42654      220
   *                              entity         315     5473
   * O-token recall:  99.49%; entity-token recall:  94.56%; entity-token precision:  96.13%;
   * gold O share:  83.25%
   * </pre>
   */
  public static String formatDetails(EvaluationResult result) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-17s %9s %8s %8s %10s %8s %8s\n",
            "type",
            "support",
            "found",
            "correct",
            "precision",
            "recall",
            "FB1"));
    for (Map.Entry<String, ChunkCounts> e : result.byType().entrySet()) {
      appendCountsRow(out, e.getKey(), e.getValue());
    }
    appendCountsRow(out, "overall", result.overall());
    TokenConfusion t = result.confusion();
    out.append(
        String.format(
            Locale.ROOT,
            "%-37s %8s %8s\n",
            "tokens (rows gold, columns predicted):",
            "O",
            "entity"));
    out.append(
        String.format(
            Locale.ROOT, "%37s %8d %8d\n", "O", t.outsideAsOutside(), t.outsideAsEntity()));
    out.append(
        String.format(
            Locale.ROOT, "%37s %8d %8d\n", "entity", t.entityAsOutside(), t.entityAsEntity()));
    out.append("O-token recall: ").append(fixed(t.outsideRecall(), 6)).append("%; ");
    out.append("entity-token recall: ").append(fixed(t.entityRecall(), 6)).append("%; ");
    out.append("entity-token precision: ").append(fixed(t.entityPrecision(), 6)).append("%; ");
    out.append("gold O share: ").append(fixed(t.goldOutsideShare(), 6)).append("%\n");
    return out.toString();
  }

  private static void appendCountsRow(StringBuilder out, String label, ChunkCounts c) {
    out.append(padLeftUtf8(label, 17))
        .append(String.format(Locale.ROOT, " %9d %8d %8d ", c.gold(), c.guessed(), c.correct()))
        .append(fixed(c.precision(), 9))
        .append("% ")
        .append(fixed(c.recall(), 7))
        .append("% ")
        .append(fixed(c.f1(), 8))
        .append('\n');
  }

  /**
   * {@code printf("%WIDTH.2f", value)} as C computes it: the exact binary value rounded half to
   * even (Java's {@code String.format} rounds the shortest decimal half up instead, so {@code
   * 0.125} would print as {@code 0.13} rather than C's {@code 0.12}).
   */
  static String fixed(double value, int width) {
    String digits = new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    return " ".repeat(Math.max(0, width - digits.length())) + digits;
  }

  /** {@code printf("%WIDTHs", s)} as Perl computes it on UTF-8 bytes: pads to WIDTH bytes. */
  static String padLeftUtf8(String s, int width) {
    int bytes = s.getBytes(StandardCharsets.UTF_8).length;
    return " ".repeat(Math.max(0, width - bytes)) + s;
  }
}
