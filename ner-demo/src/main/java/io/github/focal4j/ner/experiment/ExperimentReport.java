package io.github.focal4j.ner.experiment;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Markdown and JSON for the results of {@code compare} and {@code sweep}. Figures are percentages
 * (as conlleval prints them); "a ± b" is the mean and sample standard deviation over seeds.
 */
public final class ExperimentReport {

  private ExperimentReport() {}

  // ------------------------------------------------------------------------------ compare

  /** The comparison table with a header saying how it was made. */
  public static String comparisonMarkdown(ExperimentSetup setup, List<SeriesStats> rows) {
    StringBuilder md = new StringBuilder();
    md.append("## Loss comparison\n\n");
    header(md, setup);
    rowTable(md, rows, setup.targetF1());
    md.append('\n');
    notes(md, setup, rows);
    return md.toString();
  }

  /**
   * One row per series: F1, its paired difference to the reference (the first series on the same
   * head, see {@link #reference}), precision, recall, O- and entity-token recall, dev F1 and the
   * steps to the target dev F1.
   */
  private static void rowTable(StringBuilder md, List<SeriesStats> rows, double targetF1) {
    md.append("| loss | F1 | ΔF1 vs `")
        .append(rows.get(0).series())
        .append(
            "` | precision | recall | O-token recall | entity-token recall | dev F1 | steps to dev F1"
                + " ≥ ")
        .append(LossSpec.format(targetF1))
        .append(" |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (SeriesStats r : rows) {
      SeriesStats ref = reference(rows, r);
      md.append("| `")
          .append(r.series())
          .append("` | ")
          .append(r.f1().format(2))
          .append(" | ")
          .append(
              r == ref
                  ? "-"
                  : signed(r.f1DeltaTo(ref))
                      + (ref == rows.get(0) ? "" : " (vs `" + ref.series() + "`)"))
          .append(" | ")
          .append(r.precision().format(2))
          .append(" | ")
          .append(r.recall().format(2))
          .append(" | ")
          .append(r.outsideRecall().format(2))
          .append(" | ")
          .append(r.entityRecall().format(2))
          .append(" | ")
          .append(r.devF1().format(2))
          .append(" | ")
          .append(steps(r))
          .append(" |\n");
    }
  }

  /**
   * The series {@code row}'s ΔF1 is taken against: the first of {@code rows} on the same head (a
   * CRF series against the first CRF series, the others against the first row).
   */
  static SeriesStats reference(List<SeriesStats> rows, SeriesStats row) {
    String group = SeriesSpec.headGroupOf(row.series());
    for (SeriesStats r : rows) {
      if (SeriesSpec.headGroupOf(r.series()).equals(group)) {
        return r;
      }
    }
    return rows.get(0);
  }

  private static void header(StringBuilder md, ExperimentSetup setup) {
    md.append("Data: ").append(setup.data()).append('\n');
    for (String c : setup.corpora()) {
      md.append("- ").append(c).append('\n');
    }
    md.append('\n');
    md.append("Model: ").append(setup.model()).append("\n\n");
    md.append("Budget: ")
        .append(setup.budget())
        .append(". Seeds: ")
        .append(join(setup.seeds()))
        .append(" (the same for every loss).\n\n");
    md.append("Entity F1, precision and recall (conlleval) and O-/entity-token recall on ")
        .append(setup.heldOut())
        .append(", mean ± sample std over ")
        .append(setup.seeds().size())
        .append(setup.seeds().size() == 1 ? " seed" : " seeds")
        .append(
            "; ΔF1: the difference to the first row (a CRF row: to the first CRF row), paired by seed"
                + " (same seed = same initial parameters, data order and dropout), mean ± std; dev F1 at"
                + " the end of the budget. Steps to dev F1 ≥ ")
        .append(LossSpec.format(setup.targetF1()))
        .append(": the first evaluated step (dev scored every ")
        .append(setup.evalEvery() > 0 ? setup.evalEvery() + " steps and " : "")
        .append(
            "at epoch ends), mean ± std over the seeds that reached it, with how many did.\n\n");
  }

  private static void notes(StringBuilder md, ExperimentSetup setup, List<SeriesStats> rows) {
    for (SeriesStats r : rows) {
      if (r.failures() > 0) {
        md.append("- `")
            .append(r.series())
            .append("`: ")
            .append(r.failures())
            .append(" of ")
            .append(r.runs().size())
            .append(" runs failed (")
            .append(firstFailure(r))
            .append("); figures are over the others.\n");
      }
    }
    md.append("Reproduce: `").append(setup.command()).append("`\n");
  }

  private static String firstFailure(SeriesStats r) {
    return r.runs().stream()
        .filter(RunSummary::failed)
        .map(RunSummary::failure)
        .findFirst()
        .orElse("");
  }

  /** "+1.23 ± 0.40". */
  static String signed(MeanStd m) {
    String f = m.format(2);
    return m.n() > 0 && m.mean() >= 0 ? "+" + f : f;
  }

