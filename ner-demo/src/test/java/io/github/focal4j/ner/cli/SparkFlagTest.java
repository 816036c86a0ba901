package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code --spark} without the spark module on the class path (ner-demo alone): one line saying what
 * is missing, and a malformed master is a usage error before anything runs.
 */
class SparkFlagTest {

  private static final String MISSING =
      "--spark needs Focal4J's Spark module and Spark on the class path: run"
          + " focal4j-spark.jar with spark-submit, or with java and Spark's jars (see README, 'Scaling out')\n";

  @Test
  void withoutTheSparkModuleEachVerbSaysWhatIsMissing() {
    Cli.Result tag =
        Cli.run(
            "tag", "--spark", "local[2]", "--model", "m", "--input", "in.txt", "--output", "out");
    assertEquals(1, tag.code(), tag.toString());
    assertEquals("ner-demo tag: " + MISSING, tag.err());
    Cli.Result eval = Cli.run("evaluate", "--predictions", "dir", "--spark", "local[*]");
    assertEquals(1, eval.code(), eval.toString());
    assertEquals("ner-demo evaluate: " + MISSING, eval.err());
    Cli.Result compare =
        Cli.run(
            Cli.args(
                Cli.args(java.util.List.of("compare"), Cli.TINY_MODEL.toArray(new String[0])),
                "--synthetic-train",
                "32",
                "--synthetic-dev",
                "8",
                "--synthetic-test",
                "8",
                "--epochs",
                "1",
                "--losses",
                "ce",
                "--seeds",
                "1",
                "--no-progress",
                "--spark",
                "spark://host:7077"));
    assertEquals(1, compare.code(), compare.toString());
    assertEquals("ner-demo compare: " + MISSING, compare.err());
  }

  @Test
  void aMalformedMasterIsAUsageError() {
    Cli.Result r = Cli.run("compare", "--spark", "lokal[2]");
    assertEquals(2, r.code(), r.toString());
    assertEquals(
        "ner-demo compare: --spark lokal[2]: not a Spark master URL (local[N], local[*], spark://HOST:PORT,"
            + " yarn, k8s://URL) (see --help)\n",
        r.err());
  }
}
