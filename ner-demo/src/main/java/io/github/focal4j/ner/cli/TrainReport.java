package io.github.focal4j.ner.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.training.BestEpoch;
import io.github.focal4j.models.training.TrainerConfig;
import io.github.focal4j.ner.eval.ChunkCounts;
import io.github.focal4j.ner.eval.EvaluationResult;
import io.github.focal4j.ner.experiment.NerData;
import io.github.focal4j.ner.experiment.RunResult;
import io.github.focal4j.ner.experiment.RunSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The JSON report of {@code train --report FILE}. Scores are conlleval percentages:
 *
 * <pre>
 * {
 *   "dev":   {"precision": 90.1, "recall": 89.2, "f1": 89.6, "accuracy": ..., "o_token_recall": ...,
 *             "entity_token_recall": ..., "tokens": ..., "phrases": ..., "by_type": {"LOC": {...}}},
 *   "test":  {... the same ...},                 (null without a dev or test set)
 *   "train": {"tokens_per_second": 14000.0, "seconds": 120.5, "epochs": 10, "steps": 4390,
 *             "tokens": 2045670, "stop": "completed", "best_epoch": 7, "best_dev_f1": 90.2},
 *   "settings": {"description": ..., "loss": ..., "crf_mix": 0.5 (CRF head only), "tagging": ...,
 *                "model": {...}, "trainer": {...}},
 *   "data": ..., "version": ...
 * }
 * </pre>
 *
 * {@code tokens_per_second} is training tokens over training time only (no evaluation, no
 * checkpoints); after a resume, both count the resumed part.
 */
final class TrainReport {

  /**
   * Pretty, with nulls and non-finite numbers, and '=' written as '=' (these files are not HTML).
   */
  private static final Gson GSON =
      new GsonBuilder()
          .setPrettyPrinting()
          .serializeNulls()
          .serializeSpecialFloatingPointValues()
          .disableHtmlEscaping()
          .create();

  private TrainReport() {}

  static JsonObject json(RunResult r, NerData data, String description, double wallSeconds) {
    JsonObject o = new JsonObject();
    o.add("dev", scores(r.dev()));
    o.add("test", scores(r.test()));
    JsonObject t = new JsonObject();
    number(t, "tokens_per_second", r.training().tokensPerSecond());
    number(t, "seconds", r.training().seconds());
    t.addProperty("epochs", r.training().epochs());
    t.addProperty("steps", r.training().steps());
    t.addProperty("tokens", r.training().tokens());
    t.addProperty("stop", r.training().stop().name().toLowerCase(java.util.Locale.ROOT));
    // 1-based, 0 without a dev set; null F1 without a dev set (the report's layout)
    t.addProperty("best_epoch", r.training().best().map(b -> b.epoch() + 1).orElse(0));
    number(t, "best_dev_f1", r.training().best().map(BestEpoch::devScore).orElse(Double.NaN));
    number(t, "wall_seconds", wallSeconds);
    o.add("train", t);
    RunSettings s = r.settings();
    JsonObject st = new JsonObject();
    st.addProperty("description", description);
    st.addProperty("loss", s.loss().toString());
    if (s.model().head() == io.github.focal4j.models.Head.CRF) {
      st.addProperty(
          "crf_mix",
          s.crfMix()); // mu: the likelihood's share; below 1 the loss acts on the marginals
    }
    st.addProperty("tagging", s.tagging().name());
    st.addProperty("selection", s.selection().name().toLowerCase(java.util.Locale.ROOT));
    st.add("model", model(s.model()));
    st.add("trainer", trainer(s.trainer()));
    o.add("settings", st);
    JsonObject d = new JsonObject();
    d.addProperty("source", data.source());
    d.addProperty("train", data.train().stats().summary());
    data.devCorpus().ifPresent(c -> d.addProperty("dev", c.stats().summary()));
    data.testCorpus().ifPresent(c -> d.addProperty("test", c.stats().summary()));
    o.add("data", d);
    o.addProperty("version", VersionProvider.version());
    return o;
  }

  /** The architecture, in the report's layout (0 for a feature that is off). */
  private static JsonObject model(TokenClassifierConfig m) {
    JsonObject o = new JsonObject();
    o.addProperty("wordDim", m.wordDim());
    o.addProperty("lowercaseWords", m.lowercaseWords());
    o.addProperty("minWordCount", m.minWordCount());
    o.addProperty(
        "charDim", m.charFeatures().map(TokenClassifierConfig.CharFeatures::dim).orElse(0));
    o.addProperty(
        "charFilters", m.charFeatures().map(TokenClassifierConfig.CharFeatures::filters).orElse(0));
    o.addProperty(
        "charWidth", m.charFeatures().map(TokenClassifierConfig.CharFeatures::width).orElse(0));
    o.addProperty("casingDim", m.casingDim().orElse(0));
    o.addProperty("hiddenSize", m.hiddenSize());
    o.addProperty("head", m.head().name());
    o.addProperty("constraints", m.constraints().name());
    o.addProperty("dropout", m.dropout());
    return o;
  }

  /**
   * The training setup, in the report's layout (0 for clipping, early stopping or averaging that is
   * off).
   */
  private static JsonObject trainer(TrainerConfig t) {
    JsonObject o = new JsonObject();
    o.addProperty("epochs", t.epochs());
    o.addProperty("batchSize", t.batchSize());
    o.addProperty("optimizer", t.optimizer().toString());
    o.addProperty("schedule", t.schedule().toString());
    o.addProperty("clipNorm", t.clipNorm().orElse(0));
    o.addProperty("shards", t.shards());
    o.addProperty("seed", t.seed());
    o.addProperty("patience", t.patience().orElse(0));
    o.addProperty("emaDecay", t.emaDecay().orElse(0));
    o.addProperty("precision", t.precision().name());
    return o;
  }

  /** The conlleval figures of one split, or JSON null. */
  static com.google.gson.JsonElement scores(EvaluationResult e) {
    if (e == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject o = new JsonObject();
    number(o, "precision", e.precision());
    number(o, "recall", e.recall());
    number(o, "f1", e.f1());
    number(o, "accuracy", e.accuracy());
    number(o, "o_token_recall", e.confusion().outsideRecall());
    number(o, "entity_token_recall", e.confusion().entityRecall());
    o.addProperty("tokens", e.tokens());
    o.addProperty("phrases", e.overall().gold());
    o.addProperty("found", e.overall().guessed());
    o.addProperty("correct", e.overall().correct());
    JsonObject types = new JsonObject();
    for (Map.Entry<String, ChunkCounts> t : e.byType().entrySet()) {
      JsonObject c = new JsonObject();
      number(c, "precision", t.getValue().precision());
      number(c, "recall", t.getValue().recall());
      number(c, "f1", t.getValue().f1());
      c.addProperty("support", t.getValue().gold());
      c.addProperty("found", t.getValue().guessed());
      c.addProperty("correct", t.getValue().correct());
      types.add(t.getKey(), c);
    }
    o.add("by_type", types);
    return o;
  }

  private static void number(JsonObject o, String key, double v) {
    if (Double.isFinite(v)) {
      o.addProperty(key, v);
    } else {
      o.add(key, JsonNull.INSTANCE);
    }
  }

  /** Writes JSON to {@code path} (UTF-8, pretty), atomically: a temporary file moved into place. */
  static void write(com.google.gson.JsonElement json, Path path) throws IOException {
    writeText(GSON.toJson(json) + "\n", path);
  }

  /** Writes text (UTF-8) atomically, creating parent folders. */
  static void writeText(String text, Path path) throws IOException {
    Path abs = path.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