  /** "412 ± 35 (3/3)", or "not reached (0/3)". */
  static String steps(SeriesStats r) {
    MeanStd s = r.stepsToTarget();
    int runs = r.runs().size() - r.failures();
    if (s.n() == 0) {
      return "not reached (0/" + runs + ")";
    }
    return s.format(0) + " (" + s.n() + "/" + runs + ")";
  }

  /** The comparison as JSON: setup, then one object per loss with its aggregates and runs. */
  public static JsonObject comparisonJson(ExperimentSetup setup, List<SeriesStats> rows) {
    JsonObject o = new JsonObject();
    o.addProperty("experiment", "compare");
    o.add("setup", setupJson(setup));
    JsonArray arr = new JsonArray();
    for (SeriesStats r : rows) {
      JsonObject row = statsJson(r);
      row.addProperty("loss", r.series());
      SeriesStats ref = reference(rows, r);
      row.addProperty("f1_delta_reference", ref.series());
      row.add("f1_delta", meanStd(r.f1DeltaTo(ref)));
      arr.add(reorder(row, "loss"));
    }
    o.add("losses", arr);
    return o;
  }

  // ------------------------------------------------------------------------------ sweep

  /**
   * The sweep tables: F1, entity-token and O-token recall per series against the swept value, then
   * one table per value with every figure of a comparison (ΔF1 paired by seed, steps to the
   * target).
   */
  public static String sweepMarkdown(
      ExperimentSetup setup, Sweep.Kind kind, String axis, List<SeriesStats> points) {
    StringBuilder md = new StringBuilder();
    md.append("## Sweep: ").append(axis).append("\n\n");
    header(md, setup);
    List<String> series = seriesOf(points);
    List<Double> xs = xsOf(points);
    for (String metric : List.of("F1", "entity-token recall", "O-token recall")) {
      md.append("### ").append(metric).append("\n\n| ").append(axis);
      if (kind == Sweep.Kind.IMBALANCE) {
        md.append(" | O tokens in training data (%)");
      }
      for (String s : series) {
        md.append(" | `").append(s).append('`');
      }
      md.append(" |\n|---");
      if (kind == Sweep.Kind.IMBALANCE) {
        md.append("|---");
      }
      md.append("|---".repeat(series.size())).append("|\n");
      for (double x : xs) {
        md.append("| ").append(LossSpec.format(x));
        if (kind == Sweep.Kind.IMBALANCE) {
          md.append(" | ").append(find(points, series.get(0), x).trainOutsideShare().format(2));
        }
        for (String s : series) {
          SeriesStats p = find(points, s, x);
          MeanStd m =
              switch (metric) {
                case "F1" -> p.f1();
                case "entity-token recall" -> p.entityRecall();
                default -> p.outsideRecall();
              };
          md.append(" | ").append(m.format(2));
        }
        md.append(" |\n");
      }
      md.append('\n');
    }
    for (double x : xs) {
      List<SeriesStats> level = atX(points, x);
      md.append("### ").append(axis).append(' ').append(LossSpec.format(x));
      if (kind == Sweep.Kind.IMBALANCE) {
        md.append(" (O tokens in training data: ")
            .append(level.get(0).trainOutsideShare().format(2))
            .append(" %)");
      }
      md.append("\n\n");
      rowTable(md, level, setup.targetF1());
      md.append('\n');
    }
    notes(md, setup, points);
    return md.toString();
  }

  /** The sweep as JSON: setup, then one object per series and value. */
  public static JsonObject sweepJson(
      ExperimentSetup setup, Sweep.Kind kind, String axis, List<SeriesStats> points) {
    JsonObject o = new JsonObject();
    o.addProperty("experiment", "sweep");
    o.addProperty("kind", kind.cliName());
    o.addProperty("axis", axis);
    o.add("setup", setupJson(setup));
    JsonArray arr = new JsonArray();
    for (SeriesStats p : points) {
      JsonObject row = statsJson(p);
      row.addProperty("series", p.series());
      row.addProperty("x", p.x());
      SeriesStats ref = reference(atX(points, p.x()), p);
      row.addProperty("f1_delta_reference", ref.series());
      row.add("f1_delta", meanStd(p.f1DeltaTo(ref)));
      arr.add(reorder(row, "series", "x"));
    }
    o.add("points", arr);
    return o;
  }

  /** The points of every series at the swept value {@code x}, in order. */
  private static List<SeriesStats> atX(List<SeriesStats> points, double x) {
    return points.stream().filter(p -> Double.compare(p.x(), x) == 0).toList();
  }

  /** The series labels in first-seen order. */
  public static List<String> seriesOf(List<SeriesStats> points) {
    List<String> out = new ArrayList<>();
    for (SeriesStats p : points) {
      if (!out.contains(p.series())) {
        out.add(p.series());
      }
    }
    return out;
  }

