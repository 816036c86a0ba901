package io.github.focal4j.spark;

import io.github.focal4j.ner.cluster.TagJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code ner-demo tag --spark}: documents in, one row per document with its entities out. */
final class SparkTagging {

  /** The column the entities go to. */
  static final String ENTITIES = "entities";

  /** Input partitions per core. */
  static final int TASKS_PER_CORE = 4;

  private SparkTagging() {}

  static long tag(SparkSession session, TagJob job) {
    org.apache.hadoop.conf.Configuration hadoop = session.sparkContext().hadoopConfiguration();
    ModelBytes.readAndCheck("--model", job.model(), hadoop);
    SparkEvaluation.requireMatches(job.input(), hadoop);
    try {
      Path out = new Path(job.output());
      if (out.getFileSystem(hadoop).exists(out)) {
        throw new UncheckedIOException(new FileAlreadyExistsException(job.output()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Dataset<Row> in;
    String column;
    // Tagging is CPU-bound per partition: give every core several partitions of about equal size.
    // (Spark SQL
    // would read a file smaller than 4 MB per core as one partition, or a 6 MB file as 4 MB + 2
    // MB.)
    int partitions = TASKS_PER_CORE * session.sparkContext().defaultParallelism();
    if (job.inputFormat() == TagJob.Format.PARQUET) {
      in = session.read().parquet(job.input());
      column = job.textColumn();
      if (!List.of(in.columns()).contains(column)) {
        throw new IllegalArgumentException(
            "--text-column "
                + column
                + ": no such column in "
                + job.input()
                + " (columns: "
                + String.join(", ", in.columns())
                + ")");
      }
      if (in.rdd().getNumPartitions() < partitions) {
        in = in.repartition(partitions);
      }
    } else {
      // Hadoop's text input splits files into byte ranges of equal size, in file order, without a
      // shuffle.
      in =
          session
              .createDataset(
                  session.sparkContext().textFile(job.input(), partitions), Encoders.STRING())
              .toDF("text");
      column = "text";
    }
    Dataset<Row> tagged =
        new NerTagger()
            .setModelPath(job.model())
            .setInputCol(column)
            .setOutputCol(ENTITIES)
            .setBatchSize(job.batchSize())
            .setPrecision(job.precision().name().toLowerCase(java.util.Locale.ROOT))
            .transform(in);
    session.sparkContext().setJobDescription("focal4j: tag " + job.input());
    if (job.outputFormat() == TagJob.Format.PARQUET) {
      tagged.write().parquet(job.output());
    } else {
      tagged.write().json(job.output());
    }
    return job.inputFormat() == TagJob.Format.PARQUET
        ? session.read().parquet(job.input()).count()
        : session.sparkContext().textFile(job.input(), 1).count();
  }
}
