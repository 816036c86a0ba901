package io.github.focal4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.focal4j.ner.tagging.EntitySpan;
import io.github.focal4j.ner.tagging.TextTagger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ner-demo tag --spark: text or Parquet in, JSON Lines or Parquet out, one row per document. */
class SparkTagCommandTest {

  @TempDir Path dir;

  private static SparkSession spark;
  private static Path model;
  private static TextTagger tagger;

  @BeforeAll
  static void setUp() throws Exception {
    spark = SparkTests.session();
    model = SparkTests.model();
    tagger = new TextTagger(TextTagger.loadModel(model));
  }

  private static List<String> documents() {
    List<String> docs = new ArrayList<>();
    for (io.github.focal4j.ner.data.Sentence s :
        io.github.focal4j.ner.synth.SyntheticCorpusGenerator.generate(
                io.github.focal4j.ner.synth.SyntheticCorpusConfig.defaults().withSizes(10, 10, 40))
            .test()
            .sentences()) {
      docs.add(String.join(" ", s.tokens()));
    }
    docs.add("");
    return docs;
  }

  /** {@code tag --spark MASTER} and {@code args}, through the CLI. */
  private static SparkTests.Result tagOnSpark(String... args) {
    List<String> all = new ArrayList<>(List.of("tag", "--spark", SparkTests.MASTER));
    all.addAll(List.of(args));
    return SparkTests.cli(all);
  }

  /** {@code tag --spark MASTER --model MODEL --input in --output out}, then {@code more}. */
  private static SparkTests.Result tagOnSpark(Path in, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--model", model.toString(), "--input", in.toString(), "--output", out.toString()));
    args.addAll(List.of(more));
    return tagOnSpark(args.toArray(new String[0]));
  }

  /**
   * Every document's entities in the JSON Lines under {@code out} are {@code tagger}'s, and there
   * are some.
   */
  private static void assertTaggedAs(List<String> docs, Path out, TextTagger tagger)
      throws Exception {
    Map<String, JsonArray> got = entitiesByText(out);
    int entities = 0;
    for (String d : docs) {
      assertEquals(expected(d, tagger), got.get(d), d);
      entities += got.get(d).size();
    }
    assertTrue(entities > 20, "entities: " + entities);
  }

  private static JsonArray expected(String text) {
    return expected(text, tagger);
  }

  /**
   * The JSON Lines output directory of {@code tag --spark}: each document's entities by its text.
   */
  private static Map<String, JsonArray> entitiesByText(Path out) throws Exception {
    Map<String, JsonArray> got = new HashMap<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          JsonObject o = JsonParser.parseString(line).getAsJsonObject();
          JsonElement text = o.get("text");
          got.put(text == null ? "" : text.getAsString(), o.getAsJsonArray("entities"));
        }
      }
    }
    return got;
  }

  private static JsonArray expected(String text, TextTagger tagger) {
    JsonArray a = new JsonArray();
    for (EntitySpan e : tagger.tag(text)) {
      JsonObject o = new JsonObject();
      o.addProperty("begin", e.begin());
      o.addProperty("end", e.end());
      o.addProperty("type", e.type());
      o.addProperty("text", e.text());
      a.add(o);
    }
    return a;
  }

  @Test
  void textFilesInJsonLinesOut() throws Exception {
    List<String> docs = documents();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.write(in.resolve("a.txt"), docs.subList(0, 25), StandardCharsets.UTF_8);
    Files.write(in.resolve("b.txt"), docs.subList(25, docs.size()), StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    SparkTests.Result r = tagOnSpark(in, out, "--batch-size", "7");
    assertEquals(0, r.code(), r.toString());
    assertEquals("tagged " + docs.size() + " documents; wrote " + out + "\n", r.out());
    assertTaggedAs(docs, out, tagger);
  }

  @Test
  void float32TagsAsTheFloat32TaggerDoes() throws Exception {
    List<String> docs = documents();
    Path in = dir.resolve("docs32.txt");
    Files.write(in, docs, StandardCharsets.UTF_8);
    Path out = dir.resolve("out32");
    SparkTests.Result r = tagOnSpark(in, out, "--precision", "float32");
    assertEquals(0, r.code(), r.toString());
    TextTagger float32 =
        new TextTagger(
            io.github.focal4j.models.inference.FloatTagger.of(TextTagger.loadModel(model)));
    assertTaggedAs(docs, out, float32);
  }

  @Test
  void parquetInParquetOut() throws Exception {
    List<String> docs = documents();
    Path in = dir.resolve("docs.parquet");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      rows.add(org.apache.spark.sql.RowFactory.create(i, docs.get(i)));
    }
    spark
        .createDataFrame(
            rows,
            new org.apache.spark.sql.types.StructType().add("id", "int").add("body", "string"))
        .write()
        .parquet(in.toString());
    Path out = dir.resolve("tagged.parquet");
    SparkTests.Result r = tagOnSpark(in, out, "--text-column", "body", "--format", "parquet");
    assertEquals(0, r.code(), r.toString());
    for (Row row : spark.read().parquet(out.toString()).orderBy("id").collectAsList()) {
      JsonArray a = new JsonArray();
      for (Row s : row.<Row>getList(2)) {
        JsonObject o = new JsonObject();
        o.addProperty("begin", s.getInt(0));
        o.addProperty("end", s.getInt(1));
        o.addProperty("type", s.getString(2));
        o.addProperty("text", s.getString(3));
        a.add(o);
      }
      assertEquals(expected(docs.get(row.getInt(0))), a);
    }
  }

  @Test
  void badInputIsOneLineAndTheRightExitCode() throws Exception {
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "Some text .\n");
    SparkTests.Result noModel =
        tagOnSpark(
            "--model",
            dir.resolve("missing").toString(),
            "--input",
            in.toString(),
            "--output",
            dir.resolve("o1").toString());
    assertEquals(1, noModel.code(), noModel.toString());
    assertEquals(
        "ner-demo tag: --model " + dir.resolve("missing") + ": no such file or directory\n",
        noModel.err());

    Files.createDirectories(dir.resolve("exists"));
    SparkTests.Result exists = tagOnSpark(in, dir.resolve("exists"));
    assertEquals(1, exists.code(), exists.toString());
    assertEquals("ner-demo tag: already exists: " + dir.resolve("exists") + "\n", exists.err());

    SparkTests.Result noOutput = tagOnSpark("--model", model.toString(), "--input", in.toString());
    assertEquals(2, noOutput.code(), noOutput.toString());

    SparkTests.Result tsv = tagOnSpark(in, dir.resolve("o2"), "--format", "tsv");
    assertEquals(2, tsv.code(), tsv.toString());
    assertTrue(
        tsv.err().contains("--format tsv: with --spark the output is jsonl or parquet"), tsv.err());

    SparkTests.Result local =
        SparkTests.cli(
            List.of(
                "tag",
                "--model",
                model.toString(),
                "--input",
                in.toString(),
                "--output",
                dir.resolve("o3").toString()));
    assertEquals(2, local.code(), local.toString());
    assertTrue(local.err().contains("--output goes with --spark"), local.err());
  }
}
