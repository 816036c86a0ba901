package io.github.focal4j.ner.cli;

import io.github.focal4j.ner.data.ConllLineReader;
import io.github.focal4j.ner.data.ConllReaderConfig;
import io.github.focal4j.ner.data.TagScheme;
import io.github.focal4j.ner.experiment.NerData;
import io.github.focal4j.ner.synth.SyntheticCorpusConfig;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the corpora come from: CoNLL files ({@code --train/--dev/--test}), or without {@code
 * --train} the built-in synthetic corpus.
 */
final class DataOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--train",
      paramLabel = "FILE",
      order = 1,
      description = "CoNLL training file (without it: the built-in synthetic corpus).")
  Path train;

  @Option(
      names = "--dev",
      paramLabel = "FILE",
      order = 2,
      description =
          "CoNLL development file (dev F1 per epoch, early stopping, steps to a target F1).")
  Path dev;

  @Option(
      names = "--test",
      paramLabel = "FILE",
      order = 3,
      description = "CoNLL test file (final scores).")
  Path test;

  private int tagColumn = -1;

  private Charset encoding = StandardCharsets.UTF_8;

  @Option(
      names = "--scheme",
      paramLabel = "SCHEME",
      order = 5,
      description =
          "Tag scheme of the files: IOB1, IOB2 or BIOES (default: IOB2). Tags are checked and converted.")
  TagScheme scheme = TagScheme.IOB2;

  @Option(
      names = "--synthetic-train",
      paramLabel = "N",
      order = 6,
      description = "Synthetic corpus: training sentences (default 3000).")
  Integer syntheticTrain;

  @Option(
      names = "--synthetic-dev",
      paramLabel = "N",
      order = 7,
      description = "Synthetic corpus: dev sentences (default 600).")
  Integer syntheticDev;

  @Option(
      names = "--synthetic-test",
      paramLabel = "N",
      order = 8,
      description = "Synthetic corpus: test sentences (default 600).")
  Integer syntheticTest;

  @Option(
      names = "--entity-share",
      paramLabel = "S",
      order = 9,
      description =
          "Synthetic corpus: share of sentences with entities, in [0, 1] (default 0.57: about 83%% O"
              + " tokens, like CoNLL-2003).")
  Double entityShare;

  @Option(
      names = "--data-seed",
      paramLabel = "SEED",
      order = 10,
      description = "Synthetic corpus: generator seed (default 42).")
  Long dataSeed;

  @Option(
      names = "--tag-column",
      paramLabel = "N",
      order = 4,
      description =
          "0-based column of the tag; negative counts from the end (default: -1, the last).")
  void setTagColumn(int column) {
    if (column == 0) {
      throw new ParameterException(
          spec.commandLine(), "--tag-column 0: column 0 is the token, not a tag");
    }
    this.tagColumn = column;
  }

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      order = 11,
      description =
          "Character encoding of the CoNLL files: UTF-8 (default) or another ASCII-compatible one, such"
              + " as ISO-8859-1 for CoNLL-2002's original files, or windows-1252.")
  void setEncoding(String name) {
    this.encoding = parseEncoding(spec, name);
  }

  /**
   * The encoding named by {@code --encoding NAME}.
   *
   * @throws ParameterException naming the flag and value if the name is unknown or not
   *     ASCII-compatible
   */
  static Charset parseEncoding(CommandSpec spec, String name) {
    Charset charset;
    try {
      charset = Charset.forName(name);
    } catch (
        IllegalArgumentException e) { // IllegalCharsetNameException, UnsupportedCharsetException
      throw new ParameterException(
          spec.commandLine(),
          "--encoding "
              + name
              + ": unknown character encoding (UTF-8,"
              + " ISO-8859-1 and windows-1252 are examples of known ones)");
    }
    try {
      return ConllLineReader.checkLineEncoding(charset);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--encoding " + name + ": " + e.getMessage());
    }
  }

  /** True when the built-in synthetic corpus is used. */
  boolean synthetic() {
    return train == null;
  }

  /** The generator settings of the synthetic corpus. */
  SyntheticCorpusConfig syntheticConfig() {
    SyntheticCorpusConfig c = SyntheticCorpusConfig.defaults();
    c =
        c.withSizes(
            syntheticTrain != null ? syntheticTrain : c.trainSentences(),
            syntheticDev != null ? syntheticDev : c.devSentences(),
            syntheticTest != null ? syntheticTest : c.testSentences());
    if (entityShare != null) {
      c = c.withEntitySentenceShare(entityShare);
    }
    if (dataSeed != null) {
      c = c.withSeed(dataSeed);
    }
    return c;
  }

  /** The reader configuration of the files. */
  ConllReaderConfig readerConfig(TagScheme output) {
    return new ConllReaderConfig(tagColumn, scheme, output, encoding);
  }

  /**
   * Checks the combination of flags.
   *
   * @throws Errors.UsageException for dev/test without train, or synthetic flags with files
   */
  void validate() {
    if (train == null && (dev != null || test != null)) {
      throw new Errors.UsageException(
          "--dev and --test need --train (without --train the built-in synthetic"
              + " corpus is used)");
    }
    List<String> synth = new ArrayList<>();
    if (syntheticTrain != null) {
      synth.add("--synthetic-train");
    }
    if (syntheticDev != null) {
      synth.add("--synthetic-dev");
    }
    if (syntheticTest != null) {
      synth.add("--synthetic-test");
    }
    if (entityShare != null) {
      synth.add("--entity-share");
    }
    if (dataSeed != null) {
      synth.add("--data-seed");
    }
    if (train != null && !synth.isEmpty()) {
      throw new Errors.UsageException(
          String.join(", ", synth)
              + " configure the synthetic corpus and cannot be"
              + " combined with --train");
    }
    if (train == null) {
      try {
        syntheticConfig();
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException("synthetic corpus: " + e.getMessage());
      }
    }
  }

  /**
   * The corpora, in scheme {@code output}.
   *
   * @throws UncheckedIOException with a {@link NoSuchFileException} for a missing file
   * @throws io.github.focal4j.ner.data.DataFormatException for a malformed file
   */
  NerData load(TagScheme output) {
    validate();
    if (synthetic()) {
      return NerData.synthetic(syntheticConfig()).inScheme(output);
    }
    for (Path p : new Path[] {train, dev, test}) {
      if (p != null) {
        EvaluateCommand.requireFile(p);
      }
    }
    return NerData.read(readerConfig(output), train, dev, test);
  }
}
