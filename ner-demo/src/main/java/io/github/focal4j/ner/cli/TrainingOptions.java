package io.github.focal4j.ner.cli;

import io.github.focal4j.models.Head;
import io.github.focal4j.models.TagConstraints;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.ops.Precision;
import io.github.focal4j.models.training.LearningRateSchedule;
import io.github.focal4j.models.training.OptimizerConfig;
import io.github.focal4j.models.training.TrainerConfig;
import io.github.focal4j.ner.data.TagScheme;
import io.github.focal4j.ner.experiment.LossSpec;
import io.github.focal4j.ner.experiment.Preset;
import io.github.focal4j.ner.experiment.RunSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Model, training and tagging settings: a {@code --preset} and single changes, applied <b>in the
 * order given</b> (picocli calls the setters as it meets the flags). A preset replaces every
 * setting it covers, so {@code --preset reference --hidden 50} is the reference with 50 hidden
 * units, while {@code --hidden 50 --preset reference} is the plain reference. Each flag is
 * validated as it is applied, with a message naming it.
 */
final class TrainingOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private Preset preset;
  private TokenClassifierConfig.Builder model;
  private TrainerConfig.Builder trainer;
  private Head head;
  private TagScheme tagging;
  private LearningRateSchedule schedule;
  private int warmup;
  private Double crfMix; // null until --crf-mix is given; not a preset setting
  private final List<String> changes = new ArrayList<>();

  TrainingOptions(Preset initial) {
    apply(initial);
  }

  private void apply(Preset p) {
    preset = p;
    model = p.model().toBuilder();
    head = p.model().head();
    trainer = p.trainer().toBuilder();
    tagging = p.tagging();
    LearningRateSchedule s = p.trainer().schedule();
    if (s instanceof LearningRateSchedule.Warmup w) {
      warmup = w.steps();
      schedule = w.after();
    } else {
      warmup = 0;
      schedule = s;
    }
    changes.clear();
  }

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      order = 40,
      description = "Written by presetHelp from Preset's summaries.")
  void setPreset(String name) {
    try {
      apply(Preset.parse(name));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--preset: " + e.getMessage());
    }
  }

  @Option(
      names = "--head",
      paramLabel = "HEAD",
      order = 41,
      description =
          "SOFTMAX (any loss) or CRF (sequence likelihood, mixed with any --loss of its token marginals by"
              + " --crf-mix; BIO/BIOES transition constraints).")
  void setHead(Head h) {
    change("--head", h, () -> head = h);
  }

  @Option(
      names = "--crf-mix",
      paramLabel = "MU",
      order = 41,
      description =
          "CRF head: train mu * sentence NLL + (1 - mu) * sum_t LOSS(p(y_t | x)), the --loss acting on the"
              + " CRF's token marginals (forward-backward); mu in [0, 1], default 1 (the likelihood alone).")
  void setCrfMix(double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new ParameterException(
          spec.commandLine(), "--crf-mix " + v + ": mu must be in [0, 1], got " + v);
    }
    crfMix = v;
  }

  @Option(
      names = "--tagging",
      paramLabel = "SCHEME",
      order = 42,
      description =
          "Tags the model learns: IOB2 or BIOES (data is converted; predictions are scored in IOB2).")
  void setTagging(TagScheme s) {
    if (s == TagScheme.IOB1) {
      throw new ParameterException(
          spec.commandLine(), "--tagging IOB1: models learn IOB2 or BIOES tags");
    }
    change("--tagging", s, () -> tagging = s);
  }

  @Option(names = "--word-dim", paramLabel = "N", order = 43, description = "Word embedding size.")
  void setWordDim(int v) {
    change("--word-dim", v, () -> model.wordDim(v));
  }

  @Option(
      names = "--keep-case",
      order = 44,
      description = "Do not lower-case words (characters keep case anyway).")
  void setKeepCase(boolean v) {
    change(
        "--keep-case",
        v,
        () -> {
          if (v) {
            model.keepWordCase();
          } else {
            model.lowercaseWords();
          }
        });
  }

  @Option(
      names = "--min-word-count",
      paramLabel = "N",
      order = 45,
      description =
          "Training words seen fewer times become <unk> (2 trains the unknown-word vector on singletons).")
  void setMinWordCount(int v) {
    change("--min-word-count", v, () -> model.minWordCount(v));
  }

  @Option(
      names = "--char-cnn",
      paramLabel = "DIM,FILTERS,WIDTH",
      order = 46,
      description = "Character CNN: embedding size, filters, odd width; 0,0,0 for none.")
  void setCharCnn(String v) {
    String[] parts = v.split(",");
    if (parts.length != 3) {
      throw new ParameterException(
          spec.commandLine(), "--char-cnn " + v + ": expected DIM,FILTERS,WIDTH");
    }
    int[] n = new int[3];
    for (int i = 0; i < 3; i++) {
      try {
        n[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new ParameterException(
            spec.commandLine(), "--char-cnn " + v + ": '" + parts[i] + "' is not an integer");
      }
    }
    // 0,0,0 is the flag's word for "no character features"
    change(
        "--char-cnn",
        v,
        () -> {
          if (n[0] == 0 && n[1] == 0 && n[2] == 0) {
            model.noCharFeatures();
          } else {
            model.charCnn(n[0], n[1], n[2]);
          }
        });
  }

  @Option(
      names = "--casing-dim",
      paramLabel = "N",
      order = 47,
      description = "Casing-class embedding size; 0 for none.")
  void setCasingDim(int v) {
    change(
        "--casing-dim",
        v,
        () -> {
          if (v == 0) { // the flag's word for "no casing feature"
            model.noCasingFeature();
          } else {
            model.casingDim(v);
          }
        });
  }

  @Option(
      names = "--hidden",
      paramLabel = "N",
      order = 48,
      description = "BiLSTM size per direction.")
  void setHidden(int v) {
    change("--hidden", v, () -> model.hiddenSize(v));
  }

  @Option(
      names = "--dropout",
      paramLabel = "P",
      order = 49,
      description = "Dropout before and after the BiLSTM, in [0, 1).")
  void setDropout(double v) {
    change("--dropout", v, () -> model.dropout(v));
  }

  @Option(
      names = "--word-dropout",
      paramLabel = "P",
      order = 49,
      description =
          "While training, look each word up as <unk> with probability P, in [0, 1) (its characters and"
              + " casing are kept).")
  void setWordDropout(double v) {
    change("--word-dropout", v, () -> model.wordDropout(v));
  }

  @Option(
      names = "--epochs",
      paramLabel = "N",
      order = 50,
      description = "Passes over the training data.")
  void setEpochs(int v) {
    change("--epochs", v, () -> trainer.epochs(v));
  }

  @Option(names = "--batch-size", paramLabel = "N", order = 51, description = "Sentences per step.")
  void setBatchSize(int v) {
    change("--batch-size", v, () -> trainer.batchSize(v));
  }

  @Option(
      names = "--optimizer",
      paramLabel = "OPT",
      order = 52,
      description =
          "adam (PyTorch defaults) or sgd (momentum 0.9); keeps the current learning rate.")
  void setOptimizer(String v) {
    double lr = optimizer().learningRate();
    OptimizerConfig o =
        switch (v.trim().toLowerCase(Locale.ROOT)) {
          case "adam" -> OptimizerConfig.Adam.withLearningRate(lr);
          case "sgd" -> OptimizerConfig.Sgd.withLearningRate(lr);
          default ->
              throw new ParameterException(
                  spec.commandLine(), "--optimizer " + v + ": expected adam or sgd");
        };
    change("--optimizer", v, () -> trainer.optimizer(o));
  }

  @Option(names = "--lr", paramLabel = "RATE", order = 53, description = "Base learning rate.")
  void setLearningRate(double v) {
    change("--lr", v, () -> trainer.optimizer(withLearningRate(optimizer(), v)));
  }

  @Option(
      names = "--schedule",
      paramLabel = "SCHEDULE",
      order = 54,
      description =
          "constant, or linear[:END] (decays to END x the rate at the last step; default END 0).")
  void setSchedule(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    LearningRateSchedule sched;
    try {
      if (s.equals("constant")) {
        sched = LearningRateSchedule.constant();
      } else if (s.equals("linear")) {
        sched = LearningRateSchedule.linearDecay(0);
      } else if (s.startsWith("linear:")) {
        sched = LearningRateSchedule.linearDecay(Double.parseDouble(s.substring(7)));
      } else {
        throw new IllegalArgumentException("expected constant or linear[:END]");
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--schedule " + v + ": " + e.getMessage());
    }
    change("--schedule", v, () -> schedule = sched);
  }

  @Option(
      names = "--warmup",
      paramLabel = "STEPS",
      order = 55,
      description = "Linear warm-up steps before the schedule.")
  void setWarmup(int v) {
    change("--warmup", v, () -> warmup = v);
  }

  @Option(
      names = "--clip",
      paramLabel = "NORM",
      order = 56,
      description = "Clip the gradient norm; 0 for none.")
  void setClip(double v) {
    change(
        "--clip",
        v,
        () -> {
          if (v == 0) { // the flag's word for "no clipping"
            trainer.noClipping();
          } else {
            trainer.clipNorm(v);
          }
        });
  }

  @Option(
      names = "--ema",
      paramLabel = "DECAY",
      order = 56,
      description =
          "Score, keep and save an exponential moving average of the parameters with this decay per"
              + " step, in (0, 1) (0.999 averages about the last 1000 steps); 0 for none.")
  void setEma(double v) {
    change(
        "--ema",
        v,
        () -> {
          if (v == 0) { // the flag's word for "no averaging"
            trainer.noAveraging();
          } else {
            trainer.emaDecay(v);
          }
        });
  }

  @Option(
      names = "--shards",
      paramLabel = "N",
      order = 57,
      description = "Pieces each batch is split into (decides the result; --threads does not).")
  void setShards(int v) {
    change("--shards", v, () -> trainer.shards(v));
  }

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      order = 58,
      description = "Seed of initial parameters, data order and dropout.")
  void setSeed(long v) {
    change("--seed", v, () -> trainer.seed(v));
  }

  @Option(
      names = "--precision",
      paramLabel = "P",
      order = 59,
      description =
          "What the LSTM and char CNN compute in while training: FLOAT64, or FLOAT32 (faster, on the"
              + " Vector API; parameters and checkpoints stay float64).")
  void setPrecision(Precision v) {
    v.unavailable()
        .ifPresent(
            why -> {
              throw new ParameterException(spec.commandLine(), "--precision " + v + ": " + why);
            });
    change("--precision", v, () -> trainer.precision(v));
  }

  /**
   * Early stopping after {@code v} epochs without a better dev F1; the {@code --patience} flag of
   * {@code train} only ({@code compare} and {@code sweep} give every run the same budget), applied
   * in order like the others.
   */
  void setPatience(int v) {
    change(
        "--patience",
        v,
        () -> {
          if (v == 0) { // the flag's word for "no early stopping"
            trainer.noEarlyStopping();
          } else {
            trainer.patience(v);
          }
        });
  }

  // ------------------------------------------------------------------------------ results

  /** The architecture, head constraints derived from the tagging scheme. */
  TokenClassifierConfig modelConfig() {
    TokenClassifierConfig.Builder b = model;
    if (head == Head.CRF) {
      b.crfHead(tagging == TagScheme.BIOES ? TagConstraints.BIOES : TagConstraints.BIO);
    } else {
      b.softmaxHead();
    }
    return b.build();
  }

  /** The training setup. */
  TrainerConfig trainerConfig() {
    trainer.schedule(warmup > 0 ? LearningRateSchedule.warmup(warmup, schedule) : schedule);
    return trainer.build();
  }

  TagScheme tagging() {
    return tagging;
  }

  /**
   * The run settings with this loss, selection and dev interval.
   *
   * @throws Errors.UsageException for {@code --crf-mix} without the CRF head, or a preset that
   *     trains in float32 on a JVM without the Vector API
   */
  RunSettings settings(LossSpec loss, RunSettings.Selection selection, int evalEvery) {
    TrainerConfig tc = trainerConfig();
    tc.precision() // the flag checks itself; here the precision came with the preset
        .unavailable()
        .ifPresent(
            why -> {
              throw new Errors.UsageException(
                  "--preset "
                      + preset.cliName()
                      + " trains in "
                      + tc.precision()
                      + ", but "
                      + why
                      + " (a new run can add --precision float64 after the preset)");
            });
    if (crfMix != null && head != Head.CRF) {
      throw new Errors.UsageException(
          "--crf-mix "
              + LossSpec.format(crfMix)
              + " needs --head crf: it mixes the"
              + " CRF's sentence likelihood with a loss of its token marginals, which the softmax head does not have");
    }
    return new RunSettings(
        modelConfig(), tc, tagging, loss, selection, evalEvery, crfMix == null ? 1.0 : crfMix);
  }

  /** "preset demo" or "preset demo with --hidden 64 --epochs 3", for reports. */
  String describe() {
    List<String> all = new ArrayList<>(changes);
    if (crfMix != null) {
      all.add("--crf-mix " + LossSpec.format(crfMix));
    }
    return "preset " + preset.cliName() + (all.isEmpty() ? "" : " with " + String.join(" ", all));
  }

  private OptimizerConfig optimizer() {
    return trainer.build().optimizer();
  }

  private static OptimizerConfig withLearningRate(OptimizerConfig o, double lr) {
    if (o instanceof OptimizerConfig.Adam a) {
      return new OptimizerConfig.Adam(lr, a.beta1(), a.beta2(), a.eps(), a.weightDecay());
    }
    OptimizerConfig.Sgd s = (OptimizerConfig.Sgd) o;
    return new OptimizerConfig.Sgd(lr, s.momentum(), s.dampening(), s.nesterov(), s.weightDecay());
  }

  /**
   * The {@code --preset} help: each preset's name and {@link Preset#summary()}, {@code reference
   * (...), demo (...), ... or conll-fast (...)}, then how it combines with single flags.
   */
  static String presetHelp() {
    Preset[] all = Preset.values();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < all.length; i++) {
      s.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ")
          .append(all[i].cliName())
          .append(" (")
          .append(all[i].summary())
          .append(")");
    }
    return s.append(
            ". Replaces every model and training setting; flags after it change single settings.")
        .toString();
  }

  /** Gives the {@code --preset} option of every subcommand that has it {@link #presetHelp()}. */
  static void addPresetHelp(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec cmd = sub.getCommandSpec();
      OptionSpec preset = cmd.findOption("--preset");
      if (preset != null) { // the presets describe themselves in Preset, not in this file
        cmd.remove(preset);
        cmd.addOption(preset.toBuilder().description(presetHelp()).build());
      }
    }
  }

  /**
   * Applies a change and validates the result with the models' own rules, naming the flag on
   * failure.
   */
  private void change(String flag, Object value, Runnable r) {
    try {
      r.run();
      modelConfig();
      trainerConfig();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), flag + " " + value + ": " + e.getMessage());
    }
    changes.add(value instanceof Boolean ? flag : flag + " " + value);
  }
}
