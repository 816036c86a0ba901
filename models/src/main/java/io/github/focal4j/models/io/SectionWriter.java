package io.github.focal4j.models.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds one section's payload: big-endian primitives, length-prefixed UTF-8 strings, double
 * arrays.
 */
public final class SectionWriter {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);

  public SectionWriter writeInt(int v) {
    try {
      out.writeInt(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public SectionWriter writeLong(long v) {
    try {
      out.writeLong(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public SectionWriter writeDouble(double v) {
    return writeLong(Double.doubleToRawLongBits(v));
  }

  public SectionWriter writeBoolean(boolean v) {
    return writeInt(v ? 1 : 0);
  }

  public SectionWriter writeString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeInt(b.length);
    bytes.write(b, 0, b.length);
    return this;
  }

  public SectionWriter writeStrings(List<String> strings) {
    writeInt(strings.size());
    strings.forEach(this::writeString);
    return this;
  }

  /** Length, then the values' IEEE-754 bits. */
  public SectionWriter writeDoubles(double[] values) {
    writeInt(values.length);
    ByteBuffer b = ByteBuffer.allocate(values.length * 8);
    b.asDoubleBuffer().put(values);
    bytes.write(b.array(), 0, b.capacity());
    return this;
  }

  public SectionWriter writeInts(int[] values) {
    writeInt(values.length);
    for (int v : values) {
      writeInt(v);
    }
    return this;
  }

  public byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
