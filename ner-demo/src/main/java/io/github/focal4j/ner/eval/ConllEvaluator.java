package io.github.focal4j.ner.eval;

import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.data.Sentence;
import io.github.focal4j.ner.data.TagScheme;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Scores predicted tags against gold tags exactly as the CoNLL {@code conlleval} script (version
 * 2004-01-26) does, token by token.
 *
 * <p>Feed tokens with {@link #add(String, String)} and sentence breaks with {@link #boundary()} in
 * file order, then take {@link #result()}. Any tag string is accepted, as conlleval accepts any: it
 * is split at its first hyphen into prefix and type, and chunk starts and ends follow conlleval's
 * rules (see {@link ConllevalChunkRules}), including its readings of ill-formed sequences. Feed
 * IOB1 or IOB2 tags: conlleval misreads BIOES ({@code S-PER S-PER} is one chunk to it), so convert
 * BIOES with {@link TagScheme#convert} first.
 *
 * <p>A chunk is correct when gold and predicted chunks start at the same token, end at the same
 * token and have the same type. A boundary behaves like conlleval's empty line: an {@code O O}
 * token that ends chunks but is not counted. Not thread-safe.
 */
public final class ConllEvaluator {

  private String lastCorrect = "O";
  private String lastGuessed = "O";
  private String lastCorrectType = "";
  private String lastGuessedType = "";
  private boolean inCorrect;
  private int tokens;
  private int correctTags;
  private int foundCorrect;
  private int foundGuessed;
  private int correctChunks;
  private final Map<String, int[]> perType = new HashMap<>();
  private final int[] confusion = new int[4];

  private static final int GOLD = 0;
  private static final int GUESSED = 1;
  private static final int CORRECT = 2;

  /**
   * Scores one token.
   *
   * @param gold the gold tag, any non-null string
   * @param predicted the predicted tag, any non-null string
   */
  public void add(String gold, String predicted) {
    Objects.requireNonNull(gold, "gold");
    Objects.requireNonNull(predicted, "predicted");
    step(gold, predicted, false);
    boolean goldOutside = ConllevalChunkRules.prefix(gold).equals("O");
    boolean predictedOutside = ConllevalChunkRules.prefix(predicted).equals("O");
    confusion[(goldOutside ? 0 : 2) + (predictedOutside ? 0 : 1)]++;
  }

  /** Marks a sentence break (conlleval's empty line). Repeated breaks are harmless. */
  public void boundary() {
    step("O", "O", true);
  }

  /**
   * Scores a sentence and the break after it.
   *
   * @throws IllegalArgumentException if the lists differ in length
   */
  public void addSentence(List<String> gold, List<String> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException(
          gold.size() + " gold tags but " + predicted.size() + " predicted ones");
    }
    for (int i = 0; i < gold.size(); i++) {
      add(gold.get(i), predicted.get(i));
    }
    boundary();
  }

  private void step(String goldTag, String guessedTag, boolean isBoundary) {
    String correct = ConllevalChunkRules.prefix(goldTag);
    String correctType = ConllevalChunkRules.type(goldTag);
    String guessed = ConllevalChunkRules.prefix(guessedTag);
    String guessedType = ConllevalChunkRules.type(guessedTag);

    boolean endCorrect =
        ConllevalChunkRules.endOfChunk(lastCorrect, correct, lastCorrectType, correctType);
    boolean endGuessed =
        ConllevalChunkRules.endOfChunk(lastGuessed, guessed, lastGuessedType, guessedType);
    if (inCorrect) {
      if (endCorrect && endGuessed && lastGuessedType.equals(lastCorrectType)) {
        inCorrect = false;
        correctChunks++;
        counts(lastCorrectType)[CORRECT]++;
      } else if (endCorrect != endGuessed || !guessedType.equals(correctType)) {
        inCorrect = false;
      }
    }
    boolean startCorrect =
        ConllevalChunkRules.startOfChunk(lastCorrect, correct, lastCorrectType, correctType);
    boolean startGuessed =
        ConllevalChunkRules.startOfChunk(lastGuessed, guessed, lastGuessedType, guessedType);
    if (startCorrect && startGuessed && guessedType.equals(correctType)) {
      inCorrect = true;
    }
    if (startCorrect) {
      foundCorrect++;
      counts(correctType)[GOLD]++;
    }
    if (startGuessed) {
      foundGuessed++;
      counts(guessedType)[GUESSED]++;
    }
    if (!isBoundary) {
      if (correct.equals(guessed) && guessedType.equals(correctType)) {
        correctTags++;
      }
      tokens++;
    }
    lastGuessed = guessed;
    lastCorrect = correct;
    lastGuessedType = guessedType;
    lastCorrectType = correctType;
  }

  private int[] counts(String type) {
    return perType.computeIfAbsent(type, t -> new int[3]);
  }

  /**
   * The scores of everything fed so far, as conlleval would print them at the end of its input. The
   * evaluator can keep accumulating afterwards.
   */
  public EvaluationResult result() {
    int finalCorrect = correctChunks + (inCorrect ? 1 : 0);
    SortedMap<String, ChunkCounts> byType = new TreeMap<>(EvaluationResult.TYPE_ORDER);
    for (Map.Entry<String, int[]> e : perType.entrySet()) {
      int[] c = e.getValue();
      int pending = inCorrect && e.getKey().equals(lastCorrectType) ? 1 : 0;
      byType.put(e.getKey(), new ChunkCounts(c[GOLD], c[GUESSED], c[CORRECT] + pending));
    }
    return new EvaluationResult(
        tokens,
        correctTags,
        new ChunkCounts(foundCorrect, foundGuessed, finalCorrect),
        byType,
        new TokenConfusion(confusion[0], confusion[1], confusion[2], confusion[3]));
  }

  /**
   * Scores parallel lists of sentences, with a boundary after each.
   *
   * @throws IllegalArgumentException if the numbers of sentences or of tags differ
   */
  public static EvaluationResult evaluate(List<List<String>> gold, List<List<String>> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException(
          gold.size() + " gold sentences but " + predicted.size() + " predicted ones");
    }
    ConllEvaluator evaluator = new ConllEvaluator();
    for (int s = 0; s < gold.size(); s++) {
      try {
        evaluator.addSentence(gold.get(s), predicted.get(s));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sentence " + s + ": " + e.getMessage(), e);
      }
    }
    return evaluator.result();
  }

  /**
   * Scores predictions against the gold tags of a corpus (converted to IOB2 first if the corpus is
   * BIOES). Predictions must use the corpus scheme.
   *
   * @param gold the corpus with gold tags
   * @param predicted per sentence, one predicted tag per token, in {@code gold.scheme()}
   * @throws IllegalArgumentException if the shapes differ, or (BIOES only) a predicted tag is not
   *     BIOES
   */
  public static EvaluationResult evaluate(Corpus gold, List<List<String>> predicted) {
    TagScheme scheme = gold.scheme();
    if (scheme != TagScheme.BIOES) {
      return evaluate(gold.sentences().stream().map(Sentence::tags).toList(), predicted);
    }
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException(
          gold.size() + " gold sentences but " + predicted.size() + " predicted ones");
    }
    List<List<String>> goldTags = new ArrayList<>();
    List<List<String>> predictedTags = new ArrayList<>();
    for (int s = 0; s < gold.size(); s++) {
      goldTags.add(scheme.convert(gold.sentences().get(s).tags(), TagScheme.IOB2));
      try {
        predictedTags.add(scheme.convert(predicted.get(s), TagScheme.IOB2));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("predicted sentence " + s + ": " + e.getMessage(), e);
      }
    }
    return evaluate(goldTags, predictedTags);
  }
}