  /** The swept values in first-seen order. */
  public static List<Double> xsOf(List<SeriesStats> points) {
    List<Double> out = new ArrayList<>();
    for (SeriesStats p : points) {
      if (!out.contains(p.x())) {
        out.add(p.x());
      }
    }
    return out;
  }

  /** The point of {@code series} at {@code x}. */
  public static SeriesStats find(List<SeriesStats> points, String series, double x) {
    for (SeriesStats p : points) {
      if (p.series().equals(series) && Double.compare(p.x(), x) == 0) {
        return p;
      }
    }
    throw new IllegalArgumentException("no point " + series + " at " + x);
  }

  // ------------------------------------------------------------------------------ JSON parts

  private static JsonObject setupJson(ExperimentSetup s) {
    JsonObject o = new JsonObject();
    o.addProperty("data", s.data());
    JsonArray corpora = new JsonArray();
    s.corpora().forEach(corpora::add);
    o.add("corpora", corpora);
    o.addProperty("model", s.model());
    o.addProperty("budget", s.budget());
    JsonArray seeds = new JsonArray();
    s.seeds().forEach(seeds::add);
    o.add("seeds", seeds);
    o.addProperty("held_out", s.heldOut());
    o.addProperty("target_f1", s.targetF1());
    o.addProperty("eval_every", s.evalEvery());
    o.addProperty("command", s.command());
    return o;
  }

  private static JsonObject statsJson(SeriesStats r) {
    JsonObject o = new JsonObject();
    o.add("f1", meanStd(r.f1()));
    o.add("precision", meanStd(r.precision()));
    o.add("recall", meanStd(r.recall()));
    o.add("o_token_recall", meanStd(r.outsideRecall()));
    o.add("entity_token_recall", meanStd(r.entityRecall()));
    o.add("dev_f1", meanStd(r.devF1()));
    o.add("train_o_token_share", meanStd(r.trainOutsideShare()));
    JsonObject steps = meanStd(r.stepsToTarget());
    steps.addProperty("reached", r.stepsToTarget().n());
    steps.addProperty("runs", r.runs().size() - r.failures());
    o.add("steps_to_target", steps);
    o.addProperty("failed_runs", r.failures());
    JsonArray curve = new JsonArray();
    for (double[] p : r.meanCurve()) {
      JsonArray pt = new JsonArray();
      pt.add((long) p[0]);
      pt.add(p[1]);
      pt.add(p[2]);
      curve.add(pt);
    }
    o.add("mean_dev_curve", curve);
    JsonArray runs = new JsonArray();
    for (RunSummary s : r.runs()) {
      runs.add(runJson(s));
    }
    o.add("runs", runs);
    return o;
  }

  private static JsonObject runJson(RunSummary s) {
    JsonObject o = new JsonObject();
    o.addProperty("seed", s.seed());
    if (s.failed()) {
      o.addProperty("failure", s.failure());
      return o;
    }
    number(o, "f1", s.f1());
    number(o, "precision", s.precision());
    number(o, "recall", s.recall());
    number(o, "o_token_recall", s.outsideRecall());
    number(o, "entity_token_recall", s.entityRecall());
    number(o, "dev_f1", s.devF1());
    if (s.stepsToTarget() >= 0) {
      o.addProperty("steps_to_target", s.stepsToTarget());
    } else {
      o.add("steps_to_target", JsonNull.INSTANCE);
    }
    o.addProperty("steps", s.steps());
    number(o, "seconds", s.seconds());
    number(o, "tokens_per_second", s.tokensPerSecond());
    number(o, "train_o_token_share", s.trainOutsideShare());
    JsonArray curve = new JsonArray();
    for (DevPoint p : s.devCurve()) {
      JsonArray pt = new JsonArray();
      pt.add(p.step());
      pt.add(p.f1());
      curve.add(pt);
    }
    o.add("dev_curve", curve);
    return o;
  }

  private static JsonObject meanStd(MeanStd m) {
    JsonObject o = new JsonObject();
    number(o, "mean", m.mean());
    number(o, "std", m.std());
    o.addProperty("n", m.n());
    return o;
  }

  /** NaN and infinities are not JSON: written as null. */
  static void number(JsonObject o, String key, double v) {
    if (Double.isFinite(v)) {
      o.addProperty(key, v);
    } else {
      o.add(key, JsonNull.INSTANCE);
    }
  }

  /** The same object with {@code first} keys first. */
  private static JsonObject reorder(JsonObject o, String... first) {
    Map<String, com.google.gson.JsonElement> rest = new LinkedHashMap<>();
    o.entrySet().forEach(e -> rest.put(e.getKey(), e.getValue()));
    JsonObject out = new JsonObject();
    for (String k : first) {
      out.add(k, rest.remove(k));
    }
    rest.forEach(out::add);
    return out;
  }

  private static String join(List<Long> seeds) {
    List<String> s = new ArrayList<>();
    seeds.forEach(x -> s.add(Long.toString(x)));
    return String.join(", ", s);
  }
}
