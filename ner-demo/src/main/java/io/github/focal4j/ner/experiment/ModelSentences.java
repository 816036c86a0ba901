package io.github.focal4j.ner.experiment;

import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.data.Sentence;
import java.util.List;

/** Converts the demo's sentences ({@code ner.data}) into the model's ({@code models.data}). */
public final class ModelSentences {

  private ModelSentences() {}

  /** Tokens and tags of every sentence (extra columns dropped). */
  public static List<io.github.focal4j.models.data.Sentence> labeled(Corpus corpus) {
    return corpus.sentences().stream()
        .map(s -> io.github.focal4j.models.data.Sentence.of(s.tokens(), s.tags()))
        .toList();
  }

  /** The tokens of every sentence. */
  public static List<List<String>> tokens(Corpus corpus) {
    return corpus.sentences().stream().map(Sentence::tokens).toList();
  }
}
