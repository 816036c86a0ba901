package io.github.focal4j.ner.cli;

import io.github.focal4j.models.Tagger;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.inference.FloatTagger;
import io.github.focal4j.models.ops.Precision;
import io.github.focal4j.ner.cluster.ClusterBackends;
import io.github.focal4j.ner.data.ConllReader;
import io.github.focal4j.ner.data.ConllReaderConfig;
import io.github.focal4j.ner.data.ConllWriter;
import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.data.TagScheme;
import io.github.focal4j.ner.eval.ConllevalFileReader;
import io.github.focal4j.ner.eval.ConllevalReport;
import io.github.focal4j.ner.eval.DocstartPolicy;
import io.github.focal4j.ner.eval.EvaluationResult;
import io.github.focal4j.ner.experiment.ModelEvaluation;
import io.github.focal4j.ner.tagging.TextTagger;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: conlleval's figures for a saved model on a CoNLL file, or for a predictions
 * file.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Prints conlleval's report (version 2004-01-26: same numbers, same layout, two decimals), then what"
          + " conlleval leaves out: support per type and the O-vs-entity token confusion.",
      "",
      "  evaluate --model DIR --test FILE     a saved model (train --out DIR) on a CoNLL file",
      "  evaluate --predictions FILE          a conlleval file: 'token ... gold predicted' lines",
      ""
    })
final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--model",
        paramLabel = "DIR|FILE",
        required = true,
        description = "A model directory of 'train --out' (its model.f4j) or a model file.")
    Path model;

    @Option(
        names = "--predictions",
        paramLabel = "FILE",
        required = true,
        description =
            "A conlleval-format file (last two columns: gold and predicted tag); with --spark also a"
                + " directory of such files or a glob.")
    String predictions;
  }

  @Option(
      names = "--test",
      paramLabel = "FILE",
      description = "With --model: the CoNLL file to tag and score.")
  Path test;

  @Option(
      names = "--tag-column",
      paramLabel = "N",
      description =
          "With --model: 0-based tag column of --test; negative counts from the end (default -1).")
  int tagColumn = -1;

  @Option(
      names = "--scheme",
      paramLabel = "SCHEME",
      description = "With --model: tag scheme of --test: IOB1, IOB2 (default) or BIOES.")
  TagScheme scheme = TagScheme.IOB2;

  @Option(
      names = "--write-predictions",
      paramLabel = "FILE",
      description =
          "With --model: also write 'token gold predicted' lines (IOB2) for the conlleval script.")
  Path writePredictions;

  @Option(
      names = "--precision",
      paramLabel = "P",
      description =
          "With --model: FLOAT64 (default: the model's own arithmetic, as training scored it) or FLOAT32 (the"
              + " fast tagger of 'tag'; needs the Vector API, as under the launcher).")
  Precision precision;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "With --model: cores to tag with (default: min(2, cores)).")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  private Charset encoding = StandardCharsets.UTF_8;

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      description =
          "Character encoding of --test or --predictions: UTF-8 (default) or another ASCII-compatible"
              + " one, such as ISO-8859-1 for CoNLL-2002's original files.")
  void setEncoding(String name) {
    this.encoding = DataOptions.parseEncoding(spec, name);
  }

  @Option(
      names = "--docstart",
      paramLabel = "POLICY",
      description =
          "With --predictions: SCORED_AS_TOKEN (conlleval's reading, default) or SENTENCE_BOUNDARY.")
  DocstartPolicy docstart = DocstartPolicy.SCORED_AS_TOKEN;

  @Option(
      names = "--spark",
      paramLabel = "MASTER",
      description =
          "With --predictions: count on Apache Spark at MASTER (local[2], spark://host:7077, yarn ...),"
              + " one task per file, the counts added up (needs focal4j-spark.jar, see README 'Scaling out').")
  String spark;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    EvaluationResult result;
    if (source.predictions != null) {
      if (test != null || writePredictions != null) {
        throw new Errors.UsageException(
            "--test and --write-predictions go with --model, not --predictions");
      }
      for (String flag : new String[] {"--precision", "--threads"}) {
        if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
          throw new Errors.UsageException(flag + " goes with --model, not --predictions");
        }
      }
      if (spark != null) {
        if (!ClusterBackends.isMaster(spark)) {
          throw new Errors.UsageException(
              "--spark "
                  + spark
                  + ": not a Spark master URL (local[N], local[*],"
                  + " spark://HOST:PORT, yarn, k8s://URL)");
        }
        result =
            ClusterBackends.require("--spark")
                .evaluate(spark, source.predictions, docstart, encoding);
      } else {
        Path file = Path.of(source.predictions);
        requireFile(file);
        result = new ConllevalFileReader(docstart).evaluate(file, encoding);
      }
    } else {
      if (spark != null) {
        throw new Errors.UsageException(
            "--spark goes with --predictions (a model is scored on one machine)");
      }
      if (test == null) {
        throw new Errors.UsageException("--model needs --test FILE");
      }
      if (threads < 1) {
        throw new Errors.UsageException("--threads must be >= 1, got " + threads);
      }
      if (tagColumn == 0) {
        throw new Errors.UsageException("--tag-column 0: column 0 is the token, not a tag");
      }
      TokenClassifier model = loadModel(source.model);
      requireFile(test);
      Corpus gold =
          new ConllReader(new ConllReaderConfig(tagColumn, scheme, TagScheme.IOB2, encoding))
              .read(test);
      List<List<String>> predicted =
          ModelEvaluation.predict(
              tagger(model, precision == null ? Precision.FLOAT64 : precision), gold, threads);
      result = ModelEvaluation.score(model, gold, predicted);
      if (writePredictions != null) {
        ConllWriter.writePredictions(
            gold.sentences(), ModelEvaluation.toIob2(model, predicted), writePredictions);
      }
    }
    out.print(ConllevalReport.format(result));
    out.println();
    out.print(ConllevalReport.formatDetails(result));
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The model as a tagger of precision {@code p} (the command's {@code --precision}, or its default
   * when none was given: a FLOAT32 default only where the JVM supports it).
   *
   * @throws Errors.UsageException for FLOAT32 that this JVM cannot run, with the reason
   */
  static Tagger tagger(TokenClassifier model, Precision p) {
    if (p == Precision.FLOAT32 && !FloatTagger.isSupported()) {
      throw new Errors.UsageException(
          "--precision float32: " + FloatTagger.unsupportedReason().orElseThrow());
    }
    return p == Precision.FLOAT64 ? model : FloatTagger.of(model);
  }

  /** Loads {@code DIR/model.f4j} or the file itself. */
  static TokenClassifier loadModel(Path modelPath) throws IOException {
    return TextTagger.loadModel(modelPath);
  }

  /**
   * Throws an UncheckedIOException of a NoSuchFileException (exit 1, one line naming the path)
   * unless {@code p} is a regular file; a directory is said to be one.
   */
  static void requireFile(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new UncheckedIOException(
          new NoSuchFileException(
              p.toString(), null, Files.isDirectory(p) ? "a directory, not a file" : null));
    }
  }
}
