package io.github.focal4j.ner.data;

import java.util.Objects;

/**
 * Input data that cannot be read as what it claims to be: a malformed line in a CoNLL file, a tag
 * outside the declared scheme, bytes that are not UTF-8, a file without sentences.
 *
 * <p>The message always starts with the source, so a user can open the file at the right place:
 * {@code path:line: reason} (for example {@code train.txt:17: expected 4 columns like line 1, found
 * 3}). When the problem belongs to the whole source rather than one line, {@link #line()} is
 * {@value #NO_LINE} and the message is {@code path: reason}.
 *
 * <p>Unchecked, so that readers can be used in streams; the command line maps it to exit code 1.
 */
public final class DataFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The {@link #line()} of an error that concerns the whole source rather than one line. */
  public static final int NO_LINE = 0;

  private final String path;
  private final int line;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param path the file name or display name of the source, as the user should see it; not null
   * @param line the 1-based line number, or {@link #NO_LINE} (any value below 1 is taken as it)
   * @param reason what is wrong, in words, without the location; not null
   */
  public DataFormatException(String path, int line, String reason) {
    this(path, line, reason, null);
  }

  /**
   * Creates the exception with the low-level cause (such as a decoding error).
   *
   * @param path the file name or display name of the source; not null
   * @param line the 1-based line number, or {@link #NO_LINE}
   * @param reason what is wrong, without the location; not null
   * @param cause the underlying exception, or null
   */
  public DataFormatException(String path, int line, String reason, Throwable cause) {
    super(message(path, line, reason), cause);
    this.path = path;
    this.line = Math.max(line, NO_LINE);
    this.reason = reason;
  }

  private static String message(String path, int line, String reason) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
    return line > NO_LINE ? path + ":" + line + ": " + reason : path + ": " + reason;
  }

  /** The file name or display name of the source. */
  public String path() {
    return path;
  }

  /** The 1-based line number, or {@link #NO_LINE} when the error concerns the whole source. */
  public int line() {
    return line;
  }

  /** What is wrong, without the location prefix. */
  public String reason() {
    return reason;
  }
}
