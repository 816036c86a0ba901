package io.github.focal4j.ner.eval;

/**
 * Chunk counts of one entity type (or of all types together) and the scores conlleval derives from
 * them. Scores are percentages in [0, 100]; a score whose denominator is zero is 0, as in
 * conlleval.
 *
 * @param gold chunks in the gold tags ("found correct"; the support)
 * @param guessed chunks in the predicted tags ("found guessed")
 * @param correct predicted chunks whose start, end and type all match a gold chunk
 */
public record ChunkCounts(int gold, int guessed, int correct) {

  /**
   * Checks that no count is negative. (With conlleval's rules and odd tags such as {@code .-PER}, a
   * correct chunk can be credited to a type other than the one its start was counted under, so
   * {@code correct <= min(gold, guessed)} is not enforced per type.)
   */
  public ChunkCounts {
    if (gold < 0 || guessed < 0 || correct < 0) {
      throw new IllegalArgumentException(
          "negative chunk count: gold " + gold + ", guessed " + guessed + ", correct " + correct);
    }
  }

  /** 100 × correct / guessed, or 0 when nothing was guessed. */
  public double precision() {
    return guessed > 0 ? 100.0 * correct / guessed : 0.0;
  }

  /** 100 × correct / gold, or 0 when there is no gold chunk. */
  public double recall() {
    return gold > 0 ? 100.0 * correct / gold : 0.0;
  }

  /** The harmonic mean of precision and recall (FB1), or 0 when both are 0. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
}
