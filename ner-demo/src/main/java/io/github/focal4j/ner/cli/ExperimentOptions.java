package io.github.focal4j.ner.cli;

import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.training.TrainerConfig;
import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.experiment.ExperimentListener;
import io.github.focal4j.ner.experiment.ExperimentRunner;
import io.github.focal4j.ner.experiment.ExperimentSetup;
import io.github.focal4j.ner.experiment.LossSpec;
import io.github.focal4j.ner.experiment.NerData;
import io.github.focal4j.ner.experiment.RunLog;
import io.github.focal4j.ner.experiment.RunPlan;
import io.github.focal4j.ner.experiment.RunSettings;
import io.github.focal4j.ner.experiment.RunSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What {@code compare} and {@code sweep} share: seeds, dev scoring, threads, progress. */
final class ExperimentOptions {

  /**
   * The logger, looked up where it is used: a static field would start the logging backend (about
   * 0.15 s) for every command, as picocli makes every subcommand's object and mixin at start-up.
   */
  private static org.slf4j.Logger log() {
    return org.slf4j.LoggerFactory.getLogger(ExperimentOptions.class);
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      order = 70,
      description = "Seeds per loss: --seed, --seed + 1, ... (default: ${DEFAULT-VALUE}).")
  int seeds = 3;

  @Option(
      names = "--seed-list",
      paramLabel = "S,S,...",
      split = ",",
      order = 71,
      description = "Exactly these seeds (instead of --seeds).")
  List<Long> seedList = new ArrayList<>();

  @Option(
      names = "--target-f1",
      paramLabel = "F1",
      order = 72,
      description =
          "Report the steps each run needs to reach this dev F1 in percent (default: ${DEFAULT-VALUE}).")
  double targetF1 = 90;

  @Option(
      names = "--eval-every",
      paramLabel = "N",
      order = 73,
      description = "Score the dev set every N steps (default: five times per epoch).")
  Integer evalEvery;

  @Option(
      names = "--threads",
      paramLabel = "N",
      order = 74,
      description = "Cores to use: that many runs train side by side (default: min(2, cores)).")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Option(
      names = "--no-progress",
      order = 75,
      description = "No progress bar (one log line per finished run).")
  boolean noProgress;

  @Option(
      names = "--spark",
      paramLabel = "MASTER",
      order = 76,
      description =
          "Run on Apache Spark at MASTER (local[2], spark://host:7077, yarn ...): every run one Spark task,"
              + " same tables; --threads is then ignored. Needs focal4j-spark.jar (README, 'Scaling out').")
  String spark;

