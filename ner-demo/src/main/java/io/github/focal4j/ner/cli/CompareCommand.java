package io.github.focal4j.ner.cli;

import io.github.focal4j.ner.experiment.ExperimentReport;
import io.github.focal4j.ner.experiment.ExperimentSetup;
import io.github.focal4j.ner.experiment.LossComparison;
import io.github.focal4j.ner.experiment.NerData;
import io.github.focal4j.ner.experiment.Preset;
import io.github.focal4j.ner.experiment.RunPlan;
import io.github.focal4j.ner.experiment.RunSettings;
import io.github.focal4j.ner.experiment.SeriesSpec;
import io.github.focal4j.ner.experiment.SeriesStats;
import io.github.focal4j.ner.plot.Charts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compare}: the heart of the demo. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Trains the same model on the same data with the same seeds and the same step budget for several losses,"
          + " and prints (and writes as Markdown, JSON and PNG) mean ± std over seeds of entity F1, precision,"
          + " recall, O-token and entity-token recall, and the steps each loss needs to reach a target dev F1.",
      "",
      "Default losses: ce; hard(threshold=M); soft(k=K,soft-weight=softmax) with the multi-class weight"
          + " softmax(-Kx)_t of Su Jianlin's article; soft(k=K) with the margin weight sigma(-K z_t); focal(gamma=G);"
          + " focal(gamma=G,alpha=A); focal(gamma=G,detach-weight)."
          + " Defaults K=1, G=2, A=0.75, M=0.5.",
      "",
      "Without --train: the built-in synthetic corpus and the demo preset (about two minutes on two cores)."
          + " Every run has the same budget (no early stopping) and keeps its final parameters.",
      ""
    })
final class CompareCommand implements Callable<Integer> {

  /**
   * The logger, looked up where it is used: a static field would start the logging backend (about
   * 0.15 s) for every command, as picocli makes every subcommand's object at start-up.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(CompareCommand.class);
  }

  @Spec CommandSpec spec;

  @Mixin DataOptions data = new DataOptions();

  @Mixin TrainingOptions training = new TrainingOptions(Preset.DEMO);

  @Mixin ExperimentOptions experiment = new ExperimentOptions();

  @Option(
      names = "--losses",
      paramLabel = "LIST",
      order = 20,
      description =
          "The losses, comma-separated, each as 'name' or 'name(key=value,...)' (keys: the loss flags of"
              + " 'train' without dashes), e.g. 'ce,focal(gamma=1),soft(k=4,soft-weight=margin)'. A row may"
              + " choose its head: 'crf' (the CRF head, its likelihood alone), 'crf(mu=0.5):focal(gamma=2)'"
              + " (the loss on the CRF marginals, mixed with the likelihood), 'softmax:LOSS'.")
  String losses;

  @Option(
      names = "--k",
      paramLabel = "K",
      order = 21,
      description = "K of the default soft rows (default 1).")
  Double k;

  @Option(
      names = "--gamma",
      paramLabel = "G",
      order = 22,
      description = "gamma of the default focal rows (default 2).")
  Double gamma;

  @Option(
      names = "--alpha",
      paramLabel = "A",
      order = 23,
      description =
          "alpha of the default 'focal with alpha' row: entity tags A, O 1 - A (default 0.75).")
  Double alpha;

  @Option(
      names = "--threshold",
      paramLabel = "M",
      order = 24,
      description = "m of the default hard-truncation row (default 0.5).")
  Double threshold;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      order = 25,
      description =
          "Where to write compare.md, compare.json and compare.png (default: ${DEFAULT-VALUE}); also"
              + " compare.runs.jsonl, each run as it finishes: the same command started again continues"
              + " where it stopped.")
  Path out = Path.of("compare-results");

  @Override
  public Integer call() throws IOException {
    ExperimentPlans.Planned p = plan();
    List<SeriesStats> rows =
        experiment.run("compare", p.plans(), out.resolve("compare.runs.jsonl"));
    ExperimentSetup setup = p.setup();
    experiment.write(
        ExperimentReport.comparisonMarkdown(setup, rows),
        ExperimentReport.comparisonJson(setup, rows),
        List.of(Charts.devCurves(rows, experiment.targetF1), Charts.finalF1(rows, setup.heldOut())),
        out,
        "compare");
    return ExitCodes.OK;
  }

  /** Checks the flags, loads the data and plans the runs (also on cluster workers: no output). */
  ExperimentPlans.Planned plan() {
    experiment.validate();
    List<SeriesSpec> specs = losses();
    data.validate();
    RunSettings base = experiment.baseSettings(training, "compare");
    List<Long> seeds = experiment.seeds(base.trainer().seed());
    NerData nerData = data.load(base.tagging());
    base = experiment.withEvalInterval(base, nerData.train());
    if (nerData.dev() == null) {
      log().warn("no --dev: steps to the target F1 and the dev curve need a dev set");
    }
    List<RunPlan> plans = LossComparison.plans(nerData, base, specs, seeds);
    ExperimentSetup setup =
        ExperimentOptions.setup(
                nerData,
                training,
                base,
                seeds,
                experiment.targetF1,
                ExperimentOptions.command(spec))
            .withSeriesHeads(specs);
    return new ExperimentPlans.Planned(setup, plans);
  }

  private List<SeriesSpec> losses() {
    if (losses == null) {
      return LossComparison.defaultLosses(
              k == null ? 1 : k,
              gamma == null ? 2 : gamma,
              alpha == null ? 0.75 : alpha,
              threshold == null ? 0.5 : threshold)
          .stream()
          .map(SeriesSpec::of)
          .toList();
    }
    List<String> shared = new ArrayList<>();
    for (String f : List.of("--k", "--gamma", "--alpha", "--threshold")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(f)) {
        shared.add(f);
      }
    }
    if (!shared.isEmpty()) {
      throw new Errors.UsageException(
          String.join(", ", shared)
              + " set the default losses; with --losses write the"
              + " values into each loss, e.g. 'focal(gamma=1)'");
    }
    return SeriesSpec.parseList(losses);
  }
}
