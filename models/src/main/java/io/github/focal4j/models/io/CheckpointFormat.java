package io.github.focal4j.models.io;

import com.google.common.base.Preconditions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The container format of Focal4J model files and training checkpoints, version {@value #VERSION}.
 *
 * <pre>
 *   offset  size  content (integers big-endian)
 *   0       8     magic 0x89 'F' '4' 'J' 'C' 'K' 'P' 'T'   (0x89 catches text-mode transfers, as in PNG)
 *   8       4     format version (int32), currently 1
 *   12      4     section count S (int32)
 *   16      ...   S sections, each: tag (4 ASCII bytes), payload length L (int64), L payload bytes
 *   end-32  32    SHA-256 of every byte before it
 * </pre>
 *
 * Sections of a model file ({@link ModelFile}): {@code CONF} the architecture, {@code WORD} the
 * word vocabulary, {@code CHAR} the character vocabulary, {@code TAGS} the tag set, {@code PARM}
 * the parameters. A training checkpoint adds {@code TRCF} (trainer configuration), {@code OPTM}
 * (optimizer state), {@code PROG} (epoch, step, position in the epoch, early-stopping state) and
 * optionally {@code BEST} (the best parameters so far). Payload encodings are written by {@link
 * SectionWriter}: strings are an int32 length of UTF-8 bytes then the bytes; doubles are IEEE-754
 * bits, so values round-trip exactly.
 *
 * <p>Readers check, in order: the file exists and is not empty; the magic; the version (a newer
 * version is refused by name); the section table fits in the file (else it is truncated); the
 * checksum (else it is corrupt). Any failure is a {@link CheckpointException} naming the file and
 * the problem.
 *
 * <p>Writes are atomic: the bytes go to a temporary file in the target's directory, which is forced
 * to disk, then moved over the target in one step, and the directory is synced; a crash leaves
 * either the old file or the new one, never a mix. The file gets the permissions of any newly
 * created file (the umask's), like a file written with {@code Files.write}.
 */
public final class CheckpointFormat {

  public static final int VERSION = 1;
  static final byte[] MAGIC = {(byte) 0x89, 'F', '4', 'J', 'C', 'K', 'P', 'T'};
  private static final int HEADER = 16;
  private static final int DIGEST = 32;
  private static final SecureRandom TEMP_NAMES = new SecureRandom();

  private CheckpointFormat() {}

  /**
   * Writes sections (tag → payload, in map order) to {@code path} atomically.
   *
   * @throws IllegalArgumentException for a tag that is not 4 ASCII characters
   */
  public static void write(Path path, Map<String, byte[]> sections) throws IOException {
    long size = HEADER + DIGEST;
    for (Map.Entry<String, byte[]> s : sections.entrySet()) {
      Preconditions.checkArgument(
          s.getKey().length() == 4 && s.getKey().chars().allMatch(c -> c > 32 && c < 127),
          "section tag must be 4 ASCII characters, got '%s'",
          s.getKey());
      size += 12 + s.getValue().length;
    }
    MessageDigest sha = sha256();
    Path target = path.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = createTemporary(dir, target.getFileName().toString());
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer head = ByteBuffer.allocate(HEADER);
        head.put(MAGIC).putInt(VERSION).putInt(sections.size()).flip();
        put(ch, sha, head);
        for (Map.Entry<String, byte[]> s : sections.entrySet()) {
          ByteBuffer sh = ByteBuffer.allocate(12);
          sh.put(s.getKey().getBytes(StandardCharsets.US_ASCII))
              .putLong(s.getValue().length)
              .flip();
          put(ch, sha, sh);
          put(ch, sha, ByteBuffer.wrap(s.getValue()));
        }
        ByteBuffer digest = ByteBuffer.wrap(sha.digest());
        while (digest.hasRemaining()) {
          ch.write(digest);
        }
        if (ch.size() != size) {
          throw new IOException(path + ": wrote " + ch.size() + " bytes, expected " + size);
        }
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException ignored) {
      // Not every file system lets a directory be opened and synced; the move itself is still
      // atomic.
    }
  }

  /**
   * A new empty file {@code .NAME.RANDOM.tmp} in {@code dir}, created like any new file
   * (permissions from the umask, e.g. 0644), not with the owner-only 0600 of {@code
   * Files.createTempFile}: it becomes the target.
   */
  private static Path createTemporary(Path dir, String name) throws IOException {
    while (true) {
      Path tmp =
          dir.resolve("." + name + "." + Long.toUnsignedString(TEMP_NAMES.nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        // another writer's temporary file: draw again
      }
    }
  }

  private static void put(FileChannel ch, MessageDigest sha, ByteBuffer b) throws IOException {
    sha.update(b.duplicate());
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /**
   * Reads and verifies a file; returns its sections (tag → payload) in file order.
   *
   * @throws CheckpointException if the file is missing, empty, foreign, of a newer version,
   *     truncated or corrupt
   */
  public static Map<String, byte[]> read(Path path) throws IOException {
    long size;
    try {
      size = Files.size(path);
    } catch (NoSuchFileException e) {
      throw new CheckpointException(path, "no such file", e);
    }
    if (Files.isDirectory(path)) {
      throw new CheckpointException(path, "is a directory, not a checkpoint file");
    }
    if (size == 0) {
      throw new CheckpointException(path, "is empty (0 bytes), not a checkpoint");
    }
    byte[] head = new byte[(int) Math.min(size, HEADER)];
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.wrap(head);
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // fill
      }
    }
    int m = Math.min(head.length, MAGIC.length);
    if (!Arrays.equals(head, 0, m, MAGIC, 0, m)) {
      throw new CheckpointException(
          path,
          "is not a Focal4J checkpoint (it starts with 0x"
              + HexFormat.of().formatHex(head, 0, m)
              + ", expected 0x"
              + HexFormat.of().formatHex(MAGIC)
              + ")");
    }
    if (size < HEADER) {
      throw new CheckpointException(
          path, "is truncated (" + size + " bytes, the header alone needs " + HEADER + ")");
    }
    ByteBuffer hb = ByteBuffer.wrap(head);
    hb.position(MAGIC.length);
    int version = hb.getInt();
    int count = hb.getInt();
    if (version > VERSION) {
      throw new CheckpointException(
          path,
          "was written in format version "
              + version
              + ", newer than this build reads (version "
              + VERSION
              + "); use a newer Focal4J");
    }
    if (version < 1) {
      throw new CheckpointException(path, "has an invalid format version " + version);
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new CheckpointException(path, "is too large (" + size + " bytes) to be a checkpoint");
    }
    byte[] all = Files.readAllBytes(path);
    ByteBuffer in = ByteBuffer.wrap(all);
    in.position(HEADER);
    if (count < 0) {
      throw new CheckpointException(path, "has a negative section count " + count + " (corrupt)");
    }
    Map<String, Integer> starts = new LinkedHashMap<>();
    Map<String, Integer> lengths = new LinkedHashMap<>();
    long body = (long) all.length - DIGEST;
    for (int s = 0; s < count; s++) {
      if (in.position() + 12 > body) {
        throw new CheckpointException(
            path,
            "is truncated: section "
                + (s + 1)
                + " of "
                + count
                + " starts past the end ("
                + all.length
                + " bytes)");
      }
      byte[] tag = new byte[4];
      in.get(tag);
      long len = in.getLong();
      if (len < 0 || in.position() + len > body) {
        throw new CheckpointException(
            path,
            "is truncated: section '"
                + new String(tag, StandardCharsets.US_ASCII)
                + "' declares "
                + len
                + " bytes but the file has "
                + all.length
                + " in all");
      }
      String name = new String(tag, StandardCharsets.US_ASCII);
      starts.put(name, in.position());
      lengths.put(name, (int) len);
      in.position(in.position() + (int) len);
    }
    if (in.position() != body) {
      throw new CheckpointException(
          path,
          "has "
              + (body - in.position())
              + " unexpected bytes after its sections"
              + (body < in.position() ? " (truncated)" : " (corrupt)"));
    }
    MessageDigest sha = sha256();
    sha.update(all, 0, (int) body);
    if (!Arrays.equals(sha.digest(), Arrays.copyOfRange(all, (int) body, all.length))) {
      throw new CheckpointException(path, "fails its SHA-256 checksum: the file is corrupt");
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    starts.forEach(
        (name, start) -> out.put(name, Arrays.copyOfRange(all, start, start + lengths.get(name))));
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
