package io.github.focal4j.ner.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How {@link ConllReader} reads a column file. Immutable; start from {@link #defaults()} and change
 * what differs with the {@code with...} methods.
 *
 * @param tagColumn the 0-based column holding the tag; negative counts from the end ({@code -1} is
 *     the last column, the default). It must not resolve to column 0, which is always the token
 * @param inputScheme the scheme of the tags in the file (default {@link TagScheme#IOB2}); every tag
 *     must belong to it
 * @param outputScheme the scheme of the tags in the returned corpus (default {@link
 *     TagScheme#IOB2}); tags are always decoded and re-encoded, so ill-formed input comes out
 *     well-formed even when the two schemes are the same
 * @param encoding the character encoding of files and byte streams (default UTF-8); an
 *     ASCII-compatible one such as ISO-8859-1, the encoding of CoNLL-2002's original files (see
 *     {@link ConllLineReader#checkLineEncoding})
 */
public record ConllReaderConfig(
    int tagColumn, TagScheme inputScheme, TagScheme outputScheme, Charset encoding) {

  /**
   * Checks that the schemes and the encoding are present and the encoding is ASCII-compatible.
   *
   * @throws IllegalArgumentException for tag column 0 or an encoding that is not ASCII-compatible
   */
  public ConllReaderConfig {
    Objects.requireNonNull(inputScheme, "inputScheme");
    Objects.requireNonNull(outputScheme, "outputScheme");
    ConllLineReader.checkLineEncoding(encoding);
    if (tagColumn == 0) {
      throw new IllegalArgumentException("tag column 0 is the token column");
    }
  }

  /** A UTF-8 configuration. */
  public ConllReaderConfig(int tagColumn, TagScheme inputScheme, TagScheme outputScheme) {
    this(tagColumn, inputScheme, outputScheme, StandardCharsets.UTF_8);
  }

  /** The last column holds IOB2 tags in UTF-8; the corpus gets IOB2 tags. */
  public static ConllReaderConfig defaults() {
    return new ConllReaderConfig(-1, TagScheme.IOB2, TagScheme.IOB2);
  }

  /** This configuration with another character encoding (ASCII-compatible). */
  public ConllReaderConfig withEncoding(Charset charset) {
    return new ConllReaderConfig(tagColumn, inputScheme, outputScheme, charset);
  }

  /** This configuration with another tag column (0-based, or negative from the end; not 0). */
  public ConllReaderConfig withTagColumn(int column) {
    return new ConllReaderConfig(column, inputScheme, outputScheme, encoding);
  }

  /** This configuration with another scheme for the tags in the file. */
  public ConllReaderConfig withInputScheme(TagScheme scheme) {
    return new ConllReaderConfig(tagColumn, scheme, outputScheme, encoding);
  }

  /** This configuration with another scheme for the tags of the returned corpus. */
  public ConllReaderConfig withOutputScheme(TagScheme scheme) {
    return new ConllReaderConfig(tagColumn, inputScheme, scheme, encoding);
  }

  /**
   * The 0-based index of the tag column in a line of {@code columns} columns.
   *
   * @return an index in {@code [1, columns)}, or -1 if the configured column does not exist there
   */
  int resolveTagColumn(int columns) {
    int index = tagColumn < 0 ? columns + tagColumn : tagColumn;
    return index >= 1 && index < columns ? index : -1;
  }
}
