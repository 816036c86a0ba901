package io.github.focal4j.spark;

import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.inference.FloatTagger;
import io.github.focal4j.models.io.CheckpointException;
import io.github.focal4j.ner.tagging.TextTagger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A model file's bytes, read once on the driver (from any Hadoop file system) and checked there,
 * and the per-executor-JVM cache of loaded models keyed by the bytes' SHA-256: an executor loads a
 * model once however many tasks and jobs use it, and a model retrained at the same path is a new
 * key.
 */
final class ModelBytes {

  /** Loaded models of this JVM, by digest. */
  private static final ConcurrentHashMap<String, TokenClassifier> LOADED =
      new ConcurrentHashMap<>();

  /** Float32 taggers of the loaded models, by digest: thread-safe, one per model and JVM. */
  private static final ConcurrentHashMap<String, FloatTagger> FLOAT32 = new ConcurrentHashMap<>();

  private ModelBytes() {}

  /** The bytes of a model and their digest. */
  record Read(byte[] bytes, String digest, String file) {}

  /**
   * Reads {@code DIR/model.f4j} or the file {@code path} on the driver and loads it once to check
   * it.
   *
   * @throws IllegalArgumentException one line naming the parameter, the path and what is wrong
   */
  static Read readAndCheck(String param, String path, Configuration hadoop) {
    String file = path;
    byte[] bytes;
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        throw new IllegalArgumentException(param + " " + path + ": no such file or directory");
      }
      FileStatus st = fs.getFileStatus(p);
      if (st.isDirectory()) {
        p = new org.apache.hadoop.fs.Path(p, TextTagger.MODEL_FILE);
        file = p.toString();
        if (!fs.exists(p)) {
          throw new IllegalArgumentException(
              param
                  + " "
                  + path
                  + ": a directory without "
                  + TextTagger.MODEL_FILE
                  + " (give a 'train --out' directory or a model file)");
        }
      }
      try (FSDataInputStream in = fs.open(p)) {
        bytes = in.readAllBytes();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          param + " " + path + ": cannot read (" + e.getMessage() + ")", e);
    }
    String digest = digest(bytes);
    try {
      load(digest, () -> bytes);
    } catch (UncheckedIOException e) {
      Throwable c = e.getCause();
      String why = c instanceof CheckpointException ? c.getMessage() : String.valueOf(c);
      throw new IllegalArgumentException(
          param + " " + path + ": not a Focal4J model (" + why + ")", e);
    }
    return new Read(bytes, digest, file);
  }

  /**
   * The model with this digest, loaded from {@code bytes} the first time this JVM asks.
   *
   * @throws UncheckedIOException if the bytes are not a model
   */
  static TokenClassifier load(String digest, Supplier<byte[]> bytes) {
    return LOADED.computeIfAbsent(
        digest,
        d -> {
          try {
            Path tmp = Files.createTempFile("focal4j-model-", ".f4j");
            try {
              Files.write(tmp, bytes.get());
              return TextTagger.loadModel(tmp);
            } finally {
              Files.deleteIfExists(tmp);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * The float32 tagger of the model with this digest ({@link #load}), made the first time this JVM
   * asks.
   *
   * @throws IllegalStateException if this JVM has no Vector API
   */
  static FloatTagger loadFloat32(String digest, Supplier<byte[]> bytes) {
    TokenClassifier model = load(digest, bytes);
    return FLOAT32.computeIfAbsent(digest, d -> FloatTagger.of(model));
  }

  /** How many float32 taggers this JVM holds (for tests). */
  static int float32Count() {
    return FLOAT32.size();
  }

  /** How many models this JVM holds (for tests). */
  static int loadedCount() {
    return LOADED.size();
  }

  static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
