package io.github.focal4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate --predictions DIR|GLOB --spark: the local evaluator's report on the files concatenated.
 */
class SparkEvaluationTest {

  @TempDir Path dir;

  private static final String[] TAGS = {
    "O", "O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
    "I-PER", "B-ORG"
  };

  @BeforeAll
  static void session() {
    SparkTests.session();
  }

  /**
   * A conlleval file of random sentences: token, POS, gold, predicted (noisy gold), a blank line
   * after each.
   */
  private static String predictions(Random r, int sentences) {
    StringBuilder b = new StringBuilder();
    for (int s = 0; s < sentences; s++) {
      if (r.nextInt(10) == 0) {
        b.append("-DOCSTART- -X- O O\n\n");
      }
      int n = 1 + r.nextInt(12);
      for (int t = 0; t < n; t++) {
        String gold = TAGS[r.nextInt(TAGS.length)];
        String guess = r.nextInt(4) == 0 ? TAGS[r.nextInt(TAGS.length)] : gold;
        b.append("w")
            .append(r.nextInt(1000))
            .append(" NN ")
            .append(gold)
            .append(' ')
            .append(guess)
            .append('\n');
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Seven prediction files in {@code dir/set} and their concatenation in {@code dir/all.txt}. */
  private Path generate() throws Exception {
    Path set = Files.createDirectories(dir.resolve("set"));
    Random r = new Random(11);
    StringBuilder all = new StringBuilder();
    for (int f = 0; f < 7; f++) {
      String text = predictions(r, 20 + r.nextInt(60));
      Files.writeString(
          set.resolve(String.format("part-%02d.txt", f)), text, StandardCharsets.UTF_8);
      all.append(text);
    }
    Files.writeString(dir.resolve("all.txt"), all, StandardCharsets.UTF_8);
    return set;
  }

  @Test
  void directoryAndGlobGiveTheLocalReportOfTheConcatenation() throws Exception {
    Path set = generate();
    SparkTests.Result local =
        SparkTests.cli(List.of("evaluate", "--predictions", dir.resolve("all.txt").toString()));
    assertEquals(0, local.code(), local.toString());
    assertTrue(local.out().startsWith("processed "), local.out());
    SparkTests.Result d =
        SparkTests.cli(
            List.of("evaluate", "--predictions", set.toString(), "--spark", SparkTests.MASTER));
    assertEquals(0, d.code(), d.toString());
    assertEquals(local.out(), d.out());
    SparkTests.Result g =
        SparkTests.cli(
            List.of(
                "evaluate",
                "--predictions",
                set + "/part-0[0-4].txt",
                "--spark",
                SparkTests.MASTER,
                "--docstart",
                "sentence_boundary"));
    assertEquals(0, g.code(), g.toString());
    StringBuilder five = new StringBuilder();
    for (int f = 0; f < 5; f++) {
      five.append(Files.readString(set.resolve(String.format("part-%02d.txt", f))));
    }
    Files.writeString(dir.resolve("five.txt"), five);
    SparkTests.Result l5 =
        SparkTests.cli(
            List.of(
                "evaluate",
                "--predictions",
                dir.resolve("five.txt").toString(),
                "--docstart",
                "sentence_boundary"));
    assertEquals(l5.out(), g.out());
    assertTrue(!l5.out().equals(local.out()));
  }

  @Test
  void anIllFormedFileIsNamedWithItsLine() throws Exception {
    Path set = generate();
    List<String> lines = new ArrayList<>(Files.readAllLines(set.resolve("part-03.txt")));
    lines.set(4, "w1 NN B-PER");
    Files.write(set.resolve("part-03.txt"), lines);
    SparkTests.Result r =
        SparkTests.cli(
            List.of("evaluate", "--predictions", set.toString(), "--spark", SparkTests.MASTER));
    assertEquals(1, r.code(), r.toString());
    SparkTests.Result local =
        SparkTests.cli(List.of("evaluate", "--predictions", set.resolve("part-03.txt").toString()));
    assertEquals(1, local.code());
    assertEquals(local.err(), r.err(), "the same one line as the local evaluator");
    assertTrue(
        r.err()
            .startsWith(
                "ner-demo evaluate: " + set.resolve("part-03.txt") + ":5: expected 4 columns"),
        r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void nothingMatchingIsNoSuchFile() {
    SparkTests.Result r =
        SparkTests.cli(
            List.of(
                "evaluate",
                "--predictions",
                dir.resolve("none-*.txt").toString(),
                "--spark",
                SparkTests.MASTER));
    assertEquals(1, r.code(), r.toString());
    assertEquals("ner-demo evaluate: no such file: " + dir.resolve("none-*.txt") + "\n", r.err());
  }

  @Test
  void anotherMasterWhileASessionRunsIsOneClearLine() throws Exception {
    Path set = generate();
    SparkTests.session();
    SparkTests.Result r =
        SparkTests.cli(List.of("evaluate", "--predictions", set.toString(), "--spark", "local[1]"));
    assertEquals(1, r.code(), r.toString());
    assertEquals(
        "ner-demo evaluate: --spark local[1]: this JVM already runs a Spark session on local[2] (one"
            + " SparkContext per JVM)\n",
        r.err());
  }

  @Test
  void aBadMasterIsAUsageError() {
    SparkTests.Result r =
        SparkTests.cli(List.of("evaluate", "--predictions", "x.txt", "--spark", "local[two]"));
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err().startsWith("ner-demo evaluate: --spark local[two]: not a Spark master URL"),
        r.err());
  }
}
