package io.github.focal4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.focal4j.models.inference.FloatTagger;
import io.github.focal4j.ner.tagging.EntitySpan;
import io.github.focal4j.ner.tagging.TextTagger;
import io.github.focal4j.ner.text.SimpleTokenizer;
import io.github.focal4j.ner.text.TokenSpan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NerTagger on local[2]: the spans of {@code ner-demo tag --format jsonl}, row for row. */
class NerTaggerTest {

  @TempDir static Path dir;

  private static SparkSession spark;
  private static Path model;

  /**
   * Documents: sentences of the synthetic generator's test split (the model knows its entities)
   * joined into texts of one to five sentences, with a paragraph break, a long text, a tricky
   * tokenization, Unicode, white space and nothing at all.
   */
  private static final List<String> TEXTS = texts();

  private static List<String> texts() {
    List<String> sentences = new ArrayList<>();
    for (io.github.focal4j.ner.data.Sentence s :
        io.github.focal4j.ner.synth.SyntheticCorpusGenerator.generate(
                io.github.focal4j.ner.synth.SyntheticCorpusConfig.defaults().withSizes(10, 10, 120))
            .test()
            .sentences()) {
      sentences.add(String.join(" ", s.tokens()));
    }
    List<String> t = new ArrayList<>();
    int at = 0;
    for (int n = 1; at + n <= 60; n = n % 5 + 1) {
      t.add(String.join(n % 2 == 0 ? "\n\n" : " ", sentences.subList(at, at + n)));
      at += n;
    }
    t.add("");
    t.add("   \n  ");
    t.add("Acme Corp. hired J. Smith from the U.S. office in London on Jan. 5, didn't it?");
    t.add("Müller met Łukasz in Kraków. " + sentences.get(at));
    t.add(String.join(" ", sentences.subList(60, 120))); // one long text: 60 sentences
    return t;
  }

  @BeforeAll
  static void setUp() throws Exception {
    spark = SparkTests.session();
    model = SparkTests.model();
  }

