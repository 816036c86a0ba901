package io.github.focal4j.ner.cli;

import com.google.gson.JsonObject;
import io.github.focal4j.models.Tagger;
import io.github.focal4j.models.inference.FloatTagger;
import io.github.focal4j.models.ops.Precision;
import io.github.focal4j.ner.cluster.ClusterBackends;
import io.github.focal4j.ner.cluster.TagJob;
import io.github.focal4j.ner.data.TagScheme;
import io.github.focal4j.ner.tagging.EntitySpan;
import io.github.focal4j.ner.tagging.TextTagger;
import io.github.focal4j.ner.text.SentenceSpan;
import io.github.focal4j.ner.text.SimpleTokenizer;
import io.github.focal4j.ner.text.TextChunks;
import io.github.focal4j.ner.text.TokenSpan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tag}: a saved model on raw text. */
@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Tags raw UTF-8 text (stdin or --input) with a saved model: the text is split into sentences and tokens"
          + " (CoNLL-2003 style, offsets kept), tagged, and the entities printed. It is read about a million"
          + " characters at a time, cut at blank lines (so the same sentences as read whole), and each part's"
          + " entities are printed when it is done: input of any size runs in the same memory.",
      "",
      "Formats: tsv (default): one entity per line, 'begin<TAB>end<TAB>TYPE<TAB>text', where begin and end are"
          + " character (UTF-16) offsets into the input, end exclusive; jsonl: the same as one JSON object per"
          + " line; conll: every token with its IOB2 tag, a blank line after each sentence.",
      "",
      "With --spark MASTER: tags a document collection on Apache Spark (needs focal4j-spark.jar, see README"
          + " 'Scaling out'): --input is text files (one document per line) or Parquet (--text-column), a file,"
          + " directory or glob; --output DIR gets one row per document with its entities, as JSON Lines"
          + " (--format jsonl, default) or Parquet (--format parquet).",
      ""
    })
