package io.github.focal4j.ner.data;

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
 */
public record ConllReaderConfig(int tagColumn, TagScheme inputScheme, TagScheme outputScheme) {

  /** Checks that the schemes are present. */
  public ConllReaderConfig {
    Objects.requireNonNull(inputScheme, "inputScheme");
    Objects.requireNonNull(outputScheme, "outputScheme");
    if (tagColumn == 0) {
      throw new IllegalArgumentException("tag column 0 is the token column");
    }
  }

  /** The last column holds IOB2 tags; the corpus gets IOB2 tags. */
  public static ConllReaderConfig defaults() {
    return new ConllReaderConfig(-1, TagScheme.IOB2, TagScheme.IOB2);
  }

  /** This configuration with another tag column (0-based, or negative from the end; not 0). */
  public ConllReaderConfig withTagColumn(int column) {
    return new ConllReaderConfig(column, inputScheme, outputScheme);
  }

  /** This configuration with another scheme for the tags in the file. */
  public ConllReaderConfig withInputScheme(TagScheme scheme) {
    return new ConllReaderConfig(tagColumn, scheme, outputScheme);
  }

  /** This configuration with another scheme for the tags of the returned corpus. */
  public ConllReaderConfig withOutputScheme(TagScheme scheme) {
    return new ConllReaderConfig(tagColumn, inputScheme, scheme);
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
