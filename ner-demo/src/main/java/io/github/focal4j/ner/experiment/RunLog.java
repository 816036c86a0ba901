package io.github.focal4j.ner.experiment;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.github.focal4j.ner.data.DataFormatException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The finished runs of an experiment, one JSON line per run, written as each run ends: an
 * experiment that is interrupted (or crashes) and is started again with the same command and output
 * folder takes the runs it already has from here and trains only the others.
 *
 * <p>A run is found by its key, a SHA-256 of everything that decides its result: series, sweep
 * value, seed, settings (model, training, tags, loss, selection, dev interval, CRF mix) and the
 * training, dev and test sentences. A change to any of them makes a new key, so a stale line is
 * never mistaken for the run asked for; it stays in the file, unused. A run that diverged is kept
 * too: it is deterministic and would diverge again.
 */
public final class RunLog {

  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

  private final Path file;
  private final Map<String, RunSummary> runs;

  private RunLog(Path file, Map<String, RunSummary> runs) {
    this.file = file;
    this.runs = runs;
  }

  /**
   * The log in {@code file}, with the runs it already holds (none if it does not exist). A last
   * line cut short by an interruption is ignored; any other unreadable line is an error.
   *
   * @throws DataFormatException naming {@code file:line} for a line that is not a run
   * @throws UncheckedIOException if the file cannot be read or its directory cannot be created (a
   *     file in the way): said when the experiment starts, not when its first run has trained
   */
  public static RunLog open(Path file) {
    createDirectories(file); // now: a path that cannot hold the log fails before any run trains
    Map<String, RunSummary> runs = new HashMap<>();
    if (Files.exists(file)) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty()) {
          continue;
        }
        try {
          JsonObject o = GSON.fromJson(line, JsonObject.class);
          runs.put(o.get("key").getAsString(), GSON.fromJson(o.get("run"), RunSummary.class));
        } catch (JsonParseException | NullPointerException | IllegalStateException e) {
          if (i == lines.size() - 1) {
            continue; // the line being written when the experiment stopped
          }
          throw new DataFormatException(
              file.toString(), i + 1, "not a finished run of an experiment: " + e.getMessage());
        }
      }
    }
    return new RunLog(file, runs);
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** How many runs the log holds. */
  public synchronized int size() {
    return runs.size();
  }

  /** The finished run of {@code plan}, if the log has it. */
  public synchronized Optional<RunSummary> find(RunPlan plan) {
    return Optional.ofNullable(runs.get(key(plan)));
  }

  /**
   * Records a finished run: appends its line and flushes it to the file before returning.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public synchronized void add(RunPlan plan, RunSummary run) {
    String key = key(plan);
    JsonObject o = new JsonObject();
    o.addProperty("key", key);
    o.add("run", GSON.toJsonTree(run));
    createDirectories(file);
    try (BufferedWriter w =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE,
            StandardOpenOption.DSYNC)) {
      w.write(GSON.toJson(o));
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    runs.put(key, run);
  }

  /** Creates the directories {@code file} goes in; UncheckedIOException if they cannot be. */
  private static void createDirectories(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The key of a plan: a SHA-256 of everything that decides its result (see the class comment). */
  static String key(RunPlan plan) {
    NerData d = plan.data();
    String what =
        String.join(
            "\n",
            plan.series(),
            Double.toString(plan.x()),
            Long.toString(plan.seed()),
            plan.settings().toString(),
            Integer.toString(d.train().sentences().hashCode()),
            Integer.toString(d.train().size()),
            d.dev() == null ? "-" : d.dev().sentences().hashCode() + "/" + d.dev().size(),
            d.test() == null ? "-" : d.test().sentences().hashCode() + "/" + d.test().size());
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(what.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