final class TagCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    TSV,
    JSONL,
    CONLL,
    PARQUET
  }

  /**
   * Characters of text tagged at a time ({@link TextChunks}: whole paragraphs, so the same
   * sentences as the whole text): about 200k tokens, which keeps the memory of any input bounded
   * and makes the work of each chunk large beside its set-up.
   */
  static final int CHUNK_CHARS = 1 << 20;

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "DIR|FILE",
      required = true,
      description =
          "A model directory of 'train --out' (its model.f4j) or a model file; with --spark also on"
              + " any Hadoop file system (hdfs://...).")
  String model;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description =
          "The text to tag (default: stdin); with --spark a file, directory or glob, also hdfs://...")
  String input;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "TSV (default), JSONL or CONLL; with --spark JSONL (default) or PARQUET.")
  Format format;

  @Option(
      names = "--spark",
      paramLabel = "MASTER",
      description =
          "Tag on Apache Spark at MASTER (local[2], spark://host:7077, yarn ...); needs --input and --output.")
  String spark;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "With --spark: the directory to write (must not exist).")
  String output;

  @Option(
      names = "--text-column",
      paramLabel = "NAME",
      description = "With --spark and Parquet input: the text column (default: ${DEFAULT-VALUE}).")
  String textColumn = "text";

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Cores to tag with, without --spark (default: min(2, cores)).")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Option(
      names = "--precision",
      paramLabel = "P",
      description =
          "FLOAT32 (default where the JVM has the Vector API, as under the launcher: several times faster,"
              + " the same tags on all but the rarest near-ties) or FLOAT64 (the model's own arithmetic, as"
              + " evaluate scores it). With --spark FLOAT64 unless asked: FLOAT32 needs the Vector API in"
              + " every JVM that tags (Spark 4 starts its executors with it).")
  Precision precision;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "With --spark: documents tagged together (default: ${DEFAULT-VALUE}).")
  int batchSize = 64;

  @Override
  public Integer call() throws IOException {
    if (spark != null) {
      return callOnSpark();
    }
    for (String flag : new String[] {"--output", "--text-column", "--batch-size"}) {
      if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
        throw new Errors.UsageException(flag + " goes with --spark");
      }
    }
    if (format == Format.PARQUET) {
      throw new Errors.UsageException("--format parquet goes with --spark (and --output)");
    }
    if (threads < 1) {
      throw new Errors.UsageException("--threads must be >= 1, got " + threads);
    }
    if (format == null) {
      format = Format.TSV;
    }
    Precision chosen =
        precision != null
            ? precision
            : Precision.FLOAT32.unavailable().isEmpty() ? Precision.FLOAT32 : Precision.FLOAT64;
    if (chosen == Precision.FLOAT32) {
      FloatTagger.prepare(); // compiles the kernels while the model loads
    }
    Tagger m = EvaluateCommand.tagger(EvaluateCommand.loadModel(Path.of(model)), chosen);
    InputStream in;
    String name;
    if (input != null) {
      Path file = Path.of(input);
      EvaluateCommand.requireFile(file);
      in = Files.newInputStream(file);
      name = input;
    } else {
      in = System.in;
      name = "stdin";
    }
    // Buffered here: the command line's writer flushes at every line, which made a system call per
    // entity or token.
    PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
    TextTagger tagger = new TextTagger(m, threads);
    SimpleTokenizer tokenizer = new SimpleTokenizer();
    TagScheme scheme = tagger.scheme();
    long sentences = 0; // before the chunk
    try (TextChunks chunks = TextChunks.of(in, name, CHUNK_CHARS)) {
      for (Optional<TextChunks.Chunk> c = chunks.next(); c.isPresent(); c = chunks.next()) {
        String text = c.get().text();
        long offset = c.get().offset();
        List<SentenceSpan> split = tokenizer.split(text);
        if (format == Format.CONLL) {
          List<List<String>> tags =
              m.predict(split.stream().map(SentenceSpan::words).toList(), threads);
          for (int s = 0; s < split.size(); s++) {
            List<TokenSpan> tokens = split.get(s).tokens();
            List<String> iob2 = scheme.convert(tags.get(s), TagScheme.IOB2);
            for (int i = 0; i < tokens.size(); i++) {
              out.println(tokens.get(i).text() + " " + iob2.get(i));
            }
            out.println();
          }
        } else {
          for (EntitySpan e : tagger.tag(text, split)) {
            print(e, offset, sentences, out);
          }
        }
        sentences += split.size();
        out.flush(); // each chunk's entities as soon as they are known
      }
    }
    return ExitCodes.OK;
  }

  /** One entity in the output format, its offsets and sentence counted from the text's start. */
  private void print(EntitySpan e, long offset, long sentencesBefore, PrintWriter out) {
    if (format == Format.TSV) {
      out.println(
          (offset + e.begin())
              + "\t"
              + (offset + e.end())
              + "\t"
              + e.type()
              + "\t"
              + oneLine(e.text()));
    } else {
      JsonObject o = new JsonObject();
      o.addProperty("begin", offset + e.begin());
      o.addProperty("end", offset + e.end());
      o.addProperty("type", e.type());
      o.addProperty("text", e.text());
      o.addProperty("sentence", sentencesBefore + e.sentence());
      out.println(o);
    }
  }

  /**
   * {@code text} with each run of white space printed as one space, for an entity's text on its TSV
   * line: the white space of a regex {@code \s} ({@code [ \t\n\x0B\f\r]}). A loop rather than
   * {@code replaceAll}, which made HotSpot compile the regex engine while tagging started.
   */
  static String oneLine(String text) {
    StringBuilder b = new StringBuilder(text.length());
    boolean inRun = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c == ' ' || (c >= '\t' && c <= '\r');
      if (!space) {
        b.append(c);
      } else if (!inRun) {
        b.append(' ');
      }
      inRun = space;
    }
    return b.toString();
  }

  private Integer callOnSpark() {
    if (spec.commandLine().getParseResult().hasMatchedOption("--threads")) {
      throw new Errors.UsageException(
          "--threads goes without --spark (on Spark, its cores decide: local[N], executors)");
    }
    if (!ClusterBackends.isMaster(spark)) {
      throw new Errors.UsageException(
          "--spark "
              + spark
              + ": not a Spark master URL (local[N], local[*],"
              + " spark://HOST:PORT, yarn, k8s://URL)");
    }
    if (input == null || output == null) {
      throw new Errors.UsageException("--spark needs --input PATH and --output DIR");
    }
    Format f = format == null ? Format.JSONL : format;
    if (f != Format.JSONL && f != Format.PARQUET) {
      throw new Errors.UsageException(
          "--format "
              + f.name().toLowerCase(java.util.Locale.ROOT)
              + ": with --spark the output is jsonl or parquet");
    }
    if (batchSize < 1) {
      throw new Errors.UsageException("--batch-size must be >= 1, got " + batchSize);
    }
    String in = input;
    TagJob.Format inFormat =
        in.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")
            ? TagJob.Format.PARQUET
            : TagJob.Format.TEXT;
    if (inFormat == TagJob.Format.TEXT
        && spec.commandLine().getParseResult().hasMatchedOption("--text-column")) {
      throw new Errors.UsageException(
          "--text-column goes with Parquet input (a path ending in .parquet)");
    }
    TagJob job =
        new TagJob(
            model,
            in,
            inFormat,
            textColumn,
            output,
            f == Format.JSONL ? TagJob.Format.JSONL : TagJob.Format.PARQUET,
            batchSize,
            precision == null ? Precision.FLOAT64 : precision);
    long docs = ClusterBackends.require("--spark").tag(spark, job);
    PrintWriter out = spec.commandLine().getOut();
    out.println("tagged " + docs + " documents; wrote " + output);
    out.flush();
    return ExitCodes.OK;
  }
}
