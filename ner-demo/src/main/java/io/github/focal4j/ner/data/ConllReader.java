package io.github.focal4j.ner.data;

import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads CoNLL column files (such as the CoNLL-2003 NER data) into a {@link Corpus}.
 *
 * <p>The format:
 *
 * <ul>
 *   <li>One token per line: two or more columns separated by runs of spaces or tabs. Column 0 is
 *       the token; the tag column is configured ({@link ConllReaderConfig#tagColumn()}, by default
 *       the last); the others are kept as {@link Sentence#extraColumns()}.
 *   <li>Every token line has the number of columns of the first token line.
 *   <li>A blank line (empty, or only spaces and tabs) ends a sentence; several in a row are one
 *       break. The last sentence needs no blank line after it.
 *   <li>A line whose first column is {@value #DOCSTART} is a document break: it ends the current
 *       sentence and is otherwise skipped, whatever its columns.
 *   <li>Encoding, line ends and byte order mark as {@link ConllLineReader} describes: strict UTF-8
 *       from files, LF or CRLF, a leading BOM dropped. A carriage return anywhere else (such as old
 *       Mac CR-only line ends) is an error.
 *   <li>Every tag must belong to the configured input scheme; each sentence is then converted to
 *       the output scheme.
 * </ul>
 *
 * <p>Every violation throws a {@link DataFormatException} {@code name:line: reason}. A source with
 * no token lines at all (empty, or only blank and {@value #DOCSTART} lines) is an error too, {@code
 * name: no sentences ...}: an empty training or test set is always a mistake, and a zero-sized
 * corpus would only fail later with a less helpful message. I/O failures throw {@link
 * UncheckedIOException}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConllReader {

  /** The first column of a document-start line. */
  public static final String DOCSTART = "-DOCSTART-";

  private final ConllReaderConfig config;

  /** A reader with {@link ConllReaderConfig#defaults()}. */
  public ConllReader() {
    this(ConllReaderConfig.defaults());
  }

  /** A reader with the given configuration. */
  public ConllReader(ConllReaderConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The configuration of this reader. */
  public ConllReaderConfig config() {
    return config;
  }

  /**
   * Reads a file in the configured encoding (UTF-8 by default). The corpus is named after the file
   * name; messages show the path as given.
   *
   * @throws DataFormatException on any format error, naming {@code path:line}
   * @throws UncheckedIOException if the file cannot be read
   */
  public Corpus read(Path path) {
    try (ConllLineReader lines = ConllLineReader.open(path, config.encoding())) {
      Path fileName = path.getFileName();
      return read(lines, fileName == null ? path.toString() : fileName.toString());
    }
  }

  /**
   * Reads a byte stream in the configured encoding (UTF-8 by default), such as standard input. The
   * stream is read to the end but not closed.
   *
   * @param in the bytes
   * @param name the corpus name, also shown in error messages
   * @throws DataFormatException on any format error or invalid UTF-8, naming {@code name:line}
   * @throws UncheckedIOException if the stream fails
   */
  public Corpus read(InputStream in, String name) {
    return read(ConllLineReader.of(in, name, config.encoding()), name);
  }

  /**
   * Reads decoded text. The reader is read to the end but not closed.
   *
   * @param reader the text
   * @param name the corpus name, also shown in error messages
   * @throws DataFormatException on any format error, naming {@code name:line}
   * @throws UncheckedIOException if the reader fails
   */
  public Corpus read(Reader reader, String name) {
    return read(ConllLineReader.of(reader, name), name);
  }

  private Corpus read(ConllLineReader lines, String corpusName) {
    SentenceBuilder builder = new SentenceBuilder();
    int columns = 0;
    int firstTokenLine = 0;
    int tagIndex = -1;
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.indexOf('\r') >= 0) {
        throw lines.error("stray carriage return (CR): lines must end with LF or CRLF");
      }
      String[] fields = ConllLineReader.splitColumns(line);
      if (fields.length == 0 || fields[0].equals(DOCSTART)) {
        builder.endSentence();
        continue;
      }
      if (columns == 0) {
        if (fields.length < 2) {
          throw lines.error("expected at least 2 columns (token and tag), found 1");
        }
        tagIndex = config.resolveTagColumn(fields.length);
        if (tagIndex < 0) {
          throw lines.error(
              "tag column "
                  + config.tagColumn()
                  + " is not a tag column of a line with "
                  + fields.length
                  + " columns (column 0 is the token)");
        }
        columns = fields.length;
        firstTokenLine = lines.lineNumber();
      } else if (fields.length != columns) {
        throw lines.error(
            "expected "
                + columns
                + " columns like line "
                + firstTokenLine
                + ", found "
                + fields.length);
      }
      String tag = fields[tagIndex];
      var problem = config.inputScheme().problemWith(tag);
      if (problem.isPresent()) {
        throw lines.error(problem.get());
      }
      builder.add(fields, tagIndex);
    }
    builder.endSentence();
    if (builder.sentences.isEmpty()) {
      String why =
          lines.lineNumber() == 0
              ? "the input is empty"
              : "all " + lines.lineNumber() + " lines are blank or " + DOCSTART;
      throw new DataFormatException(
          lines.name(), DataFormatException.NO_LINE, "no sentences: " + why);
    }
    return new Corpus(corpusName, config.outputScheme(), builder.sentences);
  }

  /** Collects the token lines of the current sentence. */
  private final class SentenceBuilder {
    final List<Sentence> sentences = new ArrayList<>();
    final List<String> tokens = new ArrayList<>();
    final List<String> tags = new ArrayList<>();
    final List<List<String>> extras = new ArrayList<>();

    void add(String[] fields, int tagIndex) {
      tokens.add(fields[0]);
      tags.add(fields[tagIndex]);
      List<String> rest = new ArrayList<>(Arrays.asList(fields).subList(1, fields.length));
      rest.remove(tagIndex - 1);
      extras.add(rest);
    }

    void endSentence() {
      if (tokens.isEmpty()) {
        return;
      }
      List<String> converted = config.inputScheme().convert(tags, config.outputScheme());
      sentences.add(new Sentence(tokens, converted, extras));
      tokens.clear();
      tags.clear();
      extras.clear();
    }
  }
}
