package io.github.focal4j.models.io;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one section's payload written by {@link SectionWriter}. Every read is bounds-checked: a
 * malformed payload raises a {@link CheckpointException} naming the file and the section, never a
 * buffer exception.
 */
public final class SectionReader {

  private final Path file;
  private final String tag;
  private final ByteBuffer in;

  private SectionReader(Path file, String tag, byte[] payload) {
    this.file = file;
    this.tag = tag;
    this.in = ByteBuffer.wrap(payload);
  }

  /** The reader of section {@code tag}. @throws CheckpointException if the file lacks it */
  public static SectionReader of(Path file, Map<String, byte[]> sections, String tag)
      throws CheckpointException {
    byte[] p = sections.get(tag);
    if (p == null) {
      throw new CheckpointException(
          file, "has no '" + tag + "' section (sections: " + sections.keySet() + ")");
    }
    return new SectionReader(file, tag, p);
  }

  public int readInt() throws CheckpointException {
    try {
      return in.getInt();
    } catch (BufferUnderflowException e) {
      throw malformed("ends early");
    }
  }

  public long readLong() throws CheckpointException {
    try {
      return in.getLong();
    } catch (BufferUnderflowException e) {
      throw malformed("ends early");
    }
  }

  public double readDouble() throws CheckpointException {
    return Double.longBitsToDouble(readLong());
  }

  public boolean readBoolean() throws CheckpointException {
    int v = readInt();
    if (v != 0 && v != 1) {
      throw malformed("has a boolean " + v);
    }
    return v == 1;
  }

  public String readString() throws CheckpointException {
    int n = readCount(1);
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  public List<String> readStrings() throws CheckpointException {
    int n = readCount(4);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readString());
    }
    return out;
  }

  public double[] readDoubles() throws CheckpointException {
    int n = readCount(8);
    double[] out = new double[n];
    in.asDoubleBuffer().get(out);
    in.position(in.position() + 8 * n);
    return out;
  }

  public int[] readInts() throws CheckpointException {
    int n = readCount(4);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.getInt();
    }
    return out;
  }

  /** Whether bytes are left to read (a field later versions appended may follow). */
  public boolean hasRemaining() {
    return in.hasRemaining();
  }

  /**
   * @throws CheckpointException unless the whole payload was read
   */
  public void expectEnd() throws CheckpointException {
    if (in.hasRemaining()) {
      throw malformed("has " + in.remaining() + " unread bytes");
    }
  }

  /** A {@link CheckpointException} about this section. */
  public CheckpointException malformed(String what) {
    return new CheckpointException(file, "section '" + tag + "' " + what);
  }

  private int readCount(int elementSize) throws CheckpointException {
    int n = readInt();
    if (n < 0 || (long) n * elementSize > in.remaining()) {
      throw malformed(
          "declares " + n + " elements, more than its remaining " + in.remaining() + " bytes hold");
    }
    return n;
  }
}
