package io.github.focal4j.ner.cli;

import io.github.focal4j.models.io.CheckpointException;
import io.github.focal4j.models.training.DivergenceException;
import io.github.focal4j.ner.data.DataFormatException;
import io.github.focal4j.ner.experiment.LossSpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How errors reach the user: one line on stderr, {@code ner-demo <command>: <message>}, and an exit
 * code that says whose fault it is ({@link ExitCodes}). The stack trace only with {@code
 * --verbose}.
 */
final class Errors {

  private Errors() {}

  /** A usage error found after parsing (an invalid combination of flags): exit code 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Parse errors and invalid values: exit code 2. */
  static final class UsageErrors implements IParameterExceptionHandler {
    private final Main main;

    UsageErrors(Main main) {
      this.main = main;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      String suggestion = "";
      if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
        suggestion = "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
      }
      err.println(prefix(cmd) + ": " + oneLine(ex.getMessage()) + suggestion + " (see --help)");
      if (main.verbose()) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.USAGE;
    }
  }

  /** Exceptions from running a command: data and file errors exit 1, late usage errors 2. */
  static final class RunErrors implements IExecutionExceptionHandler {
    private final Main main;

    RunErrors(Main main) {
      this.main = main;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
      PrintWriter err = cmd.getErr();
      int code = ExitCodes.DATA;
      String message;
      Throwable t =
          ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
      if (t instanceof UsageException || t instanceof LossSpecException) {
        code = ExitCodes.USAGE;
        message = t.getMessage() + " (see --help)";
      } else if (t instanceof DataFormatException
          || t instanceof CheckpointException
          || t instanceof DivergenceException) {
        message = t.getMessage();
      } else if (t instanceof NoSuchFileException f) {
        message =
            f.getReason() == null
                ? "no such file: " + f.getFile()
                : f.getFile() + ": " + f.getReason();
      } else if (t instanceof AccessDeniedException f) {
        message = "permission denied: " + f.getFile();
      } else if (t instanceof NotDirectoryException f) {
        message = "not a directory: " + f.getFile();
      } else if (t instanceof FileAlreadyExistsException f) {
        message = "already exists: " + f.getFile();
      } else if (t instanceof IOException) {
        message = t.getMessage() != null ? t.getMessage() : t.toString();
      } else if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
        message = t.getMessage();
      } else {
        message =
            "internal error: "
                + t
                + (main.verbose() ? "" : " (run with --verbose for the stack trace)");
      }
      err.println(prefix(cmd) + ": " + oneLine(message));
      if (main.verbose()) {
        ex.printStackTrace(err);
      }
      err.flush();
      return code;
    }
  }

  /** {@code ner-demo train}. */
  static String prefix(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName();
  }

  /** The message on one line. */
  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
