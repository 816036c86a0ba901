package io.github.focal4j.models.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.models.Objective;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TestLosses;
import io.github.focal4j.models.TinyCorpus;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import io.github.focal4j.models.training.Trainer;
import io.github.focal4j.models.training.TrainerConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The checkpoint loader under fuzzing: arbitrary bytes, bytes with a valid header and checksum
 * around a random section table, and valid model files and training checkpoints whose section
 * payloads are mutated and then re-sealed with a correct checksum (so the mutations reach the
 * section parsers, not just the checksum). {@link ModelFile#load} and {@link Trainer#resume} must
 * load the file or throw {@link CheckpointException}; any other exception (a buffer underflow, an
 * out-of-memory from a size field claiming gigabytes, an IllegalArgumentException from a
 * constructor) fails.
 *
 * <p>Tries: {@code jqwik.tries.default} (200 in {@code mvn verify}); the long run is in
 * docs/RELIABILITY.md.
 */
class CheckpointFuzzTest {

  private static final String[] TAGS = {
    "CONF", "WORD", "CHAR", "TAGS", "PARM", "TRCF", "OPTM", "PROG", "BEST"
  };
  private static final int[] SPECIAL_INTS = {
    0, 1, -1, 2, 7, 255, 0x10000, 0x40000000, Integer.MAX_VALUE, Integer.MIN_VALUE
  };

  private static Path dir;
  private static Map<String, byte[]> checkpoint;
  private static final Objective OBJECTIVE = Objective.tokenLoss(TestLosses.CROSS_ENTROPY);

  /**
   * A real training checkpoint (model sections plus TRCF, OPTM, PROG and BEST) of a tiny softmax
   * model.
   */
  @BeforeContainer
  static void writeCheckpoint() throws IOException {
    dir = Files.createTempDirectory("checkpoint-fuzz");
    List<Sentence> data = TinyCorpus.sentences(12, 5);
    Encoder encoder = Encoder.builder().lowercaseWords().fit(data);
    TokenClassifier model =
        TokenClassifier.create(TinyCorpus.smallConfig(), encoder, new RandomSource(3));
    Path file = dir.resolve("seed.ckpt");
    new Trainer(model, OBJECTIVE, TrainerConfig.builder().epochs(1).batchSize(4).seed(3).build())
        .threads(1)
        .checkpointTo(file)
        .fit(data, (m, epoch) -> 0.5);
    checkpoint = CheckpointFormat.read(file);
    assertTrue(checkpoint.containsKey("BEST"), checkpoint.keySet().toString());
  }

  @AfterContainer
  static void removeFiles() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Loads {@code bytes} both ways; anything but success or a CheckpointException naming the file
   * fails.
   */
  private static void loadOrReject(byte[] bytes) throws IOException {
    Path p = Files.write(dir.resolve("fuzz.ckpt"), bytes);
    for (int way = 0; way < 2; way++) {
      try {
        if (way == 0) {
          ModelFile.load(p);
        } else {
          Trainer.resume(p, OBJECTIVE);
        }
      } catch (CheckpointException e) {
        assertEquals(p, e.file());
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
      }
    }
  }

  // ------------------------------------------------------------------ arbitrary bytes

  @Property
  void arbitraryBytesAreRejected(@ForAll("headerish") byte[] bytes) throws IOException {
    Path p = Files.write(dir.resolve("fuzz.ckpt"), bytes);
    assertThrows(CheckpointException.class, () -> ModelFile.load(p));
    assertThrows(CheckpointException.class, () -> Trainer.resume(p, OBJECTIVE));
  }

  /** Raw bytes, often behind the magic and a version, so that the later checks are reached too. */
  @Provide
  Arbitrary<byte[]> headerish() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
    Arbitrary<byte[]> afterMagic =
        Combinators.combine(Arbitraries.of(0, 1, 2, -1), raw)
            .as(
                (version, rest) ->
                    ByteBuffer.allocate(12 + rest.length)
                        .put(CheckpointFormat.MAGIC)
                        .putInt(version)
                        .put(rest)
                        .array());
    return Arbitraries.oneOf(raw, afterMagic);
  }

  /**
   * A header, a random section table and body, and a correct SHA-256: the table parser sees it all.
   */
  @Property
  void sealedRandomSectionTablesLoadOrAreRejected(@ForAll("sectionTables") byte[] body)
      throws IOException {
    loadOrReject(seal(body));
  }

  @Provide
  Arbitrary<byte[]> sectionTables() {
    Arbitrary<byte[]> entry =
        Combinators.combine(
                Arbitraries.of(TAGS),
                Arbitraries.oneOf(
                    Arbitraries.of(0L, 4L, 8L, 12L, 1L << 31, (1L << 31) - 1, -1L, Long.MAX_VALUE),
                    Arbitraries.longs().between(0, 64)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(48))
            .as(
                (tag, length, payload) ->
                    ByteBuffer.allocate(12 + payload.length)
                        .put(tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .putLong(length)
                        .put(payload)
                        .array());
    return Combinators.combine(
            Arbitraries.oneOf(
                Arbitraries.of(Arrays.stream(SPECIAL_INTS).boxed().toList()),
                Arbitraries.integers().between(0, 9)),
            entry.list().ofMaxSize(6))
        .as(
            (count, entries) -> {
              ByteBuffer b =
                  ByteBuffer.allocate(16 + entries.stream().mapToInt(e -> e.length).sum());
              b.put(CheckpointFormat.MAGIC).putInt(CheckpointFormat.VERSION).putInt(count);
              entries.forEach(b::put);
              return b.array();
            });
  }

  // ------------------------------------------------------------------ mutated valid checkpoints

  /** One edit of a section payload. */
  record Edit(String tag, int kind, int position, int value, byte[] bytes) {
    Map<String, byte[]> applyTo(Map<String, byte[]> sections) {
      Map<String, byte[]> out = new LinkedHashMap<>(sections);
      byte[] p = out.get(tag).clone();
      int at = p.length == 0 ? 0 : Math.floorMod(position, p.length + 1);
      switch (kind) {
        case 0 -> { // overwrite 4 bytes with a special int (sizes, counts, booleans, string
          // lengths)
          if (p.length >= 4) {
            ByteBuffer.wrap(p)
                .putInt(
                    Math.min(at, p.length - 4),
                    SPECIAL_INTS[Math.floorMod(value, SPECIAL_INTS.length)]);
          }
        }
        case 1 -> { // flip a bit
          if (p.length > 0) {
            p[at % p.length] ^= (byte) (1 << Math.floorMod(value, 8));
          }
        }
        case 2 -> p = Arrays.copyOf(p, at); // truncate
        case 3 -> { // insert bytes
          byte[] q = new byte[p.length + bytes.length];
          System.arraycopy(p, 0, q, 0, at);
          System.arraycopy(bytes, 0, q, at, bytes.length);
          System.arraycopy(p, at, q, at + bytes.length, p.length - at);
          p = q;
        }
        case 4 -> { // drop the section
          out.remove(tag);
          return out;
        }
        default -> { // overwrite 8 bytes with a special double (NaN, infinities, huge) or long
          if (p.length >= 8) {
            double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, -1, 0, 1e308, -0.0};
            ByteBuffer.wrap(p)
                .putDouble(
                    Math.min(at, p.length - 8), specials[Math.floorMod(value, specials.length)]);
          }
        }
      }
      out.put(tag, p);
      return out;
    }
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.of(TAGS),
                Arbitraries.integers().between(0, 5),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 64), Arbitraries.integers()),
                Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
            .as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(3);
  }

  @Property
  void mutatedCheckpointsLoadOrAreRejected(@ForAll("edits") List<Edit> edits) throws IOException {
    Map<String, byte[]> sections = checkpoint;
    for (Edit e : edits) {
      if (sections.containsKey(e.tag())) {
        sections = e.applyTo(sections);
      }
    }
    loadOrReject(seal(container(sections)));
  }

  @Example
  void theFuzzersContainerIsTheFormatsOwn() throws IOException {
    Path p = dir.resolve("same.ckpt");
    CheckpointFormat.write(p, checkpoint);
    assertTrue(Arrays.equals(Files.readAllBytes(p), seal(container(checkpoint))));
  }

  // ------------------------------------------------------------------ size fields claiming
  // gigabytes

  @Example
  void aSectionLengthClaimingTwoGigabytesIsRejectedBeforeAllocation() throws IOException {
    byte[] body =
        ByteBuffer.allocate(16 + 12 + 8)
            .put(CheckpointFormat.MAGIC)
            .putInt(1)
            .putInt(1)
            .put("PARM".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .putLong(1L << 31)
            .putLong(0)
            .array();
    Path p = Files.write(dir.resolve("huge.ckpt"), seal(body));
    CheckpointException e = assertThrows(CheckpointException.class, () -> ModelFile.load(p));
    assertTrue(e.problem().contains("declares 2147483648 bytes"), e.problem());
  }

  @Example
  void aConfigurationClaimingGigabytesOfParametersIsRejectedBeforeAllocation() throws IOException {
    // each fits the 2^31 elements of a tensor but needs gigabytes: 17 words x 2^24, 2^24 x 2^24
    // LSTM weights
    for (int field : new int[] {0, 24, 28}) { // wordDim, casingDim, hiddenSize
      Map<String, byte[]> sections = new LinkedHashMap<>(checkpoint);
      byte[] conf = sections.get("CONF").clone();
      ByteBuffer.wrap(conf).putInt(field, 1 << 24);
      sections.put("CONF", conf);
      Path p = dir.resolve("big.ckpt");
      CheckpointFormat.write(p, sections);
      CheckpointException e = assertThrows(CheckpointException.class, () -> ModelFile.load(p));
      assertTrue(e.problem().contains("parameters"), e.problem());
    }
  }

  @Example
  void aStringCountClaimingBillionsIsRejectedBeforeAllocation() throws IOException {
    Map<String, byte[]> sections = new LinkedHashMap<>(checkpoint);
    byte[] words = sections.get("WORD").clone();
    ByteBuffer.wrap(words)
        .putInt(4, Integer.MAX_VALUE); // after the lower-case flag: the token count
    sections.put("WORD", words);
    Path p = dir.resolve("words.ckpt");
    CheckpointFormat.write(p, sections);
    CheckpointException e = assertThrows(CheckpointException.class, () -> ModelFile.load(p));
    assertTrue(e.problem().contains("declares 2147483647 elements"), e.problem());
  }

  /**
   * The bytes {@link CheckpointFormat#write} writes before the checksum (built here to spare the
   * fuzz loop its fsync): header, then tag, length and payload of each section.
   */
  private static byte[] container(Map<String, byte[]> sections) {
    ByteBuffer b =
        ByteBuffer.allocate(16 + sections.values().stream().mapToInt(p -> 12 + p.length).sum());
    b.put(CheckpointFormat.MAGIC).putInt(CheckpointFormat.VERSION).putInt(sections.size());
    sections.forEach(
        (tag, payload) ->
            b.put(tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putLong(payload.length)
                .put(payload));
    return b.array();
  }

  /** {@code body} followed by its SHA-256, as {@link CheckpointFormat} seals a file. */
  private static byte[] seal(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      byte[] out = Arrays.copyOf(body, body.length + digest.length);
      System.arraycopy(digest, 0, out, body.length, digest.length);
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
