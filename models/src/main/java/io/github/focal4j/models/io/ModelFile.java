package io.github.focal4j.models.io;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Head;
import io.github.focal4j.models.TagConstraints;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.TagSet;
import io.github.focal4j.models.data.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Saves and loads a {@link TokenClassifier} — configuration, vocabularies, tag set and parameters —
 * in the {@link CheckpointFormat} container. Section payloads (version 1):
 *
 * <pre>
 *   CONF  wordDim, lowercaseWords, minWordCount, charDim, charFilters, charWidth, casingDim, hiddenSize (int32/bool),
 *         head (string: SOFTMAX|CRF), constraints (string: NONE|BIO|BIOES), dropout (double), then
 *         wordDropout (double) only when it is not 0, so that files of models without it keep the
 *         layout of the first model files; no char features are written as charDim = charFilters =
 *         charWidth = 0, no casing feature as casingDim = 0
 *   WORD  lowercase (bool), tokens (strings, ids in order, &lt;pad&gt; and &lt;unk&gt; first)
 *   CHAR  lowercase (bool), tokens
 *   TAGS  tags (strings, ids in order)
 *   PARM  count, then per parameter: dotted name (string), shape (ints), values (doubles)
 * </pre>
 *
 * <pre>{@code
 * ModelFile.save(model, Path.of("out/model.f4j"));
 * TokenClassifier again = ModelFile.load(Path.of("out/model.f4j"));
 * }</pre>
 */
public final class ModelFile {
  private ModelFile() {}

  /** Writes the model atomically (see {@link CheckpointFormat}). */
  public static void save(TokenClassifier model, Path path) throws IOException {
    CheckpointFormat.write(path, sections(model));
  }

  /**
   * @throws CheckpointException if the file is not a valid model file (see {@link
   *     CheckpointFormat}), or its parameters do not match its configuration
   */
  public static TokenClassifier load(Path path) throws IOException {
    return fromSections(path, CheckpointFormat.read(path));
  }

  /** The model sections, for containers that add their own (training checkpoints). */
  public static Map<String, byte[]> sections(TokenClassifier model) {
    Map<String, byte[]> s = new LinkedHashMap<>();
    TokenClassifierConfig c = model.config();
    Optional<TokenClassifierConfig.CharFeatures> cf = c.charFeatures();
    SectionWriter conf =
        new SectionWriter()
            .writeInt(c.wordDim())
            .writeBoolean(c.lowercaseWords())
            .writeInt(c.minWordCount())
            .writeInt(cf.map(TokenClassifierConfig.CharFeatures::dim).orElse(0))
            .writeInt(cf.map(TokenClassifierConfig.CharFeatures::filters).orElse(0))
            .writeInt(cf.map(TokenClassifierConfig.CharFeatures::width).orElse(0))
            .writeInt(c.casingDim().orElse(0))
            .writeInt(c.hiddenSize())
            .writeString(c.head().name())
            .writeString(c.constraints().name())
            .writeDouble(c.dropout());
    if (c.wordDropout() != 0) {
      conf.writeDouble(c.wordDropout());
    }
    s.put("CONF", conf.toByteArray());
    Encoder e = model.encoder();
    s.put(
        "WORD",
        new SectionWriter()
            .writeBoolean(e.words().lowercase())
            .writeStrings(e.words().tokens())
            .toByteArray());
    s.put(
        "CHAR",
        new SectionWriter()
            .writeBoolean(e.chars().lowercase())
            .writeStrings(e.chars().tokens())
            .toByteArray());
    s.put("TAGS", new SectionWriter().writeStrings(e.tags().tags()).toByteArray());
    s.put("PARM", parameters(model.namedParameters()));
    return s;
  }

  /** A parameter section: count, then name, shape and values of each. */
  public static byte[] parameters(Map<String, Tensor> params) {
    SectionWriter w = new SectionWriter().writeInt(params.size());
    params.forEach((name, p) -> w.writeString(name).writeInts(p.shape()).writeDoubles(p.buffer()));
    return w.toByteArray();
  }

