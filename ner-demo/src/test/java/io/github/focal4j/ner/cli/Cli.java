package io.github.focal4j.ner.cli;

import io.github.focal4j.ner.data.ConllWriter;
import io.github.focal4j.ner.synth.SyntheticCorpora;
import io.github.focal4j.ner.synth.SyntheticCorpusConfig;
import io.github.focal4j.ner.synth.SyntheticCorpusGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ner-demo} in-process with captured stdout and stderr, and makes small test corpora.
 */
final class Cli {

  /** A tiny model: trains a few hundred sentences in a second or two. */
  static final List<String> TINY_MODEL =
      List.of("--word-dim", "16", "--char-cnn", "8,8,3", "--hidden", "16", "--batch-size", "16");

  private Cli() {}

  /** What a run printed and returned. */
  record Result(int code, String out, String err) {
    /** The whole of stderr, for assertion messages. */
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  static Result run(List<String> args) {
    return run(args.toArray(new String[0]));
  }

  /**
   * Runs {@code ner-demo} in a child JVM with the Vector API module (as the launcher starts it),
   * for the paths an in-process run without the module cannot take; fails after two minutes.
   */
  static Result runWithVectorApi(Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        childCommand(List.of("--add-modules", "jdk.incubator.vector"), List.of(args));
    Path out = Files.createTempFile(dir, "child", ".out");
    Path err = Files.createTempFile(dir, "child", ".err");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("ner-demo " + String.join(" ", args) + " did not finish");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * The command line of {@code ner-demo args} in a child JVM: this JVM's java and class path,
   * {@code jvmOptions}, then {@code -Xmx512m}.
   */
  static List<String> childCommand(List<String> jvmOptions, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(args);
    return cmd;
  }

  /** args, then more. */
  static List<String> args(List<String> first, String... more) {
    List<String> out = new ArrayList<>(first);
    out.addAll(List.of(more));
    return out;
  }

  /**
   * Writes train.txt, dev.txt and test.txt of a small synthetic corpus into {@code dir} as CoNLL
   * files (token, POS-like extra column, tag), the way users hand real corpora to the CLI.
   */
  static void writeCorpus(Path dir, int train, int dev, int test) throws IOException {
    SyntheticCorpora c =
        SyntheticCorpusGenerator.generate(
            SyntheticCorpusConfig.defaults().withSizes(train, dev, test));
    ConllWriter.write(c.train(), dir.resolve("train.txt"));
    ConllWriter.write(c.dev(), dir.resolve("dev.txt"));
    ConllWriter.write(c.test(), dir.resolve("test.txt"));
  }
}
