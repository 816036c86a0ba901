package io.github.focal4j.ner.experiment;

import io.github.focal4j.models.Tagger;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.data.TagScheme;
import io.github.focal4j.ner.eval.ConllEvaluator;
import io.github.focal4j.ner.eval.EvaluationResult;
import java.util.List;

/**
 * Scores a model on a gold corpus as conlleval would score its predictions.
 *
 * <p>A model's tagging scheme is read from its tag set: BIOES when it has an {@code S-} or {@code
 * E-} tag, IOB2 otherwise. IOB2 predictions are scored as they are (an {@code I-PER} after {@code
 * O} starts a chunk, exactly as conlleval reads it); BIOES predictions, which conlleval misreads,
 * are first converted to IOB2 by {@link TagScheme#convert} (which reads ill-formed sequences
 * leniently). Gold tags are converted to the model's scheme first, so any gold scheme works. Gold
 * tags the model never saw are simply never predicted: they count as missed chunks.
 */
public final class ModelEvaluation {

  private ModelEvaluation() {}

  /** The tagging scheme of a model's tag set. */
  public static TagScheme schemeOf(TokenClassifier model) {
    return schemeOf(model.encoder().tags().tags());
  }

  /** BIOES when a tag starts with {@code S-} or {@code E-}, IOB2 otherwise. */
  public static TagScheme schemeOf(List<String> tags) {
    for (String t : tags) {
      if (t.startsWith("S-") || t.startsWith("E-")) {
        return TagScheme.BIOES;
      }
    }
    return TagScheme.IOB2;
  }

  /**
   * The tagger's tags for every sentence of the corpus, in the model's scheme, on {@code threads}
   * threads.
   */
  public static List<List<String>> predict(Tagger tagger, Corpus corpus, int threads) {
    return tagger.predict(ModelSentences.tokens(corpus), threads);
  }

  /**
   * conlleval's figures for the model's predictions on {@code gold}, tagged on {@code threads}
   * threads (the predictions do not depend on the thread count).
   */
  public static EvaluationResult evaluate(TokenClassifier model, Corpus gold, int threads) {
    return score(model, gold, predict(model, gold, threads));
  }

  /** conlleval's figures for predictions (in the model's scheme) against {@code gold}. */
  public static EvaluationResult score(
      TokenClassifier model, Corpus gold, List<List<String>> predictions) {
    return ConllEvaluator.evaluate(gold.convertTo(schemeOf(model)), predictions);
  }

  /** Predictions in IOB2, for writing conlleval files. */
  public static List<List<String>> toIob2(TokenClassifier model, List<List<String>> predictions) {
    TagScheme scheme = schemeOf(model);
    return scheme == TagScheme.IOB2
        ? predictions
        : predictions.stream().map(p -> scheme.convert(p, TagScheme.IOB2)).toList();
  }
}