  private static Dataset<Row> documents(List<String> texts, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i)));
    }
    rows.add(RowFactory.create(texts.size(), null));
    StructType schema =
        new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
    return spark.createDataFrame(rows, schema).repartition(partitions);
  }

  /** The spans of a row's output column as CLI-style JSON (without the sentence index). */
  private static List<String> spans(Row row, String column) {
    List<String> out = new ArrayList<>();
    for (Row s : row.<Row>getList(row.fieldIndex(column))) {
      out.add(json(s.getInt(0), s.getInt(1), s.getString(2), s.getString(3)));
    }
    return out;
  }

  /** A span as CLI-style JSON (without the sentence index). */
  private static String json(int begin, int end, String type, String text) {
    JsonObject o = new JsonObject();
    o.addProperty("begin", begin);
    o.addProperty("end", end);
    o.addProperty("type", type);
    o.addProperty("text", text);
    return o.toString();
  }

  /** {@code ner-demo tag --format jsonl --precision float64} on one text, without "sentence". */
  private static List<String> cliSpans(String text) throws Exception {
    Path in = Files.createTempFile(dir, "doc", ".txt");
    Files.writeString(in, text, StandardCharsets.UTF_8);
    SparkTests.Result r =
        SparkTests.cli(
            List.of(
                "tag",
                "--model",
                model.toString(),
                "--input",
                in.toString(),
                "--format",
                "jsonl",
                "--precision",
                "float64"));
    assertEquals(0, r.code(), r.toString());
    List<String> out = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        o.remove("sentence");
        out.add(o.toString());
      }
    }
    return out;
  }

  private static List<Row> byId(Dataset<Row> d) {
    return d.orderBy("id").collectAsList();
  }

  @Test
  void outputEqualsTheJsonlOfTagRowForRow() throws Exception {
    NerTagger tagger =
        new NerTagger()
            .setModelPath(model.toString())
            .setInputCol("text")
            .setOutputCol("entities")
            .setBatchSize(3);
    List<Row> rows = byId(tagger.transform(documents(TEXTS, 3)));
    assertEquals(TEXTS.size() + 1, rows.size());
    int entities = 0;
    for (int i = 0; i < TEXTS.size(); i++) {
      List<String> expected = cliSpans(TEXTS.get(i));
      assertEquals(expected, spans(rows.get(i), "entities"), "document " + i + ": " + TEXTS.get(i));
      assertEquals(TEXTS.get(i), rows.get(i).getString(1), "the input column is kept");
      entities += expected.size();
    }
    assertTrue(
        entities > 40, "the model finds entities (else this test proves little): " + entities);
    assertEquals(List.of(), spans(rows.get(TEXTS.size()), "entities"), "null text: no entities");
  }

  @Test
  void float32OutputEqualsTheFloat32TaggersSpans() throws Exception {
    NerTagger tagger =
        new NerTagger().setModelPath(model.toString()).setPrecision("float32").setBatchSize(5);
    assertEquals("float32", tagger.getPrecision());
    List<Row> rows = byId(tagger.transform(documents(TEXTS, 3)));
    assertTrue(ModelBytes.float32Count() >= 1, "tagged by a float32 tagger");
    // what 'tag --precision float32' tags with
    TextTagger float32 = new TextTagger(FloatTagger.of(TextTagger.loadModel(model)));
    int entities = 0;
    for (int i = 0; i < TEXTS.size(); i++) {
      List<String> expected = new ArrayList<>();
      for (EntitySpan e : float32.tag(TEXTS.get(i))) {
        expected.add(json(e.begin(), e.end(), e.type(), e.text()));
      }
      assertEquals(expected, spans(rows.get(i), "entities"), "document " + i + ": " + TEXTS.get(i));
      entities += expected.size();
    }
    assertTrue(entities > 40, "entities: " + entities);
  }

  @Test
  void precisionIsFloat64OrFloat32AndFloat32NamesTheFlagItNeeds() {
    assertEquals("float64", new NerTagger().getPrecision());
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> new NerTagger().setPrecision("float16"));
    assertTrue(bad.getMessage().contains("precision"), bad.getMessage());
    NerTagger.requireFloat32(java.util.Optional.empty());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> NerTagger.requireFloat32(java.util.Optional.of("no Vector API here")));
    assertEquals(
        "NerTagger precision float32: no Vector API here (on a cluster, for the executors:"
            + " spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector)",
        e.getMessage());
  }

  @Test
  void batchSizeAndPartitioningDoNotChangeTheOutput() {
    Dataset<Row> docs = documents(TEXTS, 1);
    List<List<String>> reference = new ArrayList<>();
    for (Row r :
        byId(new NerTagger().setModelPath(model.toString()).setBatchSize(1).transform(docs))) {
      reference.add(spans(r, "entities"));
    }
    List<List<String>> other = new ArrayList<>();
    for (Row r :
        byId(
            new NerTagger()
                .setModelPath(model.toString())
                .setBatchSize(64)
                .transform(documents(TEXTS, 4)))) {
      other.add(spans(r, "entities"));
    }
    assertEquals(reference, other);
  }

  @Test
  void tokenColumnIsOnePreTokenizedSentence() throws Exception {
    String text = TEXTS.get(0);
    List<String> tokens =
        new SimpleTokenizer().tokenize(text).stream().map(TokenSpan::text).toList();
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("tokens", DataTypes.createArrayType(DataTypes.StringType));
    List<Row> rows =
        List.of(
            RowFactory.create(0, scala.jdk.javaapi.CollectionConverters.asScala(tokens).toSeq()),
            RowFactory.create(1, null),
            RowFactory.create(
                2,
                scala.jdk.javaapi.CollectionConverters.asScala(
                        Arrays.asList(tokens.get(0), null, ""))
                    .toSeq()));
    List<Row> out =
        byId(
            new NerTagger()
                .setModelPath(model.toString())
                .setInputCol("tokens")
                .transform(spark.createDataFrame(rows, schema)));
    List<EntitySpan> expected =
        new TextTagger(TextTagger.loadModel(model)).tagTokens(List.of(tokens)).get(0);
    List<String> e = new ArrayList<>();
    for (EntitySpan s : expected) {
      e.add(
          String.format(
              "{\"begin\":%d,\"end\":%d,\"type\":\"%s\",\"text\":\"%s\"}",
              s.begin(), s.end(), s.type(), s.text()));
    }
    assertFalse(e.isEmpty(), "the model finds entities in " + text);
    assertEquals(e, spans(out.get(0), "entities"));
    assertEquals(List.of(), spans(out.get(1), "entities"));
    assertEquals(
        cliSpans(tokens.get(0)),
        spans(out.get(2), "entities"),
        "null and empty tokens are dropped");
  }

  @Test
  void wrongColumnTypeIsAnIllegalArgumentNamingColumnAndType() {
    Dataset<Row> d =
        spark.createDataFrame(
            List.of(RowFactory.create(1, 2.0)),
            new StructType().add("text", DataTypes.IntegerType).add("score", DataTypes.DoubleType));
    NerTagger t = new NerTagger().setModelPath(model.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.transform(d));
    assertEquals(
        "NerTagger inputCol 'text' is int; it must be string (text) or array<string> (tokens)",
        e.getMessage());
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> t.setInputCol("body").transform(d));
    assertEquals(
        "NerTagger inputCol 'body': no such column (columns: text, score)", missing.getMessage());
  }

  @Test
  void missingOrCorruptModelFailsAtTransformWithOneLineBeforeAnyJob() throws Exception {
    Dataset<Row> docs = documents(List.of("Smith met Jones ."), 2);
    long jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
    Path missing = dir.resolve("no-such-model");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NerTagger().setModelPath(missing.toString()).transform(docs));
    assertEquals("NerTagger modelPath " + missing + ": no such file or directory", e.getMessage());

    Path corrupt = dir.resolve("corrupt.f4j");
    Files.write(corrupt, "this is not a model".getBytes(StandardCharsets.UTF_8));
    IllegalArgumentException c =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NerTagger().setModelPath(corrupt.toString()).transform(docs));
    assertTrue(
        c.getMessage().startsWith("NerTagger modelPath " + corrupt + ": not a Focal4J model ("),
        c.getMessage());
    assertFalse(c.getMessage().contains("\n"), c.getMessage());

    Path empty = Files.createDirectories(dir.resolve("empty-dir"));
    IllegalArgumentException d =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NerTagger().setModelPath(empty.toString()).transform(docs));
    assertTrue(d.getMessage().contains("a directory without model.f4j"), d.getMessage());
    assertEquals(
        jobsBefore,
        spark.sparkContext().statusTracker().getJobIdsForGroup(null).length,
        "no Spark job ran");
  }

  @Test
  void savedPipelineModelReloadsTheTaggerAndTagsTheSame() throws Exception {
    NerTagger tagger =
        new NerTagger().setModelPath(model.toString()).setOutputCol("ner").setBatchSize(5);
    Dataset<Row> docs = documents(TEXTS, 2);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {tagger}).fit(docs);
    Path saved = dir.resolve("pipeline");
    fitted.write().save(saved.toString());
    PipelineModel loaded = PipelineModel.load(saved.toString());
    NerTagger back = (NerTagger) loaded.stages()[0];
    assertEquals(tagger.uid(), back.uid());
    assertEquals(model.toString(), back.getModelPath());
    assertEquals("ner", back.getOutputCol());
    assertEquals(5, back.getBatchSize());
    List<Row> a = byId(fitted.transform(docs));
    List<Row> b = byId(loaded.transform(docs));
    for (int i = 0; i < a.size(); i++) {
      assertEquals(spans(a.get(i), "ner"), spans(b.get(i), "ner"));
    }
  }

  @Test
  void theModelIsLoadedOncePerJvmWhateverTheTasksAndJobs() {
    NerTagger tagger = new NerTagger().setModelPath(model.toString());
    tagger.transform(documents(TEXTS, 4)).count();
    int loaded = ModelBytes.loadedCount();
    tagger.transform(documents(TEXTS, 2)).collectAsList();
    new NerTagger()
        .setModelPath(model.resolve("model.f4j").toString())
        .transform(documents(TEXTS, 3))
        .count();
    assertEquals(loaded, ModelBytes.loadedCount(), "same file, same digest: no second load");
  }
}
