package io.github.focal4j.ner.experiment;

import io.github.focal4j.loss.LossText;
import io.github.focal4j.models.TagConstraints;
import io.github.focal4j.ner.data.TagScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One series of an experiment (a row of {@code compare}, a line of {@code sweep}): a loss, and the
 * head that trains with it when it is not the command's own ({@code --head}, {@code --crf-mix}).
 * That lets one table put the CRF head beside the softmax losses.
 *
 * <p>Text form, as in {@code --losses}:
 *
 * <ul>
 *   <li>{@code LOSS}, such as {@code focal(gamma=2)}: the loss on the command's head;
 *   <li>{@code softmax:LOSS}: the loss on the softmax head;
 *   <li>{@code crf}: the CRF head trained with its sentence likelihood alone (μ = 1);
 *   <li>{@code crf(mu=M):LOSS}: the CRF head trained with M · NLL + (1 − M) · Σ_t LOSS(p(y_t | x)),
 *       M in [0, 1), the loss acting on its token marginals.
 * </ul>
 *
 * The CRF head takes the transition constraints of the tags the model learns (BIO for IOB2, BIOES
 * for BIOES).
 *
 * @param head the head this series trains, or empty for the command's
 * @param loss the per-token loss (plain cross-entropy, unused, for {@code crf})
 */
public record SeriesSpec(Optional<HeadChoice> head, LossSpec loss) {

  /** A head a series chooses for itself. */
  public sealed interface HeadChoice permits Softmax, Crf {}

  /** The softmax head. */
  public record Softmax() implements HeadChoice {}

  /**
   * The CRF head with the objective μ · NLL + (1 − μ) · Σ_t loss(marginal).
   *
   * @param mu in [0, 1]; 1 is the likelihood alone
   */
  public record Crf(double mu) implements HeadChoice {
    public Crf {
      if (!(mu >= 0 && mu <= 1)) {
        throw new LossSpecException("--losses", "crf(mu=" + mu + "): mu must be in [0, 1]");
      }
    }
  }

  private static final Pattern CRF = Pattern.compile("crf(?:\\(\\s*mu\\s*=\\s*([^)]*)\\))?");

  /**
   * @throws LossSpecException for the likelihood-only CRF (μ = 1) with a loss other than plain
   *     cross-entropy, which it would not use
   */
  public SeriesSpec {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(loss, "loss");
    if (head.orElse(null) instanceof Crf c
        && c.mu() == 1
        && !loss.equals(LossSpec.crossEntropy())) {
      throw new LossSpecException(
          "--losses",
          "crf(mu=1):"
              + loss
              + ": at mu 1 the CRF trains with its sentence likelihood alone; write crf, or"
              + " crf(mu=M):LOSS with M below 1 for a loss of its marginals");
    }
  }

  /** The loss on the command's head. */
  public static SeriesSpec of(LossSpec loss) {
    return new SeriesSpec(Optional.empty(), loss);
  }

  /**
   * Reads the text form (see the class comment).
   *
   * @throws LossSpecException for an unknown head or loss, or an invalid value
   */
  public static SeriesSpec parse(String text) {
    String t = text.trim();
    int colon = topLevelColon(t);
    String headText = colon < 0 ? null : t.substring(0, colon).trim();
    String lossText = colon < 0 ? t : t.substring(colon + 1).trim();
    if (colon < 0 && CRF.matcher(t).matches()) {
      headText = t;
      lossText = null;
    }
    if (headText == null) {
      return of(LossSpec.parse(lossText));
    }
    HeadChoice head;
    if (headText.equals("softmax")) {
      head = new Softmax();
    } else {
      Matcher m = CRF.matcher(headText);
      if (!m.matches()) {
        throw new LossSpecException(
            "--losses",
            "'" + text + "': unknown head '" + headText + "'; expected softmax, crf or crf(mu=M)");
      }
      head = new Crf(m.group(1) == null ? 1 : number(m.group(1), text));
    }
    if (lossText == null) {
      if (((Crf) head).mu() < 1) {
        throw new LossSpecException(
            "--losses",
            "'" + text + "': which loss acts on the CRF marginals? write " + text + ":LOSS");
      }
      return new SeriesSpec(Optional.of(head), LossSpec.crossEntropy());
    }
    return new SeriesSpec(Optional.of(head), LossSpec.parse(lossText));
  }

  /**
   * A comma-separated list; commas inside parentheses belong to an item.
   *
   * @throws LossSpecException for an empty list, any invalid item, or a series listed twice ({@code
   *     focal,focal(gamma=2)}: a report would count its runs twice as if they were more seeds)
   */
  public static List<SeriesSpec> parseList(String text) {
    List<SeriesSpec> out = new ArrayList<>();
    List<String> written = new ArrayList<>();
    for (String item : LossText.splitList(text)) {
      SeriesSpec s = parse(item);
      int earlier = out.indexOf(s);
      if (earlier >= 0) {
        String same =
            written.get(earlier).equals(item)
                ? "'" + item + "' is listed twice"
                : "'" + written.get(earlier) + "' and '" + item + "' are the same series, " + s;
        throw new LossSpecException("--losses", "--losses: " + same + "; list each series once");
      }
      out.add(s);
      written.add(item);
    }
    if (out.isEmpty()) {
      throw new LossSpecException("--losses", "--losses: no loss given");
    }
    return out;
  }

  /** The same series with one loss hyperparameter changed (see {@link LossSpec#with}). */
  public SeriesSpec with(String key, double value) {
    return new SeriesSpec(head, loss.with(key, value));
  }

  /**
   * The run settings of this series: {@code base} with its loss, and its head when it has one.
   *
   * @throws LossSpecException if the loss cannot train the head (see {@link RunSettings})
   */
  public RunSettings applyTo(RunSettings base) {
    if (head.isEmpty()) {
      return base.withLoss(loss);
    }
    var model = base.model().toBuilder();
    double mu = 1;
    if (head.get() instanceof Crf c) {
      model.crfHead(base.tagging() == TagScheme.BIOES ? TagConstraints.BIOES : TagConstraints.BIO);
      mu = c.mu();
    } else {
      model.softmaxHead();
    }
    return new RunSettings(
        model.build(),
        base.trainer(),
        base.tagging(),
        loss,
        base.selection(),
        base.evalEvery(),
        mu);
  }

  /**
   * Which head the series with label {@code label} (a {@link #toString()} form) compares with: ""
   * for the command's own, {@code softmax} or {@code crf}. Reports take each series' difference to
   * the first series with the same head.
   */
  public static String headGroupOf(String label) {
    if (CRF.matcher(label).matches() || label.startsWith("crf(") || label.startsWith("crf:")) {
      return "crf";
    }
    return label.startsWith("softmax:") ? "softmax" : "";
  }

  @Override
  public String toString() {
    return toString(null);
  }

  /** The text form without the hyperparameter {@code omitted} (a sweep's varied one). */
  public String toString(String omitted) {
    String l = omitted == null ? loss.toString() : loss.toString(omitted);
    if (head.isEmpty()) {
      return l;
    }
    if (head.get() instanceof Crf c) {
      return c.mu() == 1 ? "crf" : "crf(mu=" + LossSpec.format(c.mu()) + "):" + l;
    }
    return "softmax:" + l;
  }

  private static int topLevelColon(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ':' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static double number(String value, String text) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new LossSpecException(
          "--losses", "'" + text + "': mu must be a number, got '" + value.trim() + "'");
    }
  }
}
