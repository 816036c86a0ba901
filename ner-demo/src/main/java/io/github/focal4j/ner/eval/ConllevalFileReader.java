package io.github.focal4j.ner.eval;

import io.github.focal4j.ner.data.ConllLineReader;
import io.github.focal4j.ner.data.DataFormatException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Scores a conlleval-format prediction file: one token per line, {@code token ... gold predicted},
 * the last two columns being the gold and the predicted tag; sentences separated by blank lines.
 *
 * <p>The file is read as conlleval reads it, so the scores are conlleval's:
 *
 * <ul>
 *   <li>every non-blank line has the number of columns of the first one, and at least 2;
 *   <li>a blank line, or a line whose first column is {@code -X-}, is a sentence break;
 *   <li>a {@code -DOCSTART-} line is handled per {@link DocstartPolicy} (default: a token, as
 *       conlleval does);
 *   <li>tags are not validated: any string is scored by conlleval's rules (see {@link
 *       ConllEvaluator});
 *   <li>an empty file is not an error: it scores 0 tokens, as conlleval prints.
 * </ul>
 *
 * <p>Where conlleval would misread a file this reader is kinder and says so here: columns are split
 * on runs of spaces and tabs (conlleval splits on each single space), a CR before the LF and a
 * leading byte order mark are dropped (conlleval would keep them in the tags), and files must be
 * UTF-8. Violations throw {@link DataFormatException} {@code name:line: reason}; I/O failures throw
 * {@link UncheckedIOException}. Immutable and thread-safe.
 */
public final class ConllevalFileReader {

  /** The first column of conlleval's sentence-break lines. */
  public static final String BOUNDARY = "-X-";

  private static final String DOCSTART = "-DOCSTART-";

  private final DocstartPolicy docstart;

  /** A reader that treats {@code -DOCSTART-} lines as conlleval does. */
  public ConllevalFileReader() {
    this(DocstartPolicy.SCORED_AS_TOKEN);
  }

  /** A reader with the given handling of {@code -DOCSTART-} lines. */
  public ConllevalFileReader(DocstartPolicy docstart) {
    this.docstart = Objects.requireNonNull(docstart, "docstart");
  }

  /**
   * Scores a UTF-8 file.
   *
   * @throws DataFormatException on a malformed line or invalid UTF-8, naming {@code path:line}
   * @throws UncheckedIOException if the file cannot be read
   */
  public EvaluationResult evaluate(Path path) {
    return evaluate(path, StandardCharsets.UTF_8);
  }

  /**
   * Scores a file in {@code charset}, an ASCII-compatible encoding such as ISO-8859-1.
   *
   * @throws DataFormatException on a malformed line or bytes invalid in {@code charset}, naming
   *     {@code path:line}
   * @throws IllegalArgumentException if {@code charset} is not ASCII-compatible
   * @throws UncheckedIOException if the file cannot be read
   */
  public EvaluationResult evaluate(Path path, Charset charset) {
    try (ConllLineReader lines = ConllLineReader.open(path, charset)) {
      return evaluate(lines);
    }
  }

  /**
   * Scores a UTF-8 byte stream, such as standard input; the stream is read to the end but not
   * closed.
   *
   * @param name the name error messages show
   * @throws DataFormatException on a malformed line or invalid UTF-8, naming {@code name:line}
   */
  public EvaluationResult evaluate(InputStream in, String name) {
    return evaluate(ConllLineReader.of(in, name));
  }

  /**
   * Scores a byte stream in {@code charset} (ASCII-compatible); the stream is read to the end but
   * not closed.
   *
   * @param name the name error messages show
   * @throws DataFormatException on a malformed line or bytes invalid in {@code charset}, naming
   *     {@code name:line}
   */
  public EvaluationResult evaluate(InputStream in, String name, Charset charset) {
    return evaluate(ConllLineReader.of(in, name, charset));
  }

  /**
   * Scores decoded text; the reader is read to the end but not closed.
   *
   * @param name the name error messages show
   * @throws DataFormatException on a malformed line, naming {@code name:line}
   */
  public EvaluationResult evaluate(Reader reader, String name) {
    return evaluate(ConllLineReader.of(reader, name));
  }

  private EvaluationResult evaluate(ConllLineReader lines) {
    ConllEvaluator evaluator = new ConllEvaluator();
    int columns = 0;
    int firstLine = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      String[] fields = ConllLineReader.splitColumns(line);
      if (fields.length == 0) {
        evaluator.boundary();
        continue;
      }
      if (columns == 0) {
        columns = fields.length;
        firstLine = lines.lineNumber();
      } else if (fields.length != columns) {
        throw lines.error(
            "expected " + columns + " columns like line " + firstLine + ", found " + fields.length);
      }
      if (fields.length < 2) {
        throw lines.error("expected at least 2 columns (gold and predicted tag), found 1");
      }
      boolean docstartBreak =
          docstart == DocstartPolicy.SENTENCE_BOUNDARY && fields[0].equals(DOCSTART);
      if (fields[0].equals(BOUNDARY) || docstartBreak) {
        evaluator.boundary();
      } else {
        evaluator.add(fields[fields.length - 2], fields[fields.length - 1]);
      }
    }
    return evaluator.result();
  }
}
