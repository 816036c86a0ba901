package io.github.focal4j.ner.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.focal4j.models.inference.FloatTagger;
import io.github.focal4j.models.io.ModelFile;
import io.github.focal4j.models.ops.Precision;
import io.github.focal4j.models.training.TrainingResult;
import io.github.focal4j.ner.eval.ConllevalReport;
import io.github.focal4j.ner.eval.EvaluationResult;
import io.github.focal4j.ner.experiment.ExperimentRunner;
import io.github.focal4j.ner.experiment.LossSpec;
import io.github.focal4j.ner.experiment.NerData;
import io.github.focal4j.ner.experiment.Preset;
import io.github.focal4j.ner.experiment.RunPlan;
import io.github.focal4j.ner.experiment.RunResult;
import io.github.focal4j.ner.experiment.RunSettings;
import io.github.focal4j.ner.experiment.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: one model, any loss, optional checkpoints, resume and a JSON report. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Trains a tagger and scores it with conlleval. Without --train it trains on the built-in synthetic corpus.",
      "",
      "Settings apply in the order given: --preset (default: reference) first, then single changes.",
      "The model learns IOB2 tags (or --tagging BIOES); predictions are scored in IOB2. With a dev set the model"
          + " ends with the parameters of its best dev epoch.",
      "",
      "Fault tolerance: with --out DIR the whole training state is checkpointed atomically to DIR/training.ckpt"
          + " at every epoch end and every --checkpoint-every steps; SIGINT/SIGTERM write a final checkpoint and"
          + " exit with 130/143; 'train --resume DIR' continues bit for bit (parameters, optimizer, data order,"
          + " dropout streams, epoch and step). A NaN/infinite loss stops with exit code 1 and a message naming"
          + " the step; the last checkpoint stays intact.",
      ""
    })
final class TrainCommand implements Callable<Integer> {

  /**
   * The logger, looked up where it is used: a static field would start the logging backend (about
   * 0.15 s) for every command, as picocli makes every subcommand's object at start-up.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(TrainCommand.class);
  }

  static final String CHECKPOINT = "training.ckpt";
  static final String MODEL = io.github.focal4j.ner.tagging.TextTagger.MODEL_FILE;
  static final String COMMAND = "command.json";

  /** Flags that may be given with --resume (run-time settings that never change the result). */
  private static final Set<String> RESUME_FLAGS =
      Set.of(
          "--resume", "--threads", "--no-progress", "--report", "--checkpoint-every", "--verbose");

  /** Flags whose values are paths, made absolute in the saved command. */
  private static final Set<String> PATH_FLAGS =
      Set.of("--train", "--dev", "--test", "--out", "--report");

  @Spec CommandSpec spec;

  @Mixin DataOptions data = new DataOptions();

  @Mixin LossOptions loss = new LossOptions();

  @Mixin TrainingOptions training = new TrainingOptions(Preset.REFERENCE);

  @Option(
      names = "--patience",
      paramLabel = "N",
      order = 59,
      description = "Stop after N epochs without a better dev F1; 0 never stops early.")
  void setPatience(int v) {
    training.setPatience(v);
  }

