package io.github.focal4j.ner.cli;

import io.github.focal4j.ner.data.ConllWriter;
import io.github.focal4j.ner.synth.SyntheticCorpora;
import io.github.focal4j.ner.synth.SyntheticCorpusConfig;
import io.github.focal4j.ner.synth.SyntheticCorpusGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