  /**
   * The seeds: {@code --seed-list}, or {@code --seeds} consecutive seeds from {@code first}.
   *
   * @throws Errors.UsageException for a bad count or both flags
   */
  List<Long> seeds(long first) {
    if (!seedList.isEmpty()) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--seeds")) {
        throw new Errors.UsageException("give --seeds or --seed-list, not both");
      }
      Set<Long> seen = new HashSet<>();
      for (long s : seedList) {
        if (!seen.add(s)) {
          throw new Errors.UsageException(
              "--seed-list: seed "
                  + s
                  + " is given twice; give each seed once (a repeated run would count as another seed)");
        }
      }
      return List.copyOf(seedList);
    }
    if (seeds < 1) {
      throw new Errors.UsageException("--seeds must be >= 1, got " + seeds);
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < seeds; i++) {
      out.add(first + i);
    }
    return out;
  }

  /** Checks the shared flags. */
  void validate() {
    if (threads < 1) {
      throw new Errors.UsageException("--threads must be >= 1, got " + threads);
    }
    if (!(targetF1 > 0 && targetF1 <= 100)) {
      throw new Errors.UsageException("--target-f1 must be in (0, 100], got " + targetF1);
    }
    if (evalEvery != null && evalEvery < 1) {
      throw new Errors.UsageException("--eval-every must be >= 1, got " + evalEvery);
    }
    if (spark != null && !io.github.focal4j.ner.cluster.ClusterBackends.isMaster(spark)) {
      throw new Errors.UsageException(
          "--spark "
              + spark
              + ": not a Spark master URL (local[N], local[*],"
              + " spark://HOST:PORT, yarn, k8s://URL)");
    }
  }

  /** The dev interval: the flag, or a fifth of an epoch. */
  int evalEvery(Corpus train, int batchSize) {
    if (evalEvery != null) {
      return evalEvery;
    }
    int batches = (train.size() + batchSize - 1) / batchSize;
    return Math.max(1, batches / 5);
  }

  /**
   * The settings every run of an experiment shares before the data is known: the softmax head, or
   * the CRF head with {@code --crf-mix} below 1 (the losses need per-token probabilities: the
   * softmax's or the CRF's marginals), no early stopping, final parameters.
   *
   * @throws Errors.UsageException for the CRF head without {@code --crf-mix} below 1
   */
  RunSettings baseSettings(TrainingOptions training, String what) {
    RunSettings base = training.settings(LossSpec.crossEntropy(), RunSettings.Selection.LAST, 1);
    if (base.model().head() == io.github.focal4j.models.Head.CRF && !base.mixesCrfMarginals()) {
      throw new Errors.UsageException(
          what
              + " needs --head softmax, or --head crf with --crf-mix below 1: the"
              + " losses reshape per-token probabilities, which the CRF head has only as its marginals");
    }
    return new RunSettings(
        base.model(),
        base.trainer().toBuilder().noEarlyStopping().build(),
        base.tagging(),
        base.loss(),
        RunSettings.Selection.LAST,
        1,
        base.crfMix());
  }

  /** The base settings with the dev interval for this training data. */
  RunSettings withEvalInterval(RunSettings base, Corpus train) {
    return new RunSettings(
        base.model(),
        base.trainer(),
        base.tagging(),
        base.loss(),
        base.selection(),
        evalEvery(train, base.trainer().batchSize()),
        base.crfMix());
  }

  /**
   * Runs the plans with a progress bar (or a log line per run) and groups the summaries by series
   * and point. Each finished run is written to {@code runLog} as it ends; runs already there (same
   * settings, data and seed: an earlier, interrupted start of the same command) are taken from it
   * and not trained again.
   */
  List<io.github.focal4j.ner.experiment.SeriesStats> run(
      String task, List<RunPlan> plans, java.nio.file.Path runLog) {
    RunLog log = RunLog.open(runLog);
    RunSummary[] out = new RunSummary[plans.size()];
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      int index = i;
      log.find(plans.get(i)).ifPresentOrElse(r -> out[index] = r, () -> todo.add(index));
    }
    if (todo.size() < plans.size()) {
      log()
          .info(
              "{} of {} runs already finished in {}: taken from there, not trained again (delete the"
                  + " file to train them again)",
              plans.size() - todo.size(),
              plans.size(),
              runLog);
    }
    List<RunPlan> left = todo.stream().map(plans::get).toList();
    long total = left.stream().mapToLong(ExperimentRunner::budget).sum();
    long start = System.nanoTime();
    if (left.isEmpty()) {
      log().info("nothing left to train");
    } else if (spark != null) {
      io.github.focal4j.ner.cluster.ClusterBackend backend =
          io.github.focal4j.ner.cluster.ClusterBackends.require("--spark");
      log().info("{} runs, {} steps in all, one Spark task each on {}", left.size(), total, spark);
      backend.runExperiment(
          spark,
          spec.commandLine().getParseResult().originalArgs(),
          plans,
          todo,
          targetF1,
          (i, r) -> {
            log.add(plans.get(i), r);
            out[i] = r;
            log().info("run {}/{} {} seed {} finished", i + 1, plans.size(), r.series(), r.seed());
          });
    } else {
      log()
          .info(
              "{} runs, {} steps in all, {} at a time",
              left.size(),
              total,
              Math.min(threads, left.size()));
      List<RunSummary> done;
      try (Progress p = new Progress(task, total, !noProgress)) {
        ExperimentListener progress = Progress.forExperiment(p);
        done =
            new ExperimentRunner(threads, targetF1)
                .run(
                    left,
                    new ExperimentListener() {
                      @Override
                      public void runStarted(int index, int runs, RunPlan plan, long totalSteps) {
                        progress.runStarted(index, runs, plan, totalSteps);
                      }

                      @Override
                      public void step(
                          int index, io.github.focal4j.models.training.TrainingListener.Step s) {
                        progress.step(index, s);
                      }

                      @Override
                      public void runFinished(int index, RunSummary summary) {
                        log.add(left.get(index), summary); // kept the moment it exists
                        progress.runFinished(index, summary);
                      }
                    });
      }
      for (int i = 0; i < done.size(); i++) {
        out[todo.get(i)] = done.get(i);
      }
    }
    log()
        .info(
            "{} runs in {}",
            left.size(),
            Progress.duration(java.time.Duration.ofNanos(System.nanoTime() - start)));
    return io.github.focal4j.ner.experiment.SeriesStats.group(java.util.Arrays.asList(out));
  }

  /**
   * Writes the Markdown, the JSON and the charts (PNG, two side by side) and prints the Markdown.
   */
  void write(
      String markdown,
      com.google.gson.JsonElement json,
      List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts,
      java.nio.file.Path dir,
      String name)
      throws java.io.IOException {
    java.io.PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(markdown);
    java.nio.file.Path md = dir.resolve(name + ".md");
    java.nio.file.Path js = dir.resolve(name + ".json");
    java.nio.file.Path png = dir.resolve(name + ".png");
    TrainReport.writeText(markdown, md);
    TrainReport.write(json, js);
    io.github.focal4j.ner.plot.ChartFiles.write(
        charts, 2, io.github.focal4j.ner.plot.ChartFiles.Format.PNG, png);
    stdout.printf(Locale.ROOT, "%nwrote %s, %s and %s%n", md, js, png);
    stdout.flush();
  }

  /** The arguments of this subcommand as typed (without the program and subcommand names). */
  static List<String> ownArgs(CommandSpec spec) {
    List<String> all = spec.commandLine().getParseResult().originalArgs();
    return all.subList(all.indexOf(spec.name()) + 1, all.size());
  }

  /** The setup paragraph of a report. */
  static ExperimentSetup setup(
      NerData data,
      TrainingOptions training,
      RunSettings base,
      List<Long> seeds,
      double targetF1,
      String command) {
    List<String> corpora = new ArrayList<>();
    corpora.add(data.train().stats().summary());
    data.devCorpus().ifPresent(c -> corpora.add(c.stats().summary()));
    data.testCorpus().ifPresent(c -> corpora.add(c.stats().summary()));
    long steps = ExperimentRunner.budget(new RunPlan("", Double.NaN, data, base));
    TrainerConfig t = base.trainer();
    String budget =
        String.format(
            Locale.ROOT,
            "%d %s = %,d steps of %d sentences for every run, no early"
                + " stopping, final parameters (no model selection)",
            t.epochs(),
            t.epochs() == 1 ? "epoch" : "epochs",
            steps,
            t.batchSize());
    return new ExperimentSetup(
        data.source(),
        corpora,
        training.describe() + ": " + describe(base),
        budget,
        seeds,
        data.test() != null ? "test" : "dev",
        targetF1,
        base.evalEvery(),
        command);
  }

  /** The architecture and optimizer in a few words. */
  static String describe(RunSettings s) {
    TokenClassifierConfig m = s.model();
    TrainerConfig t = s.trainer();
    String chars =
        m.charFeatures()
            .map(
                f ->
                    String.format(
                        Locale.ROOT, "char CNN %d×%d width %d", f.dim(), f.filters(), f.width()))
            .orElse("no char features");
    return String.format(
        Locale.ROOT,
        "%swords %d%s, %s%s, BiLSTM %d+%d, dropout %s, %s head, %s tags; %s, " + "clip %s",
        m.lowercaseWords() ? "lower-cased " : "",
        m.wordDim(),
        m.minWordCount() > 1 ? " (min count " + m.minWordCount() + ")" : "",
        chars,
        m.casingDim().isPresent() ? ", casing " + m.casingDim().getAsInt() : "",
        m.hiddenSize(),
        m.hiddenSize(),
        LossSpec.format(m.dropout()),
        head(s),
        s.tagging(),
        optimizer(t),
        t.clipNorm().isPresent() ? LossSpec.format(t.clipNorm().getAsDouble()) : "off");
  }

  /** "softmax", "crf", or "crf (loss on its marginals, mu 0.5 of the likelihood)". */
  static String head(RunSettings s) {
    String head = s.model().head().name().toLowerCase(Locale.ROOT);
    return s.mixesCrfMarginals()
        ? head
            + " (loss on its marginals, mu "
            + LossSpec.format(s.crfMix())
            + " of the likelihood)"
        : head;
  }

  private static String optimizer(TrainerConfig t) {
    String name =
        t.optimizer() instanceof io.github.focal4j.models.training.OptimizerConfig.Adam
            ? "Adam"
            : "SGD";
    return name
        + " lr "
        + LossSpec.format(t.optimizer().learningRate())
        + " "
        + schedule(t.schedule());
  }

  static String schedule(io.github.focal4j.models.training.LearningRateSchedule s) {
    if (s instanceof io.github.focal4j.models.training.LearningRateSchedule.LinearDecay d) {
      return "decaying linearly to " + LossSpec.format(d.endFactor()) + "×";
    }
    if (s instanceof io.github.focal4j.models.training.LearningRateSchedule.Warmup w) {
      return "after " + w.steps() + " warm-up steps " + schedule(w.after());
    }
    return "constant";
  }

  /** The command line as typed, for "reproduce with". */
  static String command(CommandSpec spec) {
    List<String> parts = new ArrayList<>();
    parts.add(spec.qualifiedName());
    for (String a : ownArgs(spec)) {
      parts.add(a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return String.join(" ", parts);
  }

  /** The failures of a list of runs, for a closing line. */
  static long failures(List<RunSummary> runs) {
    return runs.stream().filter(RunSummary::failed).count();
  }
}
