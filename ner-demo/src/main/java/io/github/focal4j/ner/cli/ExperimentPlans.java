package io.github.focal4j.ner.cli;

import io.github.focal4j.ner.experiment.ExperimentSetup;
import io.github.focal4j.ner.experiment.RunPlan;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The runs a {@code compare} or {@code sweep} command line plans, without running them: how a
 * cluster worker rebuilds the plans the driver made (plans are deterministic: the same arguments
 * give the same corpora, settings and seeds, in the same order).
 */
public final class ExperimentPlans {

  /** The report header and the runs of an experiment. */
  public record Planned(ExperimentSetup setup, List<RunPlan> plans) {
    public Planned {
      Objects.requireNonNull(setup, "setup");
      plans = List.copyOf(plans);
    }
  }

  private ExperimentPlans() {}

  /**
   * Parses a whole {@code ner-demo} command line ({@code compare ...} or {@code sweep KIND ...})
   * and plans its runs, loading (or generating) the data as the command would.
   *
   * @throws IllegalArgumentException if the line is not a valid compare or sweep command
   * @throws io.github.focal4j.ner.data.DataFormatException or {@link java.io.UncheckedIOException}
   *     if the data cannot be read
   */
  public static List<RunPlan> rebuild(List<String> args) {
    CommandLine cl = Main.commandLine(new Main());
    ParseResult parsed;
    try {
      parsed = cl.parseArgs(args.toArray(new String[0]));
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException("not a valid command line: " + e.getMessage(), e);
    }
    if (!parsed.hasSubcommand()) {
      throw new IllegalArgumentException("no compare or sweep command in " + args);
    }
    Object command = parsed.subcommand().commandSpec().userObject();
    try {
      if (command instanceof CompareCommand c) {
        return c.plan().plans();
      }
      if (command instanceof SweepCommand s) {
        return s.plan().plans();
      }
    } catch (Errors.UsageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    throw new IllegalArgumentException("not a compare or sweep command: " + args);
  }
}