  /**
   * Reads a parameter section into {@code target}'s tensors (same names, same shapes).
   *
   * @throws CheckpointException naming the first missing, extra or mis-shaped parameter
   */
  public static void readParameters(
      Path file, Map<String, byte[]> sections, String tag, Map<String, Tensor> target)
      throws CheckpointException {
    SectionReader r = SectionReader.of(file, sections, tag);
    int n = r.readInt();
    if (n != target.size()) {
      throw r.malformed(
          "holds "
              + n
              + " parameters, the configuration has "
              + target.size()
              + " "
              + target.keySet());
    }
    for (int i = 0; i < n; i++) {
      String name = r.readString();
      int[] shape = r.readInts();
      double[] values = r.readDoubles();
      Tensor p = target.get(name);
      if (p == null) {
        throw r.malformed(
            "has parameter '" + name + "', unknown to the configuration " + target.keySet());
      }
      if (!Arrays.equals(shape, p.shape()) || values.length != p.numel()) {
        throw r.malformed(
            "has parameter '"
                + name
                + "' of shape "
                + Arrays.toString(shape)
                + " with "
                + values.length
                + " values; the configuration expects "
                + Arrays.toString(p.shape()));
      }
      System.arraycopy(values, 0, p.buffer(), 0, values.length);
    }
    r.expectEnd();
  }

  /**
   * A lower bound of the bytes the parameters of {@code config} take in a PARM section: 8 per value
   * of the embeddings, the character convolution, the LSTM weights and the output layer (biases and
   * the CRF left out).
   */
  private static double minimumParameterBytes(TokenClassifierConfig c, Encoder e) {
    double chars =
        c.charFeatures()
            .map(
                f ->
                    (double) e.chars().size() * f.dim()
                        + (double) f.filters() * f.dim() * f.width())
            .orElse(0.0);
    double values =
        (double) e.words().size() * c.wordDim()
            + chars
            + (double) c.casingDim().orElse(0)
            + 2.0 * 4 * c.hiddenSize() * ((double) c.featureSize() + c.hiddenSize())
            + 2.0 * c.hiddenSize() * e.tags().size();
    return 8 * values;
  }

  /** Rebuilds a model from its sections. */
  public static TokenClassifier fromSections(Path file, Map<String, byte[]> sections)
      throws CheckpointException {
    SectionReader c = SectionReader.of(file, sections, "CONF");
    TokenClassifierConfig config;
    try {
      int wordDim = c.readInt();
      boolean lower = c.readBoolean();
      int minCount = c.readInt();
      int charDim = c.readInt();
      int filters = c.readInt();
      int width = c.readInt();
      int casing = c.readInt();
      int hidden = c.readInt();
      Head head = Head.valueOf(c.readString());
      TagConstraints constraints = TagConstraints.valueOf(c.readString());
      double dropout = c.readDouble();
      double wordDropout = c.hasRemaining() ? c.readDouble() : 0;
      c.expectEnd();
      // 0 is how CONF writes "off" (the layout of the first model files); the configuration says it
      // with empty
      if (charDim == 0 && (filters != 0 || width != 0)) {
        throw new IllegalArgumentException(
            "charFilters and charWidth must be 0 without char features, got "
                + filters
                + " and "
                + width);
      }
      config =
          new TokenClassifierConfig(
              wordDim,
              lower,
              minCount,
              charDim == 0
                  ? Optional.empty()
                  : Optional.of(new TokenClassifierConfig.CharFeatures(charDim, filters, width)),
              casing == 0 ? OptionalInt.empty() : OptionalInt.of(casing),
              hidden,
              head,
              constraints,
              dropout,
              wordDropout);
    } catch (IllegalArgumentException e) {
      throw c.malformed("holds an invalid configuration: " + e.getMessage());
    }
    Encoder encoder;
    SectionReader w = SectionReader.of(file, sections, "WORD");
    SectionReader ch = SectionReader.of(file, sections, "CHAR");
    SectionReader t = SectionReader.of(file, sections, "TAGS");
    try {
      boolean wl = w.readBoolean();
      Vocabulary words = Vocabulary.of(w.readStrings(), wl);
      w.expectEnd();
      boolean cl = ch.readBoolean();
      Vocabulary chars = Vocabulary.of(ch.readStrings(), cl);
      ch.expectEnd();
      TagSet tags = TagSet.of(t.readStrings());
      t.expectEnd();
      encoder = new Encoder(words, chars, tags);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(
          file, "holds an invalid vocabulary or tag set: " + e.getMessage(), e);
    }
    byte[] parm = sections.get("PARM");
    double needed = minimumParameterBytes(config, encoder);
    if (parm != null && needed > parm.length) {
      // before allocating: a corrupt size must not become an OutOfMemoryError
      throw new CheckpointException(
          file,
          String.format(
              java.util.Locale.ROOT,
              "section 'CONF' describes a model of"
                  + " at least %.0f bytes of parameters, but section 'PARM' holds %d bytes",
              needed,
              parm.length));
    }
    TokenClassifier model;
    try {
      model = TokenClassifier.zeros(config, encoder);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(
          file, "describes a model that cannot be built: " + e.getMessage(), e);
    }
    readParameters(file, sections, "PARM", model.namedParameters());
    return model;
  }
}
