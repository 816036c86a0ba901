package io.github.focal4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.focal4j.ner.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * What the Spark tests share: one {@code local[2]} session for the whole test JVM (the CLI's {@code
 * --spark local[2]} reuses it), one tiny model trained once, and ner-demo's CLI run in-process.
 */
final class SparkTests {

  static final String MASTER = "local[2]";

  /** A tiny model: trains a few hundred sentences in seconds (the flags of ner-demo's tests). */
  static final List<String> TINY_MODEL =
      List.of("--word-dim", "16", "--char-cnn", "8,8,3", "--hidden", "16", "--batch-size", "16");

  private static SparkSession session;
  private static Path model;

  private SparkTests() {}

  /** Stops the shared session (one SparkContext per JVM: another master needs it gone). */
  static synchronized void stopSession() {
    if (session != null) {
      session.stop();
      session = null;
    }
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }

  static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      session =
          SparkSession.builder()
              .master(MASTER)
              .appName("focal4j-spark-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .getOrCreate();
    }
    return session;
  }

  /**
   * A model trained on the built-in synthetic corpus (6 epochs of 600 sentences, dev F1 about 70),
   * as a train --out dir.
   */
  static synchronized Path model() throws IOException {
    if (model == null) {
      Path dir = Files.createTempDirectory("focal4j-spark-model");
      Path out = dir.resolve("model");
      Result r =
          cli(
              args(
                  List.of("train", "--preset", "demo"),
                  TINY_MODEL,
                  "--synthetic-train",
                  "600",
                  "--synthetic-dev",
                  "50",
                  "--synthetic-test",
                  "50",
                  "--epochs",
                  "6",
                  "--lr",
                  "0.01",
                  "--out",
                  out.toString(),
                  "--no-progress"));
      assertEquals(0, r.code(), r.toString());
      model = out;
    }
    return model;
  }

  /** What a CLI run printed and returned. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Result cli(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  static List<String> args(List<String> first, List<String> second, String... more) {
    List<String> a = new ArrayList<>(first);
    a.addAll(second);
    a.addAll(List.of(more));
    return a;
  }
}
