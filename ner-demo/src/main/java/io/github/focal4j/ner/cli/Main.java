package io.github.focal4j.ner.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar ner-demo.jar}: the command line of the NER demo.
 *
 * <p>Exit codes: {@value ExitCodes#OK} success, {@value ExitCodes#DATA} data or file errors (a
 * malformed CoNLL file, a missing file, an invalid checkpoint, a diverged training run), {@value
 * ExitCodes#USAGE} usage errors (unknown flags, invalid values such as {@code --gamma -1}), and 130
 * or 143 when training is stopped by SIGINT or SIGTERM after writing its final checkpoint. Errors
 * are one line on stderr, {@code ner-demo <command>: <message>}; {@code --verbose} adds the stack
 * trace and debug logging.
 *
 * <p>Results (tables, reports, tags) go to stdout, logs and progress to stderr, both UTF-8.
 */
@Command(
    name = "ner-demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Focal4J NER demo: trains, evaluates and tags BiLSTM-CNN(-CRF) taggers, compares imbalance losses across"
          + " seeds, sweeps the class balance, and draws the losses.",
      "",
      "Start with: ner-demo compare   (built-in synthetic corpus, about two minutes on two cores)"
    },
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      TagCommand.class,
      CompareCommand.class,
      SweepCommand.class,
      CurvesCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 data or file error, 2 usage error, 130/143 training stopped by SIGINT/SIGTERM"
          + " (final checkpoint written)."
    })
public final class Main implements Callable<Integer> {

  @Spec CommandSpec spec;

  private boolean verbose;

  /** Stack traces and debug logging; accepted by every subcommand. */
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors and log at debug level.")
  void setVerbose(boolean v) {
    this.verbose = v;
    if (v) {
      debugLogging();
    }
  }

  boolean verbose() {
    return verbose;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    spec.commandLine().getErr().println("ner-demo: a command is required");
    return ExitCodes.USAGE;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            true);
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    if (!SignalStop.shuttingDown()) {
      System.exit(code);
    }
    // A signal started the JVM's shutdown: its hook is waiting for this thread to finish the final
    // checkpoint, after which the JVM exits with 128 + the signal number.
    SignalStop.mainFinished();
  }

  /**
   * Runs the command line with the given output streams and returns the exit code (for tests and
   * embedding; never calls {@code System.exit}).
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    CommandLine cl = commandLine(main, args.length == 0 ? Optional.empty() : Optional.of(args[0]));
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /**
   * The configured command line: handlers for usage and execution errors, case-insensitive enums,
   * every loss flag.
   */
  static CommandLine commandLine(Main main) {
    return commandLine(main, Optional.empty());
  }

  /**
   * {@link #commandLine(Main)} for a command line whose first argument is {@code first}: when that
   * names a command that takes no loss flags (tag, evaluate, compare, sweep), they are left out.
   * They come from the loss registry, whose loading took a tenth of a second of such a command's
   * start.
   */
  static CommandLine commandLine(Main main, Optional<String> first) {
    CommandLine cl = new CommandLine(main);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(new Errors.UsageErrors(main));
    cl.setExecutionExceptionHandler(new Errors.RunErrors(main));
    if (first.map(cl.getSubcommands()::get).map(LossOptions::takesFlags).orElse(true)) {
      LossOptions.addFlags(cl, io.github.focal4j.loss.Losses.ALL);
    }
    TrainingOptions.addPresetHelp(cl);
    return cl;
  }

  /**
   * Debug level for Focal4J's loggers with logback. No logback type in the signature: the Spark
   * module runs this CLI with Spark's SLF4J backend (log4j 2) and without logback, where its
   * configuration decides the level.
   */
  private static void debugLogging() {
    try {
      if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
        ctx.getLogger("io.github.focal4j").setLevel(Level.DEBUG);
      }
    } catch (NoClassDefFoundError noLogback) {
      // another SLF4J backend
    }
  }
}
