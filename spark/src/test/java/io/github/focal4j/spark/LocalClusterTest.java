package io.github.focal4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.models.inference.FloatTagger;
import io.github.focal4j.ner.data.Sentence;
import io.github.focal4j.ner.synth.SyntheticCorpusConfig;
import io.github.focal4j.ner.synth.SyntheticCorpusGenerator;
import io.github.focal4j.ner.tagging.EntitySpan;
import io.github.focal4j.ner.tagging.TextTagger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On {@code local-cluster[2,1,1024]}: two executor JVMs, so every closure, broadcast and result
 * really goes through serialization (which {@code local[*]} skips), and each executor loads the
 * model itself.
 *
 * <p>Spark starts executors from {@code SPARK_HOME/jars}; a Maven build has no Spark distribution,
 * so the test makes an empty Spark home (surefire sets {@code SPARK_HOME} to it) and gives the
 * executors the test class path with {@code spark.executor.extraClassPath}.
 */
class LocalClusterTest {

  static final String MASTER = "local-cluster[2,1,1024]";

  @TempDir static Path dir;

  private static SparkSession cluster;

  @BeforeAll
  static void start() throws Exception {
    SparkTests.model();
    SparkTests.stopSession();
    String home = System.getenv("SPARK_HOME");
    Files.createDirectories(Path.of(home, "jars"));
    Files.createDirectories(Path.of(home, "launcher", "target", "scala-2.13"));
    cluster =
        SparkSession.builder()
            .master(MASTER)
            .appName("focal4j-local-cluster-test")
            .config("spark.ui.enabled", "false")
            .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
            .config(
                "spark.executor.extraJavaOptions",
                "-Dlog4j2.configurationFile=log4j2-test.properties")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.stop();
    }
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }

  @Test
  void nerTaggerOnTwoExecutorJvmsEqualsTheLocalTagger() throws Exception {
    Path model = SparkTests.model();
    assertExecutorsTagAs(
        new NerTagger().setModelPath(model.toString()).setBatchSize(4),
        new TextTagger(TextTagger.loadModel(model)));
    // the work really ran in two other JVMs
    Set<String> executors = new TreeSet<>();
    for (var e : cluster.sparkContext().statusTracker().getExecutorInfos()) {
      executors.add(e.host() + ":" + e.port());
    }
    assertEquals(3, executors.size(), "driver and two executors: " + executors);
  }

  @Test
  void float32OnExecutorsEqualsTheLocalFloat32Tagger() throws Exception {
    // start() gives the executors no --add-modules: Spark 4 starts every JVM with the Vector API
    // (its launcher's module options), so float32 needs no setting on a cluster
    Path model = SparkTests.model();
    assertExecutorsTagAs(
        new NerTagger().setModelPath(model.toString()).setBatchSize(4).setPrecision("float32"),
        new TextTagger(FloatTagger.of(TextTagger.loadModel(model))));
  }

  /** Tags 40 synthetic texts on the executors and checks every span against {@code local}'s. */
  private static void assertExecutorsTagAs(NerTagger tagger, TextTagger local) {
    List<String> texts = new ArrayList<>();
    for (Sentence s :
        SyntheticCorpusGenerator.generate(SyntheticCorpusConfig.defaults().withSizes(10, 10, 40))
            .test()
            .sentences()) {
      texts.add(String.join(" ", s.tokens()));
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i)));
    }
    Dataset<Row> docs =
        cluster
            .createDataFrame(
                rows,
                new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType))
            .repartition(4);
    List<Row> out = tagger.transform(docs).orderBy("id").collectAsList();
    int entities = 0;
    for (Row r : out) {
      List<String> got = new ArrayList<>();
      for (Row s : r.<Row>getList(2)) {
        got.add(s.getInt(0) + "-" + s.getInt(1) + " " + s.getString(2) + " " + s.getString(3));
      }
      List<String> want = new ArrayList<>();
      for (EntitySpan e : local.tag(texts.get(r.getInt(0)))) {
        want.add(e.begin() + "-" + e.end() + " " + e.type() + " " + e.text());
      }
      assertEquals(want, got);
      entities += want.size();
    }
    assertEquals(texts.size(), out.size());
    assertTrue(entities > 10, "entities: " + entities);
  }

  @Test
  void distributedCompareOnTwoExecutorJvmsIsIdenticalToTheLocalRun() throws Exception {
    List<String> base =
        SparkTests.args(
            List.of("compare"),
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
            "--losses",
            "ce,focal(gamma=2)",
            "--seeds",
            "2");
    List<String> local = new ArrayList<>(base);
    local.addAll(List.of("--out", dir.resolve("local").toString()));
    List<String> spark = new ArrayList<>(base);
    spark.addAll(List.of("--out", dir.resolve("spark").toString(), "--spark", MASTER));
    SparkTests.Result l = SparkTests.cli(local);
    assertEquals(0, l.code(), l.toString());
    SparkTests.Result s = SparkTests.cli(spark);
    assertEquals(0, s.code(), s.toString());
    List<String> table = l.out().lines().filter(x -> x.startsWith("|")).toList();
    assertEquals(4, table.size(), l.out());
    assertEquals(table, s.out().lines().filter(x -> x.startsWith("|")).toList());
  }
}
