package io.github.focal4j.ner.cli;

/**
 * The exit codes of {@code ner-demo}. A training run stopped by SIGINT or SIGTERM exits with 130 or
 * 143 (128 + the signal number, the shell convention, set by the JVM) after its final checkpoint.
 */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;

  /**
   * Bad data or files: a malformed CoNLL file, a missing file, an invalid checkpoint, divergence.
   */
  public static final int DATA = 1;

  /** Bad usage: an unknown flag, a missing argument, an invalid value or combination. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
