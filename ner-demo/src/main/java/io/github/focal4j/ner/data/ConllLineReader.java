package io.github.focal4j.ner.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads the numbered lines of a CoNLL-style column file and splits them into columns; the layer
 * under {@link ConllReader} and the conlleval prediction-file reader.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>A line ends at {@code \n}; one {@code \r} before it (CRLF) is dropped. The last line needs
 *       no terminator. A lone {@code \r} elsewhere is an ordinary character.
 *   <li>A UTF-8 byte order mark (U+FEFF) at the very start is dropped.
 *   <li>Read from a {@link Path} or an {@link InputStream}, the bytes must be strict UTF-8, or
 *       strictly the encoding given (an ASCII-compatible one, such as ISO-8859-1 for CoNLL-2002's
 *       original files): anything else throws a {@link DataFormatException} {@code path:line:
 *       invalid UTF-8 ...}. Read from a {@link Reader}, the characters are taken as they come; a
 *       {@link CharacterCodingException} from that reader becomes a {@link DataFormatException} at
 *       the line being read when it was reported, which can be earlier than the bad bytes because
 *       readers decode ahead. For exact lines, pass bytes.
 *   <li>Other I/O failures throw {@link UncheckedIOException}.
 * </ul>
 *
 * <p>Not thread-safe. Close it to close the underlying stream.
 */
public final class ConllLineReader implements Closeable {

  private static final int BUFFER_SIZE = 1 << 16;
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final String name;
  private final InputStream bytes;
  private final Reader chars;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private byte[] byteLine = new byte[256];
  private final StringBuilder charLine = new StringBuilder(256);
  private final char[] charBuffer;
  private int charPos;
  private int charLimit;
  private int lineNumber;
  private boolean atEnd;

  private ConllLineReader(String name, InputStream bytes, Reader chars, Charset charset) {
    this.name = Objects.requireNonNull(name, "name");
    this.bytes = bytes;
    this.chars = chars;
    this.charset = checkLineEncoding(charset);
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.charBuffer = chars == null ? null : new char[BUFFER_SIZE];
  }

  /**
   * Opens a file for reading as strict UTF-8. Error messages name the file as {@code
   * path.toString()}.
   *
   * @throws UncheckedIOException if the file cannot be opened
   */
  public static ConllLineReader open(Path path) {
    return open(path, StandardCharsets.UTF_8);
  }

