package io.github.focal4j.ner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Our conlleval emulation against the real script: each {@code NNN-name.txt} under {@code
 * src/test/resources/conlleval} was scored by conlleval.pl (2004-01-26) into {@code
 * NNN-name.expected} by {@code ner-demo/tools/conlleval-goldens/GenerateGoldens.java}; our report
 * must equal it byte for byte.
 */
class ConllevalGoldenTest {

  private static List<Path> inputs() throws IOException, URISyntaxException {
    Path dir = Path.of(ConllevalGoldenTest.class.getResource("/conlleval").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> reportEqualsConllevalOutputByteForByte() throws Exception {
    List<Path> inputs = inputs();
    assertTrue(inputs.size() >= 40, "expected at least 40 goldens, found " + inputs.size());
    return inputs.stream()
        .map(
            input ->
                dynamicTest(
                    input.getFileName().toString(),
                    () -> {
                      Path expectedFile =
                          Path.of(input.toString().replaceFirst("\\.txt$", ".expected"));
                      byte[] expected = Files.readAllBytes(expectedFile);
                      EvaluationResult result = new ConllevalFileReader().evaluate(input);
                      byte[] actual =
                          ConllevalReport.format(result).getBytes(StandardCharsets.UTF_8);
                      assertEquals(
                          new String(expected, StandardCharsets.UTF_8),
                          new String(actual, StandardCharsets.UTF_8));
                      assertEquals(expected.length, actual.length);
                    }));
  }
}
