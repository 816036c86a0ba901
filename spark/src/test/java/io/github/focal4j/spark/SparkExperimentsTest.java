package io.github.focal4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.focal4j.ner.cli.ExperimentPlans;
import io.github.focal4j.ner.experiment.RunPlan;
import io.github.focal4j.ner.experiment.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare and sweep with --spark local[2]: each run a task, the same tables as the local run. */
class SparkExperimentsTest {

  @TempDir Path dir;

  @BeforeAll
  static void session() {
    SparkTests.session();
  }

  private static List<String> tiny(String... command) {
    List<String> a =
        SparkTests.args(
            List.of(command),
            SparkTests.TINY_MODEL,
            "--synthetic-train",
            "96",
            "--synthetic-dev",
            "24",
            "--synthetic-test",
            "24",
            "--epochs",
            "1",
            "--no-progress",
            "--eval-every",
            "2",
            "--target-f1",
            "5");
    return a;
  }

  /** The table rows of a report (lines starting with '|'). */
  private static List<String> table(String markdown) {
    return markdown.lines().filter(l -> l.startsWith("|")).toList();
  }

  /**
   * The report JSON without what differs between two identical runs: wall times, the command line.
   */
  private static JsonElement stable(Path json) throws Exception {
    JsonElement e = JsonParser.parseString(Files.readString(json));
    strip(e);
    return e;
  }

  private static void strip(JsonElement e) {
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      for (String k : List.of("seconds", "tokens_per_second", "command")) {
        o.remove(k);
      }
      for (Map.Entry<String, JsonElement> c : o.entrySet()) {
        strip(c.getValue());
      }
    } else if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(SparkExperimentsTest::strip);
    }
  }

  @Test
  void distributedCompareTableIsIdenticalToTheLocalOne() throws Exception {
    List<String> base = tiny("compare");
    base.addAll(List.of("--losses", "ce,focal(gamma=2),soft(k=2)", "--seeds", "2"));
    List<String> local = new ArrayList<>(base);
    local.addAll(List.of("--out", dir.resolve("local").toString(), "--threads", "2"));
    List<String> spark = new ArrayList<>(base);
    spark.addAll(List.of("--out", dir.resolve("spark").toString(), "--spark", SparkTests.MASTER));

    SparkTests.Result l = SparkTests.cli(local);
    assertEquals(0, l.code(), l.toString());
    SparkTests.Result s = SparkTests.cli(spark);
    assertEquals(0, s.code(), s.toString());
    List<String> table = table(l.out());
    assertEquals(5, table.size(), l.out());
    assertEquals(table, table(s.out()));
    assertEquals(table, table(Files.readString(dir.resolve("spark/compare.md"))));
    assertEquals(
        stable(dir.resolve("local/compare.json")), stable(dir.resolve("spark/compare.json")));
    assertTrue(Files.size(dir.resolve("spark/compare.png")) > 0);
    assertTrue(s.out().contains("--spark 'local[2]'`"), s.out());
  }

  @Test
  void distributedSweepTableIsIdenticalToTheLocalOne() throws Exception {
    List<String> base = tiny("sweep", "gamma");
    base.addAll(List.of("--values", "0,2", "--seeds", "1"));
    List<String> local = new ArrayList<>(base);
    local.addAll(List.of("--out", dir.resolve("local").toString()));
    List<String> spark = new ArrayList<>(base);
    spark.addAll(List.of("--out", dir.resolve("spark").toString(), "--spark", SparkTests.MASTER));
    SparkTests.Result l = SparkTests.cli(local);
    assertEquals(0, l.code(), l.toString());
    SparkTests.Result s = SparkTests.cli(spark);
    assertEquals(0, s.code(), s.toString());
    assertTrue(table(l.out()).size() >= 6, l.out());
    assertEquals(table(l.out()), table(s.out()));
    assertEquals(
        stable(dir.resolve("local/sweep-gamma.json")),
        stable(dir.resolve("spark/sweep-gamma.json")));
  }

  @Test
  void aRunThatFailsIsReportedWithItsErrorAndTheOthersFinish() {
    // The driver's plans are those of one command line; the executors are given another whose
    // second
    // run differs (seed 7 instead of 2): that run fails on the executor, the first still trains.
    List<String> args = tiny("compare");
    args.addAll(List.of("--losses", "ce", "--seed-list", "1,2"));
    List<RunPlan> plans = ExperimentPlans.rebuild(args);
    List<String> other = tiny("compare");
    other.addAll(List.of("--losses", "ce", "--seed-list", "1,7"));
    List<RunSummary> runs = SparkExperimentsTest.all(other, plans);
    assertEquals(2, runs.size());
    assertTrue(!runs.get(0).failed() && runs.get(0).steps() > 0, runs.get(0).toString());
    assertTrue(runs.get(1).failed());
    assertEquals(
        "the executor planned run 1 as ce x=NaN seed 7, the driver as ce x=NaN seed 2 (are the data files"
            + " the same on every machine?)",
        runs.get(1).failure());
    assertEquals(2L, runs.get(1).seed());
  }

  @Test
  void anExceptionInARunIsThatRunsFailure() throws Exception {
    // The driver read the training file; by the time the executors look, it is gone: the run fails
    // with the reason instead of failing the job.
    Path train = dir.resolve("train.txt");
    io.github.focal4j.ner.data.ConllWriter.write(
        io.github.focal4j.ner.synth.SyntheticCorpusGenerator.generate(
                io.github.focal4j.ner.synth.SyntheticCorpusConfig.defaults().withSizes(64, 8, 8))
            .train(),
        train);
    List<String> args =
        SparkTests.args(
            List.of("compare"),
            SparkTests.TINY_MODEL,
            "--train",
            train.toString(),
            "--epochs",
            "1",
            "--losses",
            "ce",
            "--seeds",
            "1",
            "--no-progress");
    List<RunPlan> plans = ExperimentPlans.rebuild(args);
    Files.delete(train);
    List<RunSummary> runs = SparkExperimentsTest.all(args, plans);
    assertEquals(1, runs.size());
    assertTrue(runs.get(0).failed());
    assertTrue(runs.get(0).failure().contains("train.txt"), runs.get(0).failure());
  }

  /** Every plan through the backend, the summaries in plan order. */
  private static List<RunSummary> all(List<String> args, List<RunPlan> plans) {
    RunSummary[] out = new RunSummary[plans.size()];
    List<Integer> every = java.util.stream.IntStream.range(0, plans.size()).boxed().toList();
    new SparkBackend()
        .runExperiment(SparkTests.MASTER, args, plans, every, 5, (i, r) -> out[i] = r);
    return java.util.Arrays.asList(out);
  }
}