  /**
   * Opens a file for reading in {@code charset}, strictly (malformed or unmappable bytes are
   * errors).
   *
   * @param charset an ASCII-compatible encoding (see {@link #checkLineEncoding})
   * @throws IllegalArgumentException if {@code charset} is not ASCII-compatible
   * @throws UncheckedIOException if the file cannot be opened
   */
  public static ConllLineReader open(Path path, Charset charset) {
    Objects.requireNonNull(path, "path");
    checkLineEncoding(charset);
    try {
      return new ConllLineReader(
          path.toString(),
          new BufferedInputStream(Files.newInputStream(path), BUFFER_SIZE),
          null,
          charset);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a byte stream as strict UTF-8, such as standard input.
   *
   * @param in the bytes; closed by {@link #close()}
   * @param name the name error messages show for this source
   */
  public static ConllLineReader of(InputStream in, String name) {
    return of(in, name, StandardCharsets.UTF_8);
  }

  /**
   * Reads a byte stream in {@code charset}, strictly.
   *
   * @param in the bytes; closed by {@link #close()}
   * @param name the name error messages show for this source
   * @param charset an ASCII-compatible encoding (see {@link #checkLineEncoding})
   * @throws IllegalArgumentException if {@code charset} is not ASCII-compatible
   */
  public static ConllLineReader of(InputStream in, String name, Charset charset) {
    Objects.requireNonNull(in, "in");
    return new ConllLineReader(name, new BufferedInputStream(in, BUFFER_SIZE), null, charset);
  }

  /**
   * Checks that {@code charset} writes line ends, tabs and spaces as the single ASCII bytes, which
   * is how lines and columns are found before decoding: UTF-8, ISO-8859-1, windows-1252 and the
   * other ASCII supersets qualify; UTF-16 and UTF-32 do not.
   *
   * @return {@code charset}
   * @throws IllegalArgumentException naming the encoding if it does not qualify
   */
  public static Charset checkLineEncoding(Charset charset) {
    Objects.requireNonNull(charset, "charset");
    byte[] probe = charset.canEncode() ? "\n\r\t -AZaz09".getBytes(charset) : new byte[0];
    if (!Arrays.equals(probe, "\n\r\t -AZaz09".getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException(
          "encoding "
              + charset.name()
              + " is not ASCII-compatible (line ends and"
              + " column separators must be single ASCII bytes); use UTF-8, ISO-8859-1 or windows-1252, for example");
    }
    return charset;
  }

  /**
   * Reads already decoded characters.
   *
   * @param reader the source; closed by {@link #close()}
   * @param name the name error messages show for this source, such as a file name
   */
  public static ConllLineReader of(Reader reader, String name) {
    return new ConllLineReader(
        name, null, Objects.requireNonNull(reader, "reader"), StandardCharsets.UTF_8);
  }

  /** The name that error messages show for this source. */
  public String name() {
    return name;
  }

  /** The 1-based number of the line last returned by {@link #readLine()}; 0 before the first. */
  public int lineNumber() {
    return lineNumber;
  }

  /**
   * Returns the next line without its terminator, or null at the end of the input.
   *
   * @throws DataFormatException if the line is not valid UTF-8 (files) or the reader reports a
   *     character coding error
   * @throws UncheckedIOException on other read failures
   */
  public String readLine() {
    if (atEnd) {
      return null;
    }
    try {
      String line = bytes != null ? readByteLine() : readCharLine();
      if (line == null) {
        atEnd = true;
        return null;
      }
      if (lineNumber == 0 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
        line = line.substring(1);
      }
      lineNumber++;
      return line;
    } catch (CharacterCodingException e) {
      throw new DataFormatException(
          name,
          lineNumber + 1,
          "invalid character encoding (" + e.getClass().getSimpleName() + ")",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** An exception for a problem on the line last returned by {@link #readLine()}. */
  public DataFormatException error(String reason) {
    return new DataFormatException(name, lineNumber, reason);
  }

  /**
   * Splits a line into columns separated by runs of spaces and tabs, ignoring leading and trailing
   * ones. A blank line (empty, or spaces and tabs only) gives an empty array. Other characters,
   * including other Unicode white space, belong to the columns.
   */
  public static String[] splitColumns(String line) {
    List<String> columns = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && isSeparator(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSeparator(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        columns.add(line.substring(start, i));
      }
    }
    return columns.toArray(new String[0]);
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '\t';
  }

  private String readByteLine() throws IOException {
    int length = 0;
    int b;
    while ((b = bytes.read()) != -1 && b != '\n') {
      if (length == byteLine.length) {
        byteLine = Arrays.copyOf(byteLine, length * 2);
      }
      byteLine[length++] = (byte) b;
    }
    if (b == -1 && length == 0) {
      return null;
    }
    if (length > 0 && byteLine[length - 1] == '\r') {
      length--;
    }
    return decode(length);
  }

  private String decode(int length) {
    ByteBuffer in = ByteBuffer.wrap(byteLine, 0, length);
    CharBuffer out = CharBuffer.allocate(length);
    decoder.reset();
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = Math.min(in.position(), length - 1);
      throw new DataFormatException(
          name,
          lineNumber + 1,
          String.format(
              "invalid %s: byte 0x%02X at byte %d of the line",
              charset.name(), byteLine[offset], offset + 1));
    }
    return out.flip().toString();
  }

  private String readCharLine() throws IOException {
    charLine.setLength(0);
    boolean sawAny = false;
    while (true) {
      if (charPos == charLimit) {
        charLimit = chars.read(charBuffer);
        charPos = 0;
        if (charLimit <= 0) {
          charLimit = 0;
          break;
        }
      }
      sawAny = true;
      char c = charBuffer[charPos++];
      if (c == '\n') {
        break;
      }
      charLine.append(c);
    }
    if (!sawAny) {
      return null;
    }
    int length = charLine.length();
    if (length > 0 && charLine.charAt(length - 1) == '\r') {
      charLine.setLength(length - 1);
    }
    return charLine.toString();
  }

  @Override
  public void close() {
    try {
      if (bytes != null) {
        bytes.close();
      } else {
        chars.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + name + ": " + e.getMessage(), e);
    }
  }
}
