package io.github.focal4j.ner.cluster;

import io.github.focal4j.models.ops.Precision;
import java.util.Objects;

/**
 * What {@code ner-demo tag --spark} tags and where it writes.
 *
 * @param model a {@code train --out} directory or a model file
 * @param input text files (one document per line) or Parquet (a file, directory or glob)
 * @param inputFormat how to read {@code input}
 * @param textColumn the text column of Parquet input (text input: the line)
 * @param output the directory to write (must not exist)
 * @param outputFormat how to write it
 * @param batchSize documents tagged together, ≥ 1
 * @param precision the arithmetic of the forward pass: the model's own float64, or float32 (needs
 *     the Vector API on every executor)
 */
public record TagJob(
    String model,
    String input,
    Format inputFormat,
    String textColumn,
    String output,
    Format outputFormat,
    int batchSize,
    Precision precision) {

  /** File formats. */
  public enum Format {
    /** Plain UTF-8 text, one document per line (input only). */
    TEXT,
    /** JSON Lines: one object per document, its columns and {@code entities} (output only). */
    JSONL,
    /** Apache Parquet. */
    PARQUET
  }

  /** Checks the fields. */
  public TagJob {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(inputFormat, "inputFormat");
    Objects.requireNonNull(textColumn, "textColumn");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(outputFormat, "outputFormat");
    Objects.requireNonNull(precision, "precision");
    if (inputFormat == Format.JSONL || outputFormat == Format.TEXT) {
      throw new IllegalArgumentException("input is TEXT or PARQUET, output JSONL or PARQUET");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
  }
}
