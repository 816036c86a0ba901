package io.github.focal4j.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TagConstraints;
import io.github.focal4j.models.TinyCorpus;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

  @TempDir Path dir;

  private final List<Sentence> data = TinyCorpus.sentences(10, 3);
  private final Encoder encoder = Encoder.builder().lowercaseWords().fit(data);

  private Path saved() throws Exception {
    TokenClassifier m =
        TokenClassifier.create(
            TinyCorpus.smallConfig().toBuilder().crfHead(TagConstraints.BIO).build(),
            encoder,
            new RandomSource(9));
    Path p = dir.resolve("model.f4j");
    ModelFile.save(m, p);
    return p;
  }

  @Test
  void featuresThatAreOffAreZerosInTheFileAndEmptyInTheConfiguration() throws Exception {
    TokenClassifier m =
        TokenClassifier.create(
            TinyCorpus.smallConfig().toBuilder().noCharFeatures().noCasingFeature().build(),
            encoder,
            new RandomSource(9));
    Map<String, byte[]> sections = ModelFile.sections(m);
    ByteBuffer conf = ByteBuffer.wrap(sections.get("CONF"));
    conf.position(3 * 4); // wordDim, lowercaseWords (an int32), minWordCount
    int[] charDimFiltersWidthCasing = {conf.getInt(), conf.getInt(), conf.getInt(), conf.getInt()};
    assertArrayEquals(new int[4], charDimFiltersWidthCasing); // the layout of the first model files
    Path p = dir.resolve("plain.f4j");
    ModelFile.save(m, p);
    TokenClassifier back = ModelFile.load(p);
    assertTrue(back.config().charFeatures().isEmpty());
    assertTrue(back.config().casingDim().isEmpty());
    assertEquals(m.config(), back.config());
    // and a file with features on reads them back as present
    TokenClassifier rich = ModelFile.load(saved());
    assertEquals(
        Optional.of(new TokenClassifierConfig.CharFeatures(4, 5, 3)), rich.config().charFeatures());
    assertEquals(OptionalInt.of(2), rich.config().casingDim());
  }

  @Test
  void wordDropoutIsWrittenOnlyWhenOnAndReadBack() throws Exception {
    TokenClassifierConfig off = TinyCorpus.smallConfig();
    TokenClassifierConfig on = off.toBuilder().wordDropout(0.05).build();
    byte[] offConf =
        ModelFile.sections(TokenClassifier.create(off, encoder, new RandomSource(9))).get("CONF");
    byte[] onConf =
        ModelFile.sections(TokenClassifier.create(on, encoder, new RandomSource(9))).get("CONF");
    assertEquals(
        offConf.length + 8,
        onConf.length,
        "the first files' layout when off, one double more when on");
    assertArrayEquals(offConf, Arrays.copyOf(onConf, offConf.length));
    assertEquals(0.05, ByteBuffer.wrap(onConf, offConf.length, 8).getDouble());
    Path p = dir.resolve("wd.f4j");
    ModelFile.save(TokenClassifier.create(on, encoder, new RandomSource(9)), p);
    assertEquals(on, ModelFile.load(p).config());
    assertEquals(0.0, ModelFile.load(saved()).config().wordDropout());
  }

  @Test
  void roundTripsConfigVocabulariesAndParametersExactly() throws Exception {
    TokenClassifier m =
        TokenClassifier.create(
            TinyCorpus.smallConfig().toBuilder().crfHead(TagConstraints.BIO).build(),
            encoder,
            new RandomSource(9));
    Path p = dir.resolve("sub/model.f4j");
    ModelFile.save(m, p);
    TokenClassifier back = ModelFile.load(p);
    assertEquals(m.config(), back.config());
    assertEquals(m.encoder().words(), back.encoder().words());
    assertEquals(m.encoder().chars(), back.encoder().chars());
    assertEquals(m.encoder().tags(), back.encoder().tags());
    assertEquals(m.namedParameters().keySet(), back.namedParameters().keySet());
    m.namedParameters()
        .forEach(
            (n, t) ->
                assertArrayEquals(t.toArray(), back.namedParameters().get(n).toArray(), 0.0, n));
    List<List<String>> tokens = data.stream().map(Sentence::tokens).toList();
    assertEquals(m.predict(tokens), back.predict(tokens));
    try (Stream<Path> files = Files.list(p.getParent())) {
      assertEquals(List.of(p), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void savedFilesHaveThePermissionsOfANewFileNotOwnerOnly() throws Exception {
    Assumptions.assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX only");
    Path plain = Files.createFile(dir.resolve("plain.txt")); // what the umask gives any new file
    Path model = saved();
    assertEquals(
        PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(model)));
    assertTrue(Files.getPosixFilePermissions(model).contains(PosixFilePermission.OWNER_WRITE));
    // rewriting over an existing file keeps it that way
    saved();
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(model));
  }

  private String failure(Path p) {
    CheckpointException e = assertThrows(CheckpointException.class, () -> ModelFile.load(p));
    assertEquals(p, e.file());
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    return e.problem();
  }

  @Test
  void emptyFileIsRejectedByName() throws Exception {
    Path p = Files.createFile(dir.resolve("empty.f4j"));
    assertTrue(failure(p).contains("empty (0 bytes)"));
    assertTrue(failure(dir.resolve("missing.f4j")).contains("no such file"));
  }

  @Test
  void truncatedFilesAreRejectedAtEveryLength() throws Exception {
    byte[] all = Files.readAllBytes(saved());
    Path p = dir.resolve("cut.f4j");
    for (int len : new int[] {3, 12, 20, 200, all.length / 2, all.length - 33, all.length - 1}) {
      Files.write(p, Arrays.copyOf(all, len));
      String problem = failure(p);
      assertTrue(
          problem.contains("truncated") || problem.contains("checksum"), len + ": " + problem);
    }
  }

  @Test
  void everyBitFlipIsCaught() throws Exception {
    byte[] all = Files.readAllBytes(saved());
    Path p = dir.resolve("flip.f4j");
    for (int pos = 16; pos < all.length; pos += Math.max(1, all.length / 97)) {
      byte[] bad = all.clone();
      bad[pos] ^= (byte) (1 << (pos % 8));
      Files.write(p, bad);
      failure(p);
    }
    byte[] bad = all.clone();
    bad[all.length / 2] ^= 4;
    Files.write(p, bad);
    assertTrue(failure(p).contains("SHA-256"));
  }

  @Test
  void foreignAndFutureFilesAreRejectedByName() throws Exception {
    Path p = dir.resolve("foreign.f4j");
    Files.writeString(p, "PK\u0003\u0004 this is a zip, or a text file, anyway not ours");
    assertTrue(failure(p).contains("not a Focal4J checkpoint"));
    byte[] all = Files.readAllBytes(saved());
    ByteBuffer.wrap(all).putInt(8, 7);
    Files.write(p, all);
    String problem = failure(p);
    assertTrue(problem.contains("version 7") && problem.contains("newer"), problem);
  }

  @Test
  void wellFormedFileWithWrongContentIsNamed() throws Exception {
    Map<String, byte[]> sections = new LinkedHashMap<>(CheckpointFormat.read(saved()));
    sections.remove("PARM");
    Path p = dir.resolve("noparams.f4j");
    CheckpointFormat.write(p, sections);
    assertTrue(failure(p).contains("no 'PARM' section"));
    sections = new LinkedHashMap<>(CheckpointFormat.read(saved()));
    sections.put("CONF", new SectionWriter().writeInt(-5).toByteArray());
    CheckpointFormat.write(p, sections);
    assertTrue(failure(p).contains("section 'CONF'"));
  }
}
