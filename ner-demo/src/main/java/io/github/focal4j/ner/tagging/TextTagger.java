package io.github.focal4j.ner.tagging;

import io.github.focal4j.models.Tagger;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.io.ModelFile;
import io.github.focal4j.ner.data.Chunk;
import io.github.focal4j.ner.data.TagScheme;
import io.github.focal4j.ner.experiment.ModelEvaluation;
import io.github.focal4j.ner.text.SentenceSpan;
import io.github.focal4j.ner.text.SimpleTokenizer;
import io.github.focal4j.ner.text.TokenSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Raw text to entities with a trained model, as {@code ner-demo tag} does it: each text is split
 * into sentences and tokens by {@link SimpleTokenizer} (offsets kept), the sentences are tagged,
 * and the chunks of the model's tag scheme become {@link EntitySpan}s with offsets into the text.
 *
 * <p>A text of any length works: the model only ever sees one sentence at a time. Tagging a list of
 * texts at once gives the same spans as tagging each alone. Calls may run concurrently (each tags
 * with its own {@link Tagger#newBatchTagger()}), as long as the model is not being trained.
 */
public final class TextTagger {

  /** The model file inside a {@code train --out} directory. */
  public static final String MODEL_FILE = "model.f4j";

  private final Tagger model;
  private final TagScheme scheme;
  private final int threads;
  private final SimpleTokenizer tokenizer = new SimpleTokenizer();

  /** A tagger that tags on the calling thread. */
  public TextTagger(Tagger model) {
    this(model, 1);
  }

  /**
   * A tagger that tags the sentences of each call on {@code threads} threads ({@link
   * Tagger#predict(List, int)}); the spans do not depend on the thread count. {@code model} is a
   * {@link TokenClassifier} (float64) or its float32 {@link
   * io.github.focal4j.models.inference.FloatTagger}.
   *
   * @throws IllegalArgumentException for threads &lt; 1
   */
  public TextTagger(Tagger model, int threads) {
    this.model = Objects.requireNonNull(model, "model");
    this.scheme = ModelEvaluation.schemeOf(model.encoder().tags().tags());
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
  }

  /**
   * Loads {@code DIR/model.f4j} of a {@code train --out} directory, or the model file itself.
   *
   * @throws UncheckedIOException with a {@link NoSuchFileException} naming the file if it is
   *     missing
   * @throws io.github.focal4j.models.io.CheckpointException if the file is not a valid model
   * @throws IOException if it cannot be read
   */
  public static TokenClassifier loadModel(Path dirOrFile) throws IOException {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(MODEL_FILE) : dirOrFile;
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(new NoSuchFileException(file.toString()));
    }
    return ModelFile.load(file);
  }

  /** The tag scheme of the model's tags (IOB2 or BIOES). */
  public TagScheme scheme() {
    return scheme;
  }

  /** The entities of one text, in order. */
  public List<EntitySpan> tag(String text) {
    return tag(List.of(text)).get(0);
  }

  /** The entities of each text (white-space-only text: none), in the order of the texts. */
  public List<List<EntitySpan>> tag(List<String> texts) {
    List<List<SentenceSpan>> split = new ArrayList<>(texts.size());
    for (String t : texts) {
      split.add(tokenizer.split(Objects.requireNonNull(t, "text")));
    }
    return tag(texts, split);
  }

  /**
   * The entities of one text already split by {@link SimpleTokenizer#split} into {@code sentences}
   * (offsets into {@code text}): {@link #tag(String)} without splitting it again.
   */
  public List<EntitySpan> tag(String text, List<SentenceSpan> sentences) {
    return tag(List.of(text), List.of(sentences)).get(0);
  }

  /**
   * The entities of pre-tokenized sentences, one sentence per list (not split further); offsets are
   * into the tokens joined by single spaces, which is also what {@link EntitySpan#text()} is cut
   * from. An empty list gives no entities.
   *
   * @throws IllegalArgumentException for an empty token
   */
  public List<List<EntitySpan>> tagTokens(List<List<String>> sentences) {
    List<String> texts = new ArrayList<>(sentences.size());
    List<List<SentenceSpan>> split = new ArrayList<>(sentences.size());
    for (List<String> words : sentences) {
      List<TokenSpan> tokens = new ArrayList<>(words.size());
      int at = 0;
      for (String w : words) {
        if (w.isEmpty()) {
          throw new IllegalArgumentException("an empty token");
        }
        tokens.add(new TokenSpan(w, at, at + w.length()));
        at += w.length() + 1;
      }
      texts.add(String.join(" ", words));
      split.add(tokens.isEmpty() ? List.of() : List.of(new SentenceSpan(0, at - 1, tokens)));
    }
    return tag(texts, split);
  }

  private List<List<EntitySpan>> tag(List<String> texts, List<List<SentenceSpan>> split) {
    List<List<String>> words = new ArrayList<>();
    for (List<SentenceSpan> s : split) {
      for (SentenceSpan sentence : s) {
        words.add(sentence.words());
      }
    }
    List<List<String>> tags = words.isEmpty() ? List.of() : model.predict(words, threads);
    List<List<EntitySpan>> out = new ArrayList<>(texts.size());
    int next = 0;
    for (int i = 0; i < texts.size(); i++) {
      List<EntitySpan> spans = new ArrayList<>();
      List<SentenceSpan> sentences = split.get(i);
      for (int s = 0; s < sentences.size(); s++) {
        List<TokenSpan> tokens = sentences.get(s).tokens();
        for (Chunk c : scheme.decode(tags.get(next + s))) {
          int begin = tokens.get(c.start()).begin();
          int end = tokens.get(c.end() - 1).end();
          spans.add(new EntitySpan(begin, end, c.type(), texts.get(i).substring(begin, end), s));
        }
      }
      next += sentences.size();
      out.add(List.copyOf(spans));
    }
    return out;
  }
}
