package io.github.focal4j.spark;

import io.github.focal4j.ner.data.DataFormatException;
import io.github.focal4j.ner.eval.ConllevalFileReader;
import io.github.focal4j.ner.eval.DocstartPolicy;
import io.github.focal4j.ner.eval.EvaluationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * conlleval over many prediction files: each partition scores its files with ner-demo's {@link
 * ConllevalFileReader} and adds up their counts; the driver adds up the partitions'. The result is
 * the local evaluator's on the files concatenated in path order, provided each file ends with a
 * sentence break (conlleval's files do); an ill-formed file is reported as {@code file:line:
 * reason}, the first one in path order.
 */
final class SparkEvaluation {

  /** A partition's sum, and the files it could not score. */
  record Partial(EvalCounts counts, int files, List<FileError> errors) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * An ill-formed (line &gt; 0 or {@link DataFormatException#NO_LINE}) or unreadable (line -1)
   * file.
   */
  record FileError(String file, int line, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private SparkEvaluation() {}

  static EvaluationResult evaluate(
      SparkSession session,
      String path,
      DocstartPolicy docstart,
      java.nio.charset.Charset encoding) {
    String charset = encoding.name(); // a Charset is not Serializable
    requireMatches(path, session.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    jsc.setJobDescription("focal4j: conlleval counts of " + path);
    List<Partial> partials =
        jsc.binaryFiles(path)
            .mapPartitions(files -> List.of(score(files, docstart, charset)).iterator())
            .collect();
    EvalCounts sum = new EvalCounts();
    int files = 0;
    List<FileError> errors = new ArrayList<>();
    for (Partial p : partials) {
      sum.add(p.counts());
      files += p.files();
      errors.addAll(p.errors());
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(FileError::file));
      FileError e = errors.get(0);
      String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more bad files)" : "";
      if (e.line() < 0) {
        throw new UncheckedIOException(new IOException(e.file() + ": " + e.reason() + more));
      }
      throw new DataFormatException(e.file(), e.line(), e.reason() + more);
    }
    if (files == 0) {
      throw new UncheckedIOException(new NoSuchFileException(path + " (no prediction files)"));
    }
    return sum.result();
  }

  private static Partial score(
      Iterator<Tuple2<String, PortableDataStream>> files, DocstartPolicy docstart, String charset) {
    ConllevalFileReader reader = new ConllevalFileReader(docstart);
    EvalCounts sum = new EvalCounts();
    List<FileError> errors = new ArrayList<>();
    int n = 0;
    while (files.hasNext()) {
      Tuple2<String, PortableDataStream> f = files.next();
      String name = displayName(f._1());
      try (InputStream in = f._2().open()) {
        sum.add(
            EvalCounts.of(reader.evaluate(in, name, java.nio.charset.Charset.forName(charset))));
        n++;
      } catch (DataFormatException e) {
        errors.add(new FileError(e.path(), e.line(), e.reason()));
      } catch (IOException | UncheckedIOException e) {
        errors.add(new FileError(name, -1, "cannot read (" + e.getMessage() + ")"));
      }
    }
    return new Partial(sum, n, errors);
  }

  /** {@code file:/x/y} as {@code /x/y}, as the local evaluator names local files. */
  static String displayName(String uri) {
    return uri.startsWith("file:") ? uri.substring("file:".length()) : uri;
  }

  /** Throws "no such file: PATH" if nothing matches. */
  static void requireMatches(String path, org.apache.hadoop.conf.Configuration hadoop) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(p);
      if (matches == null || matches.length == 0) {
        throw new UncheckedIOException(new NoSuchFileException(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
