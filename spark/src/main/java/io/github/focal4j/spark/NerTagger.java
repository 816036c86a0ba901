package io.github.focal4j.spark;

import io.github.focal4j.models.Tagger;
import io.github.focal4j.models.inference.FloatTagger;
import io.github.focal4j.ner.tagging.EntitySpan;
import io.github.focal4j.ner.tagging.TextTagger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Spark ML {@link Transformer} that finds named entities with a Focal4J model, the spans {@code
 * ner-demo tag} prints.
 *
 * <pre>{@code
 * NerTagger tagger = new NerTagger().setModelPath("model/").setInputCol("text").setOutputCol("entities");
 * Dataset<Row> tagged = tagger.transform(documents);
 * }</pre>
 *
 * <p>Params: {@code modelPath} (a {@code train --out} directory or a model file, on any Hadoop file
 * system the driver can read), {@code inputCol} (a {@code string} column of raw text, or an {@code
 * array<string>} column of tokens), {@code outputCol} (added: {@code
 * array<struct<begin:int,end:int,type:string,text:string>>}), {@code batchSize} (documents tagged
 * together, default 64), {@code precision} ({@code float64}, the default: the model's own
 * arithmetic, the spans {@code tag --precision float64} prints; or {@code float32}: models' {@link
 * FloatTagger}, several times faster, the same spans as {@code tag --precision float32}, which
 * needs the Vector API in every JVM that tags: Spark 4's launcher starts its executors with {@code
 * --add-modules=jdk.incubator.vector}; a JVM started otherwise needs that option).
 *
 * <p>Text is split into sentences and tokens exactly as {@code ner-demo tag} splits it, so a text
 * of any length works and its spans are those of {@code tag --format jsonl} (character offsets,
 * UTF-16, end exclusive). A token array is one pre-tokenized sentence; its offsets are into the
 * tokens joined by single spaces (null and empty tokens are dropped). A null or empty value gives
 * an empty array.
 *
 * <p>The model is read and checked once on the driver when {@link #transform} is called (a missing
 * or corrupt model fails there, with one line, before any task starts), broadcast, and loaded once
 * per executor JVM (a static cache keyed by the file's SHA-256); each partition tags its rows in
 * batches on its own replica of the model (float64) or on the executor's one float32 tagger, which
 * is thread-safe. With {@code float32} on a local master whose JVM lacks the Vector API, {@link
 * #transform} fails at once with the flag to add; an executor without it fails its task with the
 * same message. Saved with a {@code PipelineModel} as its params only (the model file stays where
 * it is).
 *
 * <p>{@link #transformSchema} (and so {@link #transform}) throws {@code IllegalArgumentException}
 * if the input column is missing or of another type, or the output column exists.
 */
public final class NerTagger extends Transformer implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  /** The type of {@code outputCol}'s elements. */
  public static final StructType SPAN =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("begin", DataTypes.IntegerType, false),
            DataTypes.createStructField("end", DataTypes.IntegerType, false),
            DataTypes.createStructField("type", DataTypes.StringType, false),
            DataTypes.createStructField("text", DataTypes.StringType, false)
          });

  /** The type of {@code outputCol}. */
  public static final ArrayType SPANS = DataTypes.createArrayType(SPAN, false);

  private final String uid;
  private final Param<String> modelPath;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam batchSize;
  private final Param<String> precision;

  public NerTagger() {
    this(Identifiable$.MODULE$.randomUID("NerTagger"));
  }

  /** With a given uid (used when a saved pipeline is loaded). */
  public NerTagger(String uid) {
    this.uid = uid;
    this.modelPath =
        new Param<>(this, "modelPath", "a 'train --out' directory or a Focal4J model file");
    this.inputCol =
        new Param<>(this, "inputCol", "the text (string) or tokens (array<string>) column");
    this.outputCol = new Param<>(this, "outputCol", "the entities column to add");
    this.batchSize =
        new IntParam(
            this, "batchSize", "documents tagged together (>= 1)", ParamValidators.gtEq(1));
    this.precision =
        new Param<>(
            this,
            "precision",
            "float64 (the model's own arithmetic) or float32 (needs the Vector API where it tags)",
            ParamValidators.inArray(new String[] {"float64", "float32"}));
    setDefault(inputCol, "text");
    setDefault(outputCol, "entities");
    setDefault(batchSize, 64);
    setDefault(precision, "float64");
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> modelPath() {
    return modelPath;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public Param<String> precision() {
    return precision;
  }

  public NerTagger setModelPath(String value) {
    set(modelPath, value);
    return this;
  }

  public NerTagger setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public NerTagger setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public NerTagger setBatchSize(int value) {
    set(batchSize, value);
    return this;
  }

  /**
   * {@code float64} or {@code float32} (see the class comment).
   *
   * @throws IllegalArgumentException for another value
   */
  public NerTagger setPrecision(String value) {
    set(precision, value);
    return this;
  }

  public String getPrecision() {
    return $(precision);
  }

  public String getModelPath() {
    return $(modelPath);
  }

  public String getInputCol() {
    return $(inputCol);
  }

  public String getOutputCol() {
    return $(outputCol);
  }

  public int getBatchSize() {
    return (Integer) $(batchSize);
  }

  /** Reads a saved NerTagger (Spark calls this when it loads a pipeline). */
  public static MLReader<NerTagger> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads a NerTagger saved with {@code write().save(path)}. */
  public static NerTagger load(String path) {
    return read().load(path);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = getInputCol();
    String out = getOutputCol();
    if (!List.of(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException(
          "NerTagger inputCol '"
              + in
              + "': no such column (columns: "
              + String.join(", ", schema.fieldNames())
              + ")");
    }
    DataType type = schema.apply(in).dataType();
    if (!type.equals(DataTypes.StringType) && !isTokens(type)) {
      throw new IllegalArgumentException(
          "NerTagger inputCol '"
              + in
              + "' is "
              + type.simpleString()
              + "; it must be string (text) or array<string> (tokens)");
    }
    if (List.of(schema.fieldNames()).contains(out)) {
      throw new IllegalArgumentException(
          "NerTagger outputCol '" + out + "': the column exists already");
    }
    return schema.add(DataTypes.createStructField(out, SPANS, false));
  }

  private static boolean isTokens(DataType type) {
    return type instanceof ArrayType a && a.elementType().equals(DataTypes.StringType);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema());
    if (!isDefined(modelPath) || !isSet(modelPath)) {
      throw new IllegalArgumentException("NerTagger modelPath is not set");
    }
    ModelBytes.Read model =
        ModelBytes.readAndCheck(
            "NerTagger modelPath",
            getModelPath(),
            dataset.sparkSession().sparkContext().hadoopConfiguration());
    Broadcast<byte[]> bytes =
        JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
            .broadcast(model.bytes());
    boolean float32 = getPrecision().equals("float32");
    if (float32 && dataset.sparkSession().sparkContext().isLocal()) {
      requireFloat32(FloatTagger.unsupportedReason());
    }
    int column = dataset.schema().fieldIndex(getInputCol());
    boolean tokens = isTokens(dataset.schema().apply(getInputCol()).dataType());
    return dataset
        .toDF()
        .mapPartitions(
            tagPartition(model.digest(), bytes, column, tokens, getBatchSize(), float32),
            Encoders.row(outSchema));
  }

  /**
   * Fails, naming the param and the flag to add, when this JVM cannot run float32 ({@code reason}
   * is {@link FloatTagger#unsupportedReason()}).
   *
   * @throws IllegalStateException with that reason
   */
  static void requireFloat32(Optional<String> reason) {
    reason.ifPresent(
        why -> {
          throw new IllegalStateException(
              "NerTagger precision float32: "
                  + why
                  + " (on a cluster, for the executors: spark.executor.extraJavaOptions="
                  + "--add-modules=jdk.incubator.vector)");
        });
  }

  /** The task: static, so that it captures only what it needs. */
  private static MapPartitionsFunction<Row, Row> tagPartition(
      String digest,
      Broadcast<byte[]> bytes,
      int column,
      boolean tokens,
      int batchSize,
      boolean float32) {
    return rows -> {
      Tagger model;
      if (float32) {
        requireFloat32(FloatTagger.unsupportedReason());
        model = ModelBytes.loadFloat32(digest, bytes::value);
      } else {
        model = ModelBytes.load(digest, bytes::value).replica();
      }
      return new Batches(rows, new TextTagger(model), column, tokens, batchSize);
    };
  }

  /** Tags the rows of a partition {@code batchSize} at a time, lazily. */
  private static final class Batches implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final TextTagger tagger;
    private final int column;
    private final boolean tokens;
    private final int batchSize;
    private final List<Row> ready = new ArrayList<>();
    private int next;

    Batches(Iterator<Row> rows, TextTagger tagger, int column, boolean tokens, int batchSize) {
      this.rows = rows;
      this.tagger = tagger;
      this.column = column;
      this.tokens = tokens;
      this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
      if (next < ready.size()) {
        return true;
      }
      ready.clear();
      next = 0;
      List<Row> batch = new ArrayList<>(batchSize);
      while (batch.size() < batchSize && rows.hasNext()) {
        batch.add(rows.next());
      }
      if (batch.isEmpty()) {
        return false;
      }
      List<List<EntitySpan>> spans;
      if (tokens) {
        List<List<String>> sentences = new ArrayList<>(batch.size());
        for (Row r : batch) {
          sentences.add(tokens(r));
        }
        spans = tagger.tagTokens(sentences);
      } else {
        List<String> texts = new ArrayList<>(batch.size());
        for (Row r : batch) {
          texts.add(r.isNullAt(column) ? "" : r.getString(column));
        }
        spans = tagger.tag(texts);
      }
      for (int i = 0; i < batch.size(); i++) {
        Row r = batch.get(i);
        Object[] values = new Object[r.length() + 1];
        for (int c = 0; c < r.length(); c++) {
          values[c] = r.get(c);
        }
        List<Row> out = new ArrayList<>(spans.get(i).size());
        for (EntitySpan e : spans.get(i)) {
          out.add(RowFactory.create(e.begin(), e.end(), e.type(), e.text()));
        }
        values[r.length()] = CollectionConverters.asScala(out).toSeq();
        ready.add(RowFactory.create(values));
      }
      return true;
    }

    private List<String> tokens(Row r) {
      List<String> out = new ArrayList<>();
      if (!r.isNullAt(column)) {
        for (Object t : r.getList(column)) {
          if (t != null && !((String) t).isEmpty()) {
            out.add((String) t);
          }
        }
      }
      return out;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.get(next++);
    }
  }

  @Override
  public NerTagger copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
