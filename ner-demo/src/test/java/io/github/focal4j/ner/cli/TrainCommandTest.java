package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.focal4j.models.Head;
import io.github.focal4j.models.TagConstraints;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.io.ModelFile;
import io.github.focal4j.models.ops.Precision;
import io.github.focal4j.models.training.OptimizerConfig;
import io.github.focal4j.models.training.Trainer;
import io.github.focal4j.models.training.TrainerConfig;
import io.github.focal4j.ner.data.TagScheme;
import io.github.focal4j.ner.experiment.LossSpec;
import io.github.focal4j.ner.experiment.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

  @TempDir Path dir;

  /** The parsed train command (no training). */
  private static TrainCommand parse(String... args) {
    CommandLine cl = Main.commandLine(new Main());
    String[] all = new String[args.length + 1];
    all[0] = "train";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine.ParseResult pr = cl.parseArgs(all);
    return (TrainCommand) pr.subcommand().commandSpec().userObject();
  }

  @Test
  void presetReferenceIsExactlyTheModelsBenchmark() {
    TrainCommand t = parse("--preset", "reference");
    assertEquals(TokenClassifierConfig.reference(), t.training.modelConfig());
    assertEquals(TrainerConfig.reference(), t.training.trainerConfig());
    assertEquals(TagScheme.IOB2, t.training.tagging());
    // and it is the default
    assertEquals(TokenClassifierConfig.reference(), parse().training.modelConfig());
  }

  @Test
  void flagsAfterThePresetOverrideSingleSettingsAndThePresetOverridesFlagsBeforeIt() {
    TrainCommand after =
        parse("--preset", "reference", "--hidden", "7", "--lr", "0.01", "--epochs", "3");
    assertEquals(
        TokenClassifierConfig.reference().toBuilder().hiddenSize(7).build(),
        after.training.modelConfig());
    assertEquals(
        TrainerConfig.reference().toBuilder()
            .epochs(3)
            .optimizer(OptimizerConfig.Adam.withLearningRate(0.01))
            .build(),
        after.training.trainerConfig());
    TrainCommand before = parse("--hidden", "7", "--epochs", "3", "--preset", "reference");
    assertEquals(TokenClassifierConfig.reference(), before.training.modelConfig());
    assertEquals(TrainerConfig.reference(), before.training.trainerConfig());
    TrainCommand conll = parse("--preset", "conll", "--head", "softmax", "--tagging", "iob2");
    assertEquals(Head.SOFTMAX, conll.training.modelConfig().head());
    assertEquals(200, conll.training.modelConfig().hiddenSize());
  }

  @Test
  void presetConllSoftmaxIsTheConllModelWithTheSoftmaxHead() {
    TrainCommand t = parse("--preset", "conll-softmax");
    TokenClassifierConfig m = t.training.modelConfig();
    assertEquals(Head.SOFTMAX, m.head());
    assertEquals(io.github.focal4j.models.TagConstraints.NONE, m.constraints());
    // casing, char CNN 30 × 50 width 3, BiLSTM 200 + 200, words 100 (min count 2), dropout 0.5: the
    // conll model
    assertEquals(java.util.OptionalInt.of(8), m.casingDim());
    assertEquals(new TokenClassifierConfig.CharFeatures(30, 50, 3), m.charFeatures().orElseThrow());
    assertEquals(200, m.hiddenSize());
    assertEquals(100, m.wordDim());
    assertEquals(2, m.minWordCount());
    assertEquals(0.5, m.dropout());
    assertEquals(
        parse("--preset", "conll").training.modelConfig().toBuilder().softmaxHead().build(), m);
    assertEquals(TagScheme.BIOES, t.training.tagging());
    assertEquals(parse("--preset", "conll").training.trainerConfig(), t.training.trainerConfig());
    assertEquals(15, t.training.trainerConfig().epochs());
    assertTrue(Cli.run("train", "--help").out().contains("conll-softmax"));
  }

  /**
   * The demo preset is what the README's first command (compare on the built-in corpus) trains: a
   * change to it changes the README's table, so it is pinned here setting by setting.
   */
  @Test
  void presetDemoIsPinned() {
    TrainCommand demo = parse("--preset", "demo");
    assertEquals(
        TrainerConfig.builder()
            .epochs(4)
            .batchSize(16)
            .optimizer(OptimizerConfig.Adam.withLearningRate(2e-3))
            .build(),
        demo.training.trainerConfig());
    TokenClassifierConfig m = demo.training.modelConfig();
    assertEquals(
        TokenClassifierConfig.builder()
            .wordDim(50)
            .charCnn(20, 20, 3)
            .hiddenSize(50)
            .dropout(0.25)
            .build(),
        m);
    assertEquals(Head.SOFTMAX, m.head());
    assertEquals(TagScheme.IOB2, demo.training.tagging());
  }

  @Test
  void presetConllFastIsConllWithWordDropoutInFiveEpochsAtThriceTheLearningRate() {
    TrainCommand fast = parse("--preset", "conll-fast");
    TrainCommand flags =
        parse("--preset", "conll", "--epochs", "5", "--lr", "3e-3", "--word-dropout", "0.2");
    assertEquals(flags.training.modelConfig(), fast.training.modelConfig());
    assertEquals(flags.training.trainerConfig(), fast.training.trainerConfig());
    assertEquals(TagScheme.BIOES, fast.training.tagging());
    assertEquals(5, fast.training.trainerConfig().epochs());
    assertTrue(Cli.run("train", "--help").out().contains("conll-fast"));
  }

  @Test
  void presetConllSmallIsConllFastWithABiLstmOf128() {
    TrainCommand small = parse("--preset", "conll-small");
    TrainCommand flags = parse("--preset", "conll-fast", "--hidden", "128");
    assertEquals(flags.training.modelConfig(), small.training.modelConfig());
    assertEquals(flags.training.trainerConfig(), small.training.trainerConfig());
    assertEquals(TagScheme.BIOES, small.training.tagging());
    assertEquals(128, small.training.modelConfig().hiddenSize());
    assertTrue(Cli.run("train", "--help").out().contains("conll-small"));
  }

  @Test
  void presetConllQuickIsConllSmallAt64InOneFloat32EpochAtAHighRateWithLittleDropout()
      throws IOException {
    TrainCommand quick = parse("--preset", "conll-quick");
    TrainCommand flags =
        parse(
            "--preset",
            "conll-small",
            "--hidden",
            "64",
            "--dropout",
            "0.1",
            "--word-dropout",
            "0",
            "--epochs",
            "1",
            "--lr",
            "1e-2");
    assertEquals(flags.training.modelConfig(), quick.training.modelConfig());
    assertEquals(
        flags.training.trainerConfig().toBuilder().precision(Precision.FLOAT32).build(),
        quick.training.trainerConfig());
    assertEquals(TagScheme.BIOES, quick.training.tagging());
    // the two-epoch setting it replaced (README) stays two flags away
    assertEquals(
        parse("--preset", "conll-small", "--epochs", "2").training.trainerConfig().toBuilder()
            .precision(Precision.FLOAT32)
            .build(),
        parse("--preset", "conll-quick", "--epochs", "2", "--lr", "3e-3").training.trainerConfig());
    assertTrue(Cli.run("train", "--help").out().contains("conll-quick"));
    if (Precision.FLOAT32.unavailable().isPresent()) { // surefire: no Vector API
      Cli.Result r = Cli.run("train", "--preset", "conll-quick", "--epochs", "1");
      assertEquals(2, r.code(), r.toString());
      assertTrue(
          r.err()
                  .contains(
                      "--preset conll-quick trains in FLOAT32, but float32 needs the Vector API")
              && r.err().contains("--add-modules jdk.incubator.vector")
              && r.err().contains("--precision float64"),
          r.err());
      Cli.Result f64 =
          Cli.run(
              "train",
              "--preset",
              "conll-quick",
              "--precision",
              "float64",
              "--hidden",
              "8",
              "--synthetic-train",
              "40",
              "--synthetic-dev",
              "20",
              "--synthetic-test",
              "20",
              "--epochs",
              "1",
              "--no-progress");
      assertEquals(0, f64.code(), f64.toString());
      // a run of the preset (its saved command and a checkpoint) resumed in this JVM: the same line
      Path run = dir.resolve("quick-run");
      Files.createDirectories(run);
      Files.writeString(run.resolve("command.json"), "{\"args\": [\"--preset\", \"conll-quick\"]}");
      Files.writeString(run.resolve("training.ckpt"), "not read: the settings are refused first");
      Cli.Result resumed = Cli.run("train", "--resume", run.toString());
      assertEquals(2, resumed.code(), resumed.toString());
      assertTrue(
          resumed.err().contains("--preset conll-quick trains in FLOAT32, but float32 needs"),
          resumed.err());
    }
  }

  @Test
  void wordDropoutAndParameterAveragingAreFlagsAppliedInOrderWithThePreset() {
    TrainCommand t = parse("--preset", "conll", "--word-dropout", "0.05", "--ema", "0.999");
    assertEquals(0.05, t.training.modelConfig().wordDropout());
    assertEquals(OptionalDouble.of(0.999), t.training.trainerConfig().emaDecay());
    assertTrue(
        t.training.describe().endsWith("--word-dropout 0.05 --ema 0.999"), t.training.describe());
    assertEquals(OptionalDouble.empty(), parse("--ema", "0").training.trainerConfig().emaDecay());
    TrainCommand before = parse("--word-dropout", "0.05", "--ema", "0.999", "--preset", "conll");
    assertEquals(0.0, before.training.modelConfig().wordDropout());
    assertEquals(OptionalDouble.empty(), before.training.trainerConfig().emaDecay());
    String help = Cli.run("train", "--help").out();
    assertTrue(help.contains("--word-dropout=P") && help.contains("--ema=DECAY"), help);
  }

  @Test
  void precisionIsFloat64UnlessAskedAndFloat32WithoutTheVectorApiIsAUsageError() {
    assertEquals(
        Precision.FLOAT64, parse("--preset", "conll-fast").training.trainerConfig().precision());
    String help = Cli.run("train", "--help").out();
    assertTrue(help.contains("--precision=P"), help);
    if (Precision.FLOAT32.unavailable().isEmpty()) { // LauncherIT trains with it
      TrainCommand t = parse("--preset", "conll-fast", "--precision", "float32");
      assertEquals(Precision.FLOAT32, t.training.trainerConfig().precision());
      assertTrue(t.training.describe().endsWith("--precision FLOAT32"), t.training.describe());
    } else { // surefire runs this module's tests without the Vector API
      Cli.Result r = Cli.run("train", "--precision", "float32");
      assertEquals(2, r.code(), r.toString());
      assertTrue(
          r.err().contains("--precision FLOAT32: ") && r.err().contains("jdk.incubator.vector"),
          r.err());
    }
  }

  @Test
  void thePresetHelpOfEveryCommandIsWrittenFromThePresetsThemselves() {
    String help = TrainingOptions.presetHelp();
    for (Preset p : Preset.values()) {
      assertTrue(help.contains(p.cliName() + " (" + p.summary() + ")"), help);
    }
    CommandLine cl = Main.commandLine(new Main());
    for (String command : List.of("train", "compare", "sweep")) {
      assertEquals(
          List.of(help),
          List.of(
              cl.getSubcommands()
                  .get(command)
                  .getCommandSpec()
                  .findOption("--preset")
                  .description()),
          command);
    }
  }

  @Test
  void crfMixReachesTheSettingsAndTheDescription() {
    TrainCommand t = parse("--crf-mix", "0.25", "--preset", "conll");
    io.github.focal4j.ner.experiment.RunSettings s =
        t.training.settings(
            io.github.focal4j.ner.experiment.LossSpec.parse("focal(gamma=2)"),
            io.github.focal4j.ner.experiment.RunSettings.Selection.LAST,
            0);
    assertEquals(0.25, s.crfMix());
    assertTrue(s.mixesCrfMarginals());
    assertTrue(t.training.describe().contains("--crf-mix 0.25"), t.training.describe());
    assertEquals(
        1.0,
        parse("--preset", "conll")
            .training
            .settings(
                io.github.focal4j.ner.experiment.LossSpec.crossEntropy(),
                io.github.focal4j.ner.experiment.RunSettings.Selection.LAST,
                0)
            .crfMix());
  }

  @Test
  void patienceIsATrainFlagAppliedInOrderWithThePreset() {
    assertEquals(OptionalInt.of(3), parse("--patience", "3").training.trainerConfig().patience());
    assertEquals(OptionalInt.empty(), parse("--patience", "0").training.trainerConfig().patience());
    assertEquals(
        TrainerConfig.reference().patience(),
        parse("--patience", "3", "--preset", "reference").training.trainerConfig().patience());
    assertTrue(Cli.run("train", "--help").out().contains("--patience=N"));
    assertTrue(!Cli.run("compare", "--help").out().contains("--patience"));
    assertTrue(!Cli.run("sweep", "--help").out().contains("--patience"));
  }

  @Test
  void crfConstraintsFollowTheTaggingScheme() {
    assertEquals(
        TagConstraints.BIOES,
        parse("--head", "crf", "--tagging", "bioes").training.modelConfig().constraints());
    assertEquals(TagConstraints.BIO, parse("--head", "crf").training.modelConfig().constraints());
    assertEquals(
        TagConstraints.BIOES, parse("--preset", "conll").training.modelConfig().constraints());
  }

  @Test
  void optimizerSwitchKeepsTheLearningRateWhicheverComesFirst() {
    assertEquals(
        OptimizerConfig.Sgd.withLearningRate(0.05),
        parse("--optimizer", "sgd", "--lr", "0.05").training.trainerConfig().optimizer());
    assertEquals(
        OptimizerConfig.Sgd.withLearningRate(0.05),
        parse("--lr", "0.05", "--optimizer", "sgd").training.trainerConfig().optimizer());
  }

  @Test
  void lossFlagsBuildTheSpec() {
    assertEquals(
        LossSpec.parse("focal(gamma=1,alpha=0.25,detach-weight)"),
        parse("--loss", "focal", "--gamma", "1", "--alpha", "0.25", "--detach-weight")
            .loss
            .spec("ce"));
    assertEquals(
        LossSpec.parse("focal(gamma=3,alpha=0.75)"),
        parse("--loss", "focal(gamma=2,alpha=0.75)", "--gamma", "3").loss.spec("ce"));
    assertEquals(
        LossSpec.parse("ce(class-alpha=O:0.2/PER:2)"),
        parse("--class-alpha", "O=0.2,PER=2").loss.spec("ce"));
  }

  @Test
  void theNlpLossesByNameAndFlag() {
    assertEquals(LossSpec.parse("dsc"), parse("--loss", "dsc(smooth=1)").loss.spec("ce"));
    assertEquals(
        LossSpec.parse("dsc(smooth=0.5)"),
        parse("--loss", "dsc", "--smooth", "0.5").loss.spec("ce"));
    assertEquals(
        LossSpec.parse("tversky(false-negative-weight=0.7)"),
        parse("--loss", "tversky", "--false-negative-weight", "0.7").loss.spec("ce"));
    assertEquals(
        LossSpec.parse("mom(lambda=2,base=dsc)"),
        parse("--loss", "mom", "--lambda", "2", "--base", "dsc").loss.spec("ce"));
    String help = Cli.run("train", "--help").out();
    assertTrue(help.contains("poly-focal, dsc, dice, tversky or mom;"), help);
    assertTrue(help.contains("--false-negative-weight=FALSE-NEGATIVE-WEIGHT"), help);
  }

  @Test
  void trainsWithDsc() throws IOException {
    Path report = dir.resolve("dsc.json");
    Cli.Result r =
        Cli.run(
            Cli.args(
                List.of("train"),
                tinySynthetic("--loss", "dsc", "--epochs", "1", "--report", report.toString())
                    .toArray(new String[0])));
    assertEquals(0, r.code(), r.toString());
    assertEquals("dsc", reportSettings(report).get("loss").getAsString());
  }

  @Test
  void trainsWithWordDropoutAndAveragingAndKeepsThemInModelReportAndCheckpoint()
      throws IOException {
    Path out = dir.resolve("wd-ema");
    Path report = dir.resolve("wd-ema.json");
    Cli.Result r =
        Cli.run(
            Cli.args(
                List.of("train"),
                tinySynthetic(
                        "--epochs",
                        "2",
                        "--word-dropout",
                        "0.1",
                        "--ema",
                        "0.9",
                        "--checkpoint-every",
                        "3",
                        "--out",
                        out.toString(),
                        "--report",
                        report.toString())
                    .toArray(new String[0])));
    assertEquals(0, r.code(), r.toString());
    assertEquals(0.1, ModelFile.load(out.resolve("model.f4j")).config().wordDropout());
    String description = reportSettings(report).get("description").getAsString();
    assertTrue(description.contains("--word-dropout 0.1 --ema 0.9"), description);
    assertTrue(
        io.github.focal4j.models.io.CheckpointFormat.read(out.resolve("training.ckpt"))
            .containsKey("EMAV"),
        "the checkpoint keeps the average to resume from");
  }

  @Test
  void trainsOnConllFilesAndWritesModelAndReport() throws IOException {
    Cli.writeCorpus(dir, 300, 100, 100);
    Path out = dir.resolve("run");
    Path report = dir.resolve("report.json");
    List<String> train = Cli.args(List.of("train"), Cli.TINY_MODEL.toArray(new String[0]));
    Cli.Result r =
        Cli.run(
            Cli.args(
                train,
                "--train",
                dir.resolve("train.txt").toString(),
                "--dev",
                dir.resolve("dev.txt").toString(),
                "--test",
                dir.resolve("test.txt").toString(),
                "--epochs",
                "2",
                "--loss",
                "focal",
                "--gamma",
                "1",
                "--out",
                out.toString(),
                "--report",
                report.toString(),
                "--no-progress"));
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("test:\nprocessed "), r.out());
    JsonObject j = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    for (String split : List.of("dev", "test")) {
      JsonObject s = j.getAsJsonObject(split);
      for (String k : List.of("precision", "recall", "f1")) {
        double v = s.get(k).getAsDouble();
        assertTrue(v >= 0 && v <= 100, split + "." + k + " = " + v);
      }
    }
    JsonObject t = j.getAsJsonObject("train");
    assertTrue(t.get("tokens_per_second").getAsDouble() > 0);
    assertTrue(t.get("seconds").getAsDouble() > 0);
    assertEquals(2, t.get("epochs").getAsInt());
    assertEquals("focal(gamma=1)", j.getAsJsonObject("settings").get("loss").getAsString());
    assertTrue(
        Files.readString(report).contains("\"loss\": \"focal(gamma=1)\""),
        "written as read, not focal(gamma\\u003d1)");
    // the saved model reproduces the reported test F1
    TokenClassifier model = ModelFile.load(out.resolve("model.f4j"));
    Cli.Result e =
        Cli.run(
            "evaluate", "--model", out.toString(), "--test", dir.resolve("test.txt").toString());
    assertEquals(0, e.code(), e.toString());
    String fb1 =
        String.format(
            java.util.Locale.ROOT, "FB1: %6.2f", j.getAsJsonObject("test").get("f1").getAsDouble());
    assertTrue(e.out().contains(fb1), fb1 + " in\n" + e.out());
    assertEquals(TagScheme.IOB2, io.github.focal4j.ner.experiment.ModelEvaluation.schemeOf(model));
  }

  /** The {@code settings} object of a {@code train --report} file. */
  private static JsonObject reportSettings(Path report) throws IOException {
    return JsonParser.parseString(Files.readString(report))
        .getAsJsonObject()
        .getAsJsonObject("settings");
  }

  /** Tiny synthetic training options: a second or two. */
  private static List<String> tinySynthetic(String... more) {
    return Cli.args(
        Cli.args(
            Cli.TINY_MODEL,
            "--synthetic-train",
            "200",
            "--synthetic-dev",
            "60",
            "--synthetic-test",
            "60",
            "--no-progress"),
        more);
  }

  @Test
  void crfHeadOnBioesTags() throws IOException {
    Path out = dir.resolve("crf");
    Cli.Result r =
        Cli.run(
            Cli.args(
                List.of("train"),
                Cli.args(
                        tinySynthetic(
                            "--head",
                            "crf",
                            "--tagging",
                            "bioes",
                            "--epochs",
                            "1",
                            "--out",
                            out.toString()))
                    .toArray(new String[0])));
    assertEquals(0, r.code(), r.toString());
    TokenClassifier model = ModelFile.load(out.resolve("model.f4j"));
    assertEquals(Head.CRF, model.config().head());
    assertTrue(
        model.encoder().tags().tags().stream().anyMatch(s -> s.startsWith("S-")),
        model.encoder().tags().tags().toString());
  }

  @Test
  void crfHeadWithFocalLossOnItsMarginalsReportsMuAndResumesWithIt() throws IOException {
    Path out = dir.resolve("crf-mix");
    Path report = dir.resolve("crf-mix.json");
    Cli.Result r =
        Cli.run(
            Cli.args(
                List.of("train"),
                tinySynthetic(
                        "--head",
                        "crf",
                        "--tagging",
                        "bioes",
                        "--loss",
                        "focal(gamma=2)",
                        "--crf-mix",
                        "0.5",
                        "--epochs",
                        "1",
                        "--out",
                        out.toString(),
                        "--report",
                        report.toString())
                    .toArray(new String[0])));
    assertEquals(0, r.code(), r.toString());
    JsonObject settings = reportSettings(report);
    assertEquals(0.5, settings.get("crf_mix").getAsDouble());
    assertEquals("focal(gamma=2)", settings.get("loss").getAsString());
    assertTrue(
        settings.get("description").getAsString().contains("--crf-mix 0.5"), settings.toString());
    // The saved command carries the mix and the loss, so resuming trains the same objective.
    String command = Files.readString(out.resolve(TrainCommand.COMMAND));
    assertTrue(
        command.contains("--crf-mix")
            && command.contains("\"0.5\"")
            && command.contains("focal(gamma"),
        command);
    Path again = dir.resolve("crf-mix-again.json");
    Cli.Result resumed =
        Cli.run(
            "train",
            "--resume",
            out.toString(),
            "--no-progress",
            "--threads",
            "1",
            "--report",
            again.toString());
    assertEquals(0, resumed.code(), resumed.toString());
    assertEquals(0.5, reportSettings(again).get("crf_mix").getAsDouble());
  }

  @Test
  void divergenceStopsWithTheStepAndKeepsTheLastCheckpoint() throws IOException {
    Path out = dir.resolve("div");
    Cli.Result r =
        Cli.run(
            Cli.args(
                List.of("train"),
                tinySynthetic(
                        "--optimizer",
                        "sgd",
                        "--lr",
                        "1e300",
                        "--out",
                        out.toString(),
                        "--checkpoint-every",
                        "1")
                    .toArray(new String[0])));
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("training diverged at step 2"), r.err());
    assertEquals(1, r.err().lines().filter(l -> l.startsWith("ner-demo")).count(), r.err());
    Trainer resumed =
        Trainer.resume(
            out.resolve(TrainCommand.CHECKPOINT),
            io.github.focal4j.models.Objective.tokenLoss(
                LossSpec.crossEntropy().multiClass(List.of("O", "B-X"), new long[] {1, 1})));
    assertEquals(1, resumed.step());
  }

  @Test
  void anExistingRunIsNotOverwrittenAndResumeTakesNoSettingFlags() throws IOException {
    Path out = dir.resolve("run");
    List<String> train =
        Cli.args(
            List.of("train"),
            tinySynthetic("--epochs", "1", "--out", out.toString()).toArray(new String[0]));
    assertEquals(0, Cli.run(train).code());
    Cli.Result again = Cli.run(train);
    assertEquals(2, again.code(), again.toString());
    assertTrue(again.err().contains("already holds a training run"), again.err());
    Cli.Result withFlag = Cli.run("train", "--resume", out.toString(), "--epochs", "3");
    assertEquals(2, withFlag.code(), withFlag.toString());
    assertTrue(withFlag.err().contains("not --epochs"), withFlag.err());
    Cli.Result notARun = Cli.run("train", "--resume", dir.toString());
    assertEquals(1, notARun.code(), notARun.toString());
    // resuming a finished run finishes at once with the same scores
    Cli.Result resumed =
        Cli.run("train", "--resume", out.toString(), "--no-progress", "--threads", "1");
    assertEquals(0, resumed.code(), resumed.toString());
  }
}
