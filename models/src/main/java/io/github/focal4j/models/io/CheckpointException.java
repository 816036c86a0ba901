package io.github.focal4j.models.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be loaded as a Focal4J checkpoint: missing, empty, truncated, corrupt,
 * foreign, from a newer format version, or inconsistent with the model it describes. The message
 * names the file and the problem, e.g. {@code "model.f4j: fails its SHA-256 checksum (the file is
 * corrupt)"}.
 */
public final class CheckpointException extends IOException {

  private static final long serialVersionUID = 1L;

  private final Path file;
  private final String problem;

  public CheckpointException(Path file, String problem) {
    this(file, problem, null);
  }

  public CheckpointException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.problem = problem;
  }

  /** The file that failed to load. */
  public Path file() {
    return file;
  }

  /** What is wrong with it, without the file name. */
  public String problem() {
    return problem;
  }
}
