package io.github.focal4j.ner.cli;

import io.github.focal4j.loss.Hyperparameter;
import io.github.focal4j.loss.LossType;
import io.github.focal4j.loss.SoftenedLoss;
import io.github.focal4j.ner.experiment.LossSpec;
import io.github.focal4j.ner.experiment.LossSpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The loss and its hyperparameters, shared by {@code train} and {@code curves}. A hyperparameter
 * that does not apply to the chosen loss is a usage error naming the flag.
 *
 * <p>The flags below are the hyperparameters of the registered losses, with hand-written help. A
 * hyperparameter key that none of them declares (a loss added to {@code Losses.ALL} with a new key)
 * gets a flag {@code --key} from {@link #addFlags}, so a new loss needs no edit here.
 */
final class LossOptions {

  /** Values of the flags {@link #addFlags} made, by key; no value for a flag that is on. */
  final Map<String, Optional<String>> addedFlags = new LinkedHashMap<>();

  @Option(
      names = "--loss",
      paramLabel = "LOSS",
      order = 20,
      description =
          "The loss's name (ce, the default, and the others of loss-core's registry, listed at start-up);"
              + LOSS_HELP_TAIL)
  String loss;

  @Option(
      names = "--k",
      paramLabel = "K",
      order = 21,
      description = "soft: K > 0 of sigma(Kx) (default 1).")
  Double k;

  @Option(
      names = "--gamma",
      paramLabel = "G",
      order = 22,
      description = "focal, poly-focal: gamma >= 0 (default 2); focal-star: gamma > 0 (default 1).")
  Double gamma;

  @Option(
      names = "--alpha",
      paramLabel = "A",
      order = 23,
      description =
          "alpha in [0, 1]: entity tags weighted A, O weighted 1 - A (curves: positives A, negatives"
              + " 1 - A). Off by default.")
  Double alpha;

  @Option(
      names = "--class-alpha",
      paramLabel = "CLASS=W",
      split = ",",
      order = 24,
      description =
          "Per-class weights by entity type, tag or O, e.g. O=0.25,PER=1.5 (unlisted: 1).")
  List<String> classAlpha = new ArrayList<>();

  @Option(
      names = "--class-balanced",
      paramLabel = "BETA",
      order = 25,
      description =
          "Class-balanced alpha from the training counts (Cui et al. 2019), beta in [0, 1), e.g. 0.999.")
  Double classBalanced;

  @Option(
      names = "--threshold",
      paramLabel = "M",
      order = 26,
      description = "hard: the threshold m in (0, 1) on p_t (default 0.5).")
  Double threshold;

  @Option(
      names = "--reduced-threshold",
      paramLabel = "TH",
      order = 27,
      description = "focal: reduced focal loss threshold in (0, 1) (off by default).")
  Double reducedThreshold;

  @Option(
      names = "--label-smoothing",
      paramLabel = "S",
      order = 28,
      description = "ce, focal: label smoothing in [0, 1] (default 0).")
  Double labelSmoothing;

  @Option(
      names = "--detach-weight",
      order = 29,
      description =
          "soft, focal: no gradient through the weight factor (sigma(-Kz) or (1-p_t)^gamma).")
  boolean detachWeight;

  @Option(
      names = "--epsilon",
      paramLabel = "E",
      order = 30,
      description = "poly1, poly-focal: epsilon >= -1 (default 1).")
  Double epsilon;

  @Option(
      names = "--beta",
      paramLabel = "B",
      order = 31,
      description = "focal-star: the shift beta (default 0).")
  Double beta;

  @Option(
      names = "--soft-weight",
      paramLabel = "W",
      order = 32,
      description =
          "soft, multi-class: MARGIN = sigma(-K z_t) on the target's margin z_t = logit p_t (default), or"
              + " SOFTMAX = softmax(-Kx)_t, the formula of Su Jianlin's article.")
  SoftenedLoss.MultiClassWeight softWeight;

  /** Whether any loss flag was given. */
  boolean given() {
    return loss != null
        || !numbers().isEmpty()
        || !classAlpha.isEmpty()
        || detachWeight
        || softWeight != null
        || !addedFlags.isEmpty();
  }

  /**
   * Whether {@code cmd} takes the flags {@link #addFlags} adds: it has these options, or it is the
   * help command, which prints any command's.
   */
  static boolean takesFlags(CommandLine cmd) {
    return cmd.getCommand() instanceof CommandLine.HelpCommand
        || cmd.getCommandSpec().mixins().values().stream()
            .anyMatch(m -> m.userObject() instanceof LossOptions);
  }

  /**
   * Adds, to every command of {@code cl} that has these options, a flag {@code --key} for each
   * hyperparameter key of {@code types} that the command does not declare: numbers and choices take
   * a value, flags none. The help names the losses that have the key.
   */
  static void addFlags(CommandLine cl, List<LossType<?>> types) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec cmd = sub.getCommandSpec();
      for (CommandSpec mixin : cmd.mixins().values()) {
        if (mixin.userObject() instanceof LossOptions options) {
          options.addFlags(cmd, types);
        }
      }
    }
  }

  /** What the {@code --loss} help says after the names. */
  private static final String LOSS_HELP_TAIL =
      " or a row name of compare, e.g. 'focal(gamma=2,alpha=0.75)' (flags"
          + " below then change single values).";

  /**
   * The {@code --loss} help: the registry's names, {@code ce (default), hard, ..., tversky or mom;
   * ...}.
   */
  static String lossHelp(List<LossType<?>> types) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < types.size(); i++) {
      String name = types.get(i).name();
      s.append(i == 0 ? "" : i == types.size() - 1 ? " or " : ", ")
          .append(name)
          .append(name.equals("ce") ? " (default)" : "");
    }
    return s.append(";").append(LOSS_HELP_TAIL).toString();
  }

  private void addFlags(CommandSpec cmd, List<LossType<?>> types) {
    OptionSpec loss = cmd.findOption("--loss");
    if (loss != null) { // the names come from the registry, not from this file
      cmd.remove(loss);
      cmd.addOption(loss.toBuilder().description(lossHelp(types)).build());
    }
    Map<String, List<String>> owners = new LinkedHashMap<>();
    Map<String, Hyperparameter.Kind> kinds = new LinkedHashMap<>();
    for (LossType<?> t : types) {
      for (Hyperparameter<?> h : t.hyperparameters()) {
        owners.computeIfAbsent(h.key(), k -> new ArrayList<>()).add(t.name());
        kinds.putIfAbsent(h.key(), h.kind());
      }
    }
    int order = 40;
    for (Map.Entry<String, List<String>> e : owners.entrySet()) {
      String key = e.getKey();
      if (cmd.findOption("--" + key) != null) {
        continue;
      }
      boolean flag = kinds.get(key) == Hyperparameter.Kind.FLAG;
      OptionSpec.Builder b =
          OptionSpec.builder("--" + key)
              .order(order++)
              .description(
                  String.join(", ", e.getValue())
                      + ": "
                      + key
                      + (flag ? "" : " (see the loss's Javadoc for its" + " range and default)")
                      + ".");
      if (flag) {
        b.arity("0").type(boolean.class).setter(setter(key, true));
      } else {
        b.arity("1")
            .paramLabel(key.toUpperCase(Locale.ROOT))
            .type(String.class)
            .setter(setter(key, false));
      }
      cmd.addOption(b.build());
    }
  }

  private ISetter setter(String key, boolean flag) {
    return new ISetter() {
      @Override
      public <T> T set(T value) {
        if (flag
            ? Boolean.TRUE.equals(value)
            : value != null) { // picocli also sets the initial null / false
          addedFlags.put(key, flag ? Optional.empty() : Optional.of(String.valueOf(value)));
        }
        return null;
      }
    };
  }

  /** The numeric flags that were given, by key (the flag without its dashes). */
  private Map<String, Double> numbers() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("k", k);
    m.put("gamma", gamma);
    m.put("alpha", alpha);
    m.put("class-balanced", classBalanced);
    m.put("threshold", threshold);
    m.put("reduced-threshold", reducedThreshold);
    m.put("label-smoothing", labelSmoothing);
    m.put("epsilon", epsilon);
    m.put("beta", beta);
    m.values().removeIf(v -> v == null);
    return m;
  }

  /**
   * The loss the flags describe ({@code --loss} defaults to {@code defaultLoss}).
   *
   * @throws io.github.focal4j.ner.experiment.LossSpecException naming the flag of an invalid or
   *     inapplicable value
   */
  LossSpec spec(String defaultLoss) {
    return apply(base(loss != null ? loss : defaultLoss), true).build();
  }

  /**
   * The given flags set on {@code b}: all of them ({@code strict}: one the loss does not have is an
   * error), or only those the loss has (the {@code curves} figure, several losses from one set of
   * flags).
   */
  LossSpec.Builder apply(LossSpec.Builder b, boolean strict) {
    numbers()
        .forEach(
            (key, v) -> {
              if (strict) {
                b.set(key, v);
              } else {
                b.setIfApplicable(key, v);
              }
            });
    for (String entry : classAlpha) {
      String[] cw = entry.split("=", 2);
      if (cw.length != 2) {
        throw new LossSpecException(
            "--class-alpha", "--class-alpha " + entry + ": expected CLASS=W, e.g. PER=1.5");
      }
      b.classAlpha(cw[0].trim(), cw[1].trim());
    }
    if (detachWeight) {
      setItem(b, "detach-weight", Optional.empty(), strict);
    }
    if (softWeight != null) {
      setItem(b, "soft-weight", Optional.of(softWeight.name()), strict);
    }
    addedFlags.forEach((key, value) -> setItem(b, key, value, strict));
    return b;
  }

  private static void setItem(
      LossSpec.Builder b, String key, Optional<String> value, boolean strict) {
    if (strict || b.has(key)) {
      if (value.isPresent()) {
        b.set(key, value.get());
      } else {
        b.flag(key);
      }
    }
  }

  /** The spec {@code --loss} names, as a name or in the text form. */
  static LossSpec.Builder base(String text) {
    if (text.contains("(")) {
      return LossSpec.parse(text).toBuilder();
    }
    try {
      return LossSpec.builder(text.trim());
    } catch (io.github.focal4j.ner.experiment.LossSpecException e) {
      throw new io.github.focal4j.ner.experiment.LossSpecException(
          "--loss", "--loss: " + e.getMessage());
    }
  }
}
