package io.github.focal4j.ner.cli;

import io.github.focal4j.ner.experiment.ExperimentReport;
import io.github.focal4j.ner.experiment.ExperimentSetup;
import io.github.focal4j.ner.experiment.LossSpec;
import io.github.focal4j.ner.experiment.LossSpecException;
import io.github.focal4j.ner.experiment.NerData;
import io.github.focal4j.ner.experiment.Preset;
import io.github.focal4j.ner.experiment.RunPlan;
import io.github.focal4j.ner.experiment.RunSettings;
import io.github.focal4j.ner.experiment.SeriesSpec;
import io.github.focal4j.ner.experiment.SeriesStats;
import io.github.focal4j.ner.experiment.Sweep;
import io.github.focal4j.ner.plot.Charts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep}: the class balance, K or γ over a grid. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Varies one thing over a grid, everything else fixed, every point trained with the same seeds and budget,"
          + " and writes F1, entity-token and O-token recall per loss against it (Markdown, JSON, PNG).",
      "",
      "  sweep imbalance   the class balance of the training data. Synthetic data: the share of training"
          + " sentences that contain an entity, generated so (default grid 0.57 0.4 0.25 0.15 0.08; 0.57 is about"
          + " 83%% O tokens). Real data (--train): every sentence without an entity is kept and this share of"
          + " those with one, drawn at random, the same for every loss and seed (default grid 1 0.1 0.03; on"
          + " CoNLL-2003 about 83, 93 and 97%% O tokens). Dev and test keep their natural balance; with fewer"
          + " training sentences the epochs are scaled so that every point gets the same number of steps."
          + " Reported per level with the O-token share that resulted and plotted against it. Default losses:"
          + " ce, hard, soft(soft-weight=margin), focal, focal(alpha=0.75).",
      "  sweep k           K of the softened loss (default grid 0.5 1 2 4 8 16; losses soft and"
          + " soft(soft-weight=margin)).",
      "  sweep gamma       gamma of the focal loss (default grid 0 0.5 1 2 3 5; loss focal).",
      ""
    })
final class SweepCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND", description = "imbalance, k or gamma.")
  String kind;

  @Mixin DataOptions data = new DataOptions();

  @Mixin TrainingOptions training = new TrainingOptions(Preset.DEMO);

  @Mixin ExperimentOptions experiment = new ExperimentOptions();

  @Option(
      names = "--values",
      paramLabel = "X,X,...",
      split = ",",
      order = 20,
      description = "The grid (default: see above).")
  List<Double> values = new ArrayList<>();

  @Option(
      names = "--losses",
      paramLabel = "LIST",
      order = 21,
      description =
          "The series, as in compare; for k each must be a soft loss, for gamma one with gamma.")
  String losses;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      order = 22,
      description =
          "Where to write sweep-KIND.md, .json and .png (default: ${DEFAULT-VALUE}); also"
              + " sweep-KIND.runs.jsonl, each run as it finishes: the same command started again continues"
              + " where it stopped.")
  Path out = Path.of("sweep-results");

  @Override
  public Integer call() throws IOException {
    ExperimentPlans.Planned p = plan();
    Sweep.Kind k = Sweep.Kind.parse(kind);
    ExperimentSetup setup = p.setup();
    List<SeriesStats> points =
        experiment.run(
            "sweep " + k.cliName(), p.plans(), out.resolve("sweep-" + k.cliName() + ".runs.jsonl"));
    String axis = k.axis(data.synthetic());
    experiment.write(
        ExperimentReport.sweepMarkdown(setup, k, axis, points),
        ExperimentReport.sweepJson(setup, k, axis, points),
        List.of(
            Charts.sweep(k, points, "entity F1", SeriesStats::f1),
            Charts.sweep(k, points, "entity-token recall", SeriesStats::entityRecall)),
        out,
        "sweep-" + k.cliName());
    return ExitCodes.OK;
  }

  /** Checks the flags, loads the data and plans the runs (also on cluster workers: no output). */
  ExperimentPlans.Planned plan() {
    Sweep.Kind k;
    try {
      k = Sweep.Kind.parse(kind);
    } catch (IllegalArgumentException e) {
      throw new Errors.UsageException(e.getMessage());
    }
    experiment.validate();
    data.validate();
    List<Double> grid = values.isEmpty() ? k.defaultValues(data.synthetic()) : values;
    Set<Double> seen = new HashSet<>();
    for (double v : grid) {
      if (!seen.add(v)) {
        throw new Errors.UsageException(
            "--values: "
                + LossSpec.format(v)
                + " is given twice; give each value once (its runs would count twice)");
      }
    }
    for (double v : grid) {
      if (k == Sweep.Kind.IMBALANCE && !(v > 0 && v <= 1)) {
        throw new Errors.UsageException(
            "--values: "
                + (data.synthetic()
                    ? "an entity sentence share"
                    : "the share of entity sentences kept")
                + " must be in (0, 1], got "
                + v);
      }
    }
    List<SeriesSpec> series = losses == null ? k.defaultLosses() : SeriesSpec.parseList(losses);
    RunSettings base = experiment.baseSettings(training, "sweep");
    List<Long> seeds = experiment.seeds(base.trainer().seed());
    NerData nerData = data.load(base.tagging());
    base = experiment.withEvalInterval(base, nerData.train());
    List<RunPlan> plans;
    try {
      plans =
          Sweep.plans(
              k,
              grid,
              nerData,
              data.synthetic() ? data.syntheticConfig() : null,
              base,
              series,
              seeds);
    } catch (LossSpecException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // a share that keeps no entity sentence: the data's fault (exit 1), said with the flag
      throw new IllegalArgumentException("--values: " + e.getMessage(), e);
    }
    ExperimentSetup setup =
        ExperimentOptions.setup(
                nerData,
                training,
                base,
                seeds,
                experiment.targetF1,
                ExperimentOptions.command(spec))
            .withSeriesHeads(series);
    if (k == Sweep.Kind.IMBALANCE) {
      String how =
          data.synthetic()
              ? "; the training split is generated at each entity sentence share"
              : "; training data: every sentence without an entity and, at each level, that share of the"
                  + " sentences with one (the same sentences for every loss and seed); epochs scaled to keep the"
                  + " number of steps";
      setup =
          new ExperimentSetup(
              setup.data() + how + " (dev and test keep their natural balance)",
              setup.corpora(),
              setup.model(),
              setup.budget(),
              setup.seeds(),
              setup.heldOut(),
              setup.targetF1(),
              setup.evalEvery(),
              setup.command());
    }
    return new ExperimentPlans.Planned(setup, plans);
  }
}
