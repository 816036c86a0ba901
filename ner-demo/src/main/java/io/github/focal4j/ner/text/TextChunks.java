package io.github.focal4j.ner.text;

import io.github.focal4j.ner.data.DataFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Strict UTF-8 text read as consecutive chunks that end at paragraph breaks, so that a text of any
 * size is tagged in bounded memory with the sentences and tokens {@link SimpleTokenizer#split}
 * gives the whole text: tokens never contain white space, and a blank line always ends a sentence,
 * so cutting inside the white space of a blank line changes neither. Offsets into the whole text
 * are a chunk's {@link Chunk#offset()} plus the offsets within it.
 *
 * <p>A chunk is at least {@code targetChars} characters long when the text goes on, and ends just
 * after the first blank line (white space only, between two {@code \n}) from there. A text that has
 * no blank line for {@code 8 · targetChars} characters is cut at its last white space instead (one
 * at or after the target), which ends a sentence there (whitespace-free runs that long are never
 * cut).
 *
 * <p>A leading byte order mark becomes a space, so offsets still count it. Bytes that are not UTF-8
 * throw a {@link DataFormatException} naming the line: {@code name:line: invalid UTF-8: byte 0xFF
 * at byte 3 of the line}. Not thread-safe.
 */
public final class TextChunks implements Closeable {

  /** A piece of the text and the UTF-16 offset of its first character in the whole text. */
  public record Chunk(String text, long offset) {}

  private static final int READ_BYTES = 1 << 16;

  private final InputStream in;
  private final String name;
  private final int target;
  private final long hardLimit;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(READ_BYTES);
  private final CharBuffer decoded = CharBuffer.allocate(READ_BYTES);
  private final StringBuilder pending = new StringBuilder();
  // where the search for a blank line resumes in pending (nothing before it ends one)
  private int searchFrom;
  private long offset;
  private boolean started;
  private boolean ended;
  // for error messages: the 1-based line being decoded and how many of its bytes came before
  private int line = 1;
  private long lineBytes;

  private TextChunks(InputStream in, String name, int targetChars) {
    this.in = Objects.requireNonNull(in, "in");
    this.name = Objects.requireNonNull(name, "name");
    if (targetChars < 1) {
      throw new IllegalArgumentException("targetChars must be >= 1, got " + targetChars);
    }
    this.target = targetChars;
    this.hardLimit = 8L * targetChars;
  }

  /**
   * Chunks of the UTF-8 bytes of {@code in}, each at least {@code targetChars} characters while the
   * text lasts.
   *
   * @param in the bytes; closed by {@link #close()}
   * @param name the name error messages show for this source (a path, {@code stdin})
   * @throws IllegalArgumentException if {@code targetChars} &lt; 1
   */
  public static TextChunks of(InputStream in, String name, int targetChars) {
    return new TextChunks(in, name, targetChars);
  }

  /**
   * The next chunk, or empty at the end of the text.
   *
   * @throws DataFormatException at bytes that are not UTF-8, naming the line
   * @throws UncheckedIOException if the input cannot be read
   */
  public Optional<Chunk> next() {
    while (true) {
      if (pending.length() >= target) {
        int cut = blankLineEnd(Math.max(searchFrom, target - 1));
        if (cut < 0 && pending.length() >= hardLimit) {
          cut = lastSpaceEnd();
        }
        if (cut > 0) {
          return Optional.of(take(cut));
        }
        // a blank line can start at any '\n' from the last one on
        searchFrom = Math.max(searchFrom, Math.max(0, pending.lastIndexOf("\n")));
      }
      if (ended) {
        return pending.isEmpty() ? Optional.empty() : Optional.of(take(pending.length()));
      }
      read();
    }
  }

  /** The first {@code cut} characters as a chunk; the rest stay pending. */
  private Chunk take(int cut) {
    Chunk c = new Chunk(pending.substring(0, cut), offset);
    pending.delete(0, cut);
    offset += cut;
    searchFrom = 0;
    return c;
  }

  /**
   * The index just after the first blank line's closing {@code \n} whose opening {@code \n} is at
   * or after {@code from}, or −1.
   */
  private int blankLineEnd(int from) {
    int open = pending.indexOf("\n", from);
    while (open >= 0) {
      int i = open + 1;
      while (i < pending.length()
          && pending.charAt(i) != '\n'
          && SimpleTokenizer.isSpace(pending.charAt(i))) {
        i++;
      }
      if (i < pending.length() && pending.charAt(i) == '\n') {
        return i + 1;
      }
      open = pending.indexOf("\n", i);
    }
    return -1;
  }

  /**
   * The index just after the last white space character of pending ({@link
   * SimpleTokenizer#isSpace}; a surrogate is not one, so a cut never splits a pair), or −1 if there
   * is none from the target on (a cut before it would make a chunk shorter than the target).
   */
  private int lastSpaceEnd() {
    for (int i = pending.length() - 1; i >= target - 1; i--) {
      if (SimpleTokenizer.isSpace(pending.charAt(i))) {
        return i + 1;
      }
    }
    return -1;
  }

  /** Decodes the next block of bytes into pending, or marks the end. */
  private void read() {
    try {
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      boolean last = n < 0;
      if (!last) {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
      decoded.clear();
      int start = bytes.position();
      CoderResult r = decoder.decode(bytes, decoded, last);
      if (!r.isError() && last) {
        r = decoder.flush(decoded);
      }
      countLines(start, bytes.position());
      if (r.isError()) {
        throw new DataFormatException(
            name,
            line,
            String.format(
                "invalid UTF-8: byte 0x%02X at byte %d of the line",
                bytes.get(bytes.position()), lineBytes + 1));
      }
      decoded.flip();
      if (!started && decoded.hasRemaining()) {
        started = true;
        if (decoded.get(0) == '\uFEFF') {
          decoded.put(0, ' ');
        }
      }
      pending.append(decoded);
      bytes.compact();
      ended = last;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Advances the line count over the decoded bytes [from, to) ('\n' is never inside a UTF-8
   * sequence).
   */
  private void countLines(int from, int to) {
    byte[] a = bytes.array();
    for (int i = from; i < to; i++) {
      if (a[i] == '\n') {
        line++;
        lineBytes = 0;
      } else {
        lineBytes++;
      }
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + name + ": " + e.getMessage(), e);
    }
  }
}
