package io.github.focal4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    List<String> texts = new ArrayList<>();
    for (io.github.focal4j.ner.data.Sentence s :
        io.github.focal4j.ner.synth.SyntheticCorpusGenerator.generate(
                io.github.focal4j.ner.synth.SyntheticCorpusConfig.defaults().withSizes(10, 10, 40))
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
    Path model = SparkTests.model();
    List<Row> out =
        new NerTagger()
            .setModelPath(model.toString())
            .setBatchSize(4)
            .transform(docs)
            .orderBy("id")
            .collectAsList();
    io.github.focal4j.ner.tagging.TextTagger local =
        new io.github.focal4j.ner.tagging.TextTagger(
            io.github.focal4j.ner.tagging.TextTagger.loadModel(model));
    int entities = 0;
    for (Row r : out) {
      List<String> got = new ArrayList<>();
      for (Row s : r.<Row>getList(2)) {
        got.add(s.getInt(0) + "-" + s.getInt(1) + " " + s.getString(2) + " " + s.getString(3));
      }
      List<String> want = new ArrayList<>();
      for (io.github.focal4j.ner.tagging.EntitySpan e : local.tag(texts.get(r.getInt(0)))) {
        want.add(e.begin() + "-" + e.end() + " " + e.type() + " " + e.text());
      }
      assertEquals(want, got);
      entities += want.size();
    }
    assertEquals(texts.size(), out.size());
    assertTrue(entities > 10, "entities: " + entities);
    // the work really ran in two other JVMs
    Set<String> executors = new TreeSet<>();
    for (var e : cluster.sparkContext().statusTracker().getExecutorInfos()) {
      executors.add(e.host() + ":" + e.port());
    }
    assertEquals(3, executors.size(), "driver and two executors: " + executors);
  }

  @Test
  void float32OnExecutorsWithoutTheVectorApiFailsNamingTheFlag() throws Exception {
    // these executors start without --add-modules jdk.incubator.vector (see start())
    Dataset<Row> docs =
        cluster.createDataFrame(
            List.of(RowFactory.create(0, "Smith met Jones in Paris .")),
            new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType));
    NerTagger tagger =
        new NerTagger().setModelPath(SparkTests.model().toString()).setPrecision("float32");
    Exception e =
        org.junit.jupiter.api.Assertions.assertThrows(
            Exception.class, () -> tagger.transform(docs).collectAsList());
    assertTrue(
        String.valueOf(e.getMessage())
            .contains("NerTagger precision float32: float32 needs the Vector API"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector"),
        e.getMessage());
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
