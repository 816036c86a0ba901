package io.github.focal4j.ner.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes sentences as CoNLL column text that {@link ConllReader} (with the default tag column)
 * reads back to the same sentences.
 *
 * <p>Layout: one token per line, fields separated by one space, a blank line after every sentence
 * (so files can be concatenated), {@code \n} line ends, UTF-8 for files, no {@code -DOCSTART-}
 * lines. Two layouts:
 *
 * <ul>
 *   <li>{@link #write}: {@code token extra... tag}.
 *   <li>{@link #writePredictions}: {@code token gold predicted}, the layout the conlleval script
 *       reads (it splits on single spaces, which is why one space is used).
 * </ul>
 *
 * <p>A token spelled {@code -DOCSTART-} is written as is and would be skipped on reading; no other
 * content is lost. Write failures throw {@link UncheckedIOException}; writers passed in are flushed
 * but not closed.
 */
public final class ConllWriter {

  private ConllWriter() {}

  /** Writes sentences as {@code token extra... tag} lines to {@code out}. */
  public static void write(Iterable<Sentence> sentences, Writer out) {
    Objects.requireNonNull(out, "out");
    try {
      for (Sentence sentence : sentences) {
        for (int i = 0; i < sentence.size(); i++) {
          out.write(sentence.tokens().get(i));
          for (String extra : sentence.extraColumns().get(i)) {
            out.write(' ');
            out.write(extra);
          }
          out.write(' ');
          out.write(sentence.tags().get(i));
          out.write('\n');
        }
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sentences: " + e.getMessage(), e);
    }
  }

  /** Writes a corpus as {@code token extra... tag} lines to a UTF-8 file, replacing it. */
  public static void write(Corpus corpus, Path path) {
    try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      write(corpus.sentences(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code token gold predicted} lines, the conlleval input layout.
   *
   * @param gold sentences whose tags are the gold tags
   * @param predicted per sentence, one predicted tag per token
   * @throws IllegalArgumentException if the numbers of sentences or of tags differ, or a predicted
   *     tag is empty or contains a separator (checked before anything is written)
   */
  public static void writePredictions(
      List<Sentence> gold, List<List<String>> predicted, Writer out) {
    Objects.requireNonNull(out, "out");
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException(
          gold.size() + " gold sentences but " + predicted.size() + " predicted ones");
    }
    Sentence[] pairs = new Sentence[gold.size()];
    for (int s = 0; s < pairs.length; s++) {
      try {
        pairs[s] = gold.get(s).withTags(predicted.get(s));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("predicted sentence " + s + ": " + e.getMessage(), e);
      }
    }
    try {
      for (int s = 0; s < pairs.length; s++) {
        Sentence sentence = gold.get(s);
        for (int i = 0; i < sentence.size(); i++) {
          out.write(sentence.tokens().get(i));
          out.write(' ');
          out.write(sentence.tags().get(i));
          out.write(' ');
          out.write(pairs[s].tags().get(i));
          out.write('\n');
        }
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write predictions: " + e.getMessage(), e);
    }
  }

  /** Writes {@code token gold predicted} lines to a UTF-8 file, replacing it. */
  public static void writePredictions(
      List<Sentence> gold, List<List<String>> predicted, Path path) {
    try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      writePredictions(gold, predicted, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