  @Option(
      names = "--out",
      paramLabel = "DIR",
      order = 60,
      description =
          "Write DIR/model.f4j (model and vocabularies), DIR/training.ckpt and DIR/command.json.")
  Path out;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      order = 61,
      description =
          "Write the JSON report: dev/test precision, recall, f1; train tokens_per_second, seconds, epochs.")
  Path report;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      order = 62,
      description = "Also checkpoint every N steps (needs --out; epoch ends always).")
  Integer checkpointEvery;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      order = 63,
      description = "Continue the run saved in DIR with its saved settings and data.")
  Path resume;

  @Option(
      names = "--eval-every",
      paramLabel = "N",
      order = 64,
      description = "Score the dev set every N steps too (logged; default: epoch ends only).")
  int evalEvery;

  @Option(
      names = "--threads",
      paramLabel = "N",
      order = 65,
      description = "Worker threads (default: min(2, cores)); never changes the result.")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Option(
      names = "--no-progress",
      order = 66,
      description = "No progress bar (one log line per epoch instead).")
  boolean noProgress;

  @Override
  public Integer call() throws IOException {
    if (threads < 1) {
      throw new Errors.UsageException("--threads must be >= 1, got " + threads);
    }
    if (resume != null) {
      return resume();
    }
    if (checkpointEvery != null && out == null) {
      throw new Errors.UsageException("--checkpoint-every needs --out DIR");
    }
    if (checkpointEvery != null && checkpointEvery < 1) {
      throw new Errors.UsageException("--checkpoint-every must be >= 1, got " + checkpointEvery);
    }
    if (evalEvery < 0) {
      throw new Errors.UsageException("--eval-every must be >= 0, got " + evalEvery);
    }
    LossSpec lossSpec = loss.given() ? loss.spec("ce") : LossSpec.crossEntropy();
    data.validate();
    boolean hasDev = data.synthetic() || data.dev != null;
    RunSettings settings =
        training.settings(
            lossSpec,
            hasDev ? RunSettings.Selection.BEST_DEV_EPOCH : RunSettings.Selection.LAST,
            evalEvery);
    if (out != null) {
      if (Files.exists(out.resolve(CHECKPOINT))) {
        throw new Errors.UsageException(
            out
                + " already holds a training run ("
                + CHECKPOINT
                + "); continue it with"
                + " --resume "
                + out
                + " or choose another --out");
      }
      Files.createDirectories(out);
    }
    prepareKernels(settings);
    NerData nerData = data.load(settings.tagging());
    if (out != null) {
      saveCommand();
    }
    return train(nerData, settings, null);
  }

  /** Re-reads the saved command of DIR and continues its checkpoint. */
  private int resume() throws IOException {
    List<String> extra = new ArrayList<>();
    for (var o : spec.commandLine().getParseResult().matchedOptions()) {
      if (!RESUME_FLAGS.contains(o.longestName())) {
        extra.add(o.longestName());
      }
    }
    if (!extra.isEmpty()) {
      throw new Errors.UsageException(
          "--resume continues a run with its saved settings; only --threads,"
              + " --no-progress, --report and --checkpoint-every may be given with it, not "
              + String.join(", ", extra));
    }
    Path checkpoint = resume.resolve(CHECKPOINT);
    Path command = resume.resolve(COMMAND);
    if (!Files.isDirectory(resume)) {
      throw new NoSuchFileException(
          resume.toString(),
          null,
          Files.exists(resume)
              ? "not a directory: --resume takes the --out DIR of a train run"
              : "no such training directory");
    }
    if (!Files.isRegularFile(command)) {
      throw new NoSuchFileException(
          command.toString(), null, "no such file: not the --out DIR of a train run");
    }
    if (!Files.isRegularFile(checkpoint)) {
      throw new NoSuchFileException(checkpoint.toString());
    }
    List<String> args = new ArrayList<>();
    try {
      JsonObject saved =
          JsonParser.parseString(Files.readString(command, StandardCharsets.UTF_8))
              .getAsJsonObject();
      for (JsonElement e : saved.getAsJsonArray("args")) {
        args.add(e.getAsString());
      }
    } catch (RuntimeException e) {
      throw new IOException(command + ": not a saved command (" + e.getMessage() + ")", e);
    }
    TrainCommand original = new TrainCommand();
    CommandLine cl = new CommandLine(original);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    try {
      cl.parseArgs(args.toArray(new String[0]));
    } catch (CommandLine.ParameterException e) {
      throw new IOException(command + ": the saved command no longer parses: " + e.getMessage(), e);
    }
    original.threads = threads;
    original.noProgress = noProgress;
    if (report != null) {
      original.report = report;
    }
    if (checkpointEvery != null) {
      original.checkpointEvery = checkpointEvery;
    }
    original.out = resume;
    LossSpec lossSpec = original.loss.given() ? original.loss.spec("ce") : LossSpec.crossEntropy();
    boolean hasDev = original.data.synthetic() || original.data.dev != null;
    RunSettings settings =
        original.training.settings(
            lossSpec,
            hasDev ? RunSettings.Selection.BEST_DEV_EPOCH : RunSettings.Selection.LAST,
            original.evalEvery);
    prepareKernels(settings);
    NerData nerData = original.data.load(settings.tagging());
    log().info("resuming {} ({})", checkpoint, original.training.describe());
    original.spec = spec;
    return original.train(nerData, settings, checkpoint);
  }

  /**
   * Training in float32 starts compiling the float32 kernels on a background thread (the same
   * warm-up as {@code tag}'s), so that it overlaps reading the data on one core rather than slowing
   * the first steps.
   */
  private static void prepareKernels(RunSettings settings) {
    if (settings.trainer().precision() == Precision.FLOAT32) {
      FloatTagger.prepare();
    }
  }

  private int train(NerData nerData, RunSettings settings, Path resumeFrom) throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    log().info("data: {}", nerData.source());
    log().info(nerData.train().stats().summary());
    nerData.devCorpus().ifPresent(c -> log().info(c.stats().summary()));
    nerData.testCorpus().ifPresent(c -> log().info(c.stats().summary()));
    log()
        .info(
            "model: {}; loss {}{}; tagging {}",
            training.describe(),
            settings.loss(),
            settings.mixesCrfMarginals()
                ? " on the CRF marginals, mu " + LossSpec.format(settings.crfMix())
                : "",
            settings.tagging());
    TrainingRun run = new TrainingRun(nerData, settings).threads(threads);
    if (evalEvery > 0) {
      run.onDevScore(
          p ->
              log()
                  .info(
                      "step {}: dev F1 {}", p.step(), String.format(Locale.ROOT, "%.2f", p.f1())));
    }
    Path checkpoint = out == null ? null : out.resolve(CHECKPOINT);
    if (checkpoint != null) {
      run.checkpointTo(checkpoint, checkpointEvery == null ? 0 : checkpointEvery);
    }
    if (resumeFrom != null) {
      run.resumeFrom(resumeFrom);
    }
    long budget = ExperimentRunner.budget(new RunPlan("train", Double.NaN, nerData, settings));
    long start = System.nanoTime();
    RunResult r;
    try (Progress progress = new Progress("train", budget, !noProgress);
        SignalStop ignored =
            new SignalStop(
                () -> {
                  stderr.println(
                      "ner-demo train: signal received, stopping after the current step"
                          + (checkpoint != null ? " and writing " + checkpoint : ""));
                  stderr.flush();
                  run.requestStop();
                })) {
      run.addListener(Progress.forTraining(progress, settings.trainer().epochs()));
      r = run.run();
    }
    double wall = (System.nanoTime() - start) * 1e-9;
    if (r.training().stop() == TrainingResult.Stop.STOP_REQUESTED) {
      stderr.printf(
          Locale.ROOT,
          "ner-demo train: stopped after step %d (epoch %d)%s%n",
          r.training().steps(),
          r.training().epochs() + 1,
          checkpoint != null
              ? "; checkpoint "
                  + checkpoint
                  + "; continue with: ner-demo"
                  + " train --resume "
                  + out
              : "; no checkpoint (no --out)");
      stderr.flush();
      return 143;
    }
    if (out != null) {
      ModelFile.save(r.model(), out.resolve(MODEL));
    }
    if (report != null) {
      TrainReport.write(TrainReport.json(r, nerData, training.describe(), wall), report);
    }
    print(stdout, "dev", r.dev());
    print(stdout, "test", r.test());
    stdout.printf(
        Locale.ROOT,
        "trained %d epochs, %d steps (%s) in %.1f s of training: %,.0f training tokens/s%n",
        r.training().epochs(),
        r.training().steps(),
        r.training().stop().name().toLowerCase(Locale.ROOT),
        r.training().seconds(),
        r.training().tokensPerSecond());
    if (out != null) {
      stdout.println("model: " + out.resolve(MODEL));
    }
    if (report != null) {
      stdout.println("report: " + report);
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, String split, EvaluationResult e) {
    if (e != null) {
      out.println(split + ":");
      out.print(ConllevalReport.format(e));
    }
  }

  /** DIR/command.json: the arguments of this command with absolute paths, to resume it later. */
  private void saveCommand() throws IOException {
    List<String> original = ExperimentOptions.ownArgs(spec);
    JsonArray args = new JsonArray();
    for (int i = 0; i < original.size(); i++) {
      String a = original.get(i);
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      if (name.equals("--verbose")) {
        continue;
      }
      if (PATH_FLAGS.contains(name)) {
        if (eq > 0) {
          args.add(name + "=" + Path.of(a.substring(eq + 1)).toAbsolutePath());
        } else if (i + 1 < original.size()) {
          args.add(name);
          args.add(Path.of(original.get(++i)).toAbsolutePath().toString());
        }
        continue;
      }
      args.add(a);
    }
    JsonObject o = new JsonObject();
    o.add("args", args);
    o.addProperty("version", VersionProvider.version());
    try {
      TrainReport.write(o, out.resolve(COMMAND));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
