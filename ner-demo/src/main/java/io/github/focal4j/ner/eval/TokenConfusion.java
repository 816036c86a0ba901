package io.github.focal4j.ner.eval;

/**
 * Tokens counted by class, outside ({@code O}) or entity (any other tag), gold against predicted:
 * the view where class imbalance shows. A model that predicts {@code O} everywhere has perfect O
 * recall and zero entity recall while its token accuracy still looks high.
 *
 * <p>A tag counts as outside when its prefix (the text before the first hyphen, or the whole tag)
 * is {@code O}, which is when conlleval never starts a chunk on it. Percentages are in [0, 100]; a
 * ratio with a zero denominator is 0.
 *
 * @param outsideAsOutside gold O, predicted O
 * @param outsideAsEntity gold O, predicted entity (false alarms)
 * @param entityAsOutside gold entity, predicted O (misses)
 * @param entityAsEntity gold entity, predicted entity (of any type)
 */
public record TokenConfusion(
    int outsideAsOutside, int outsideAsEntity, int entityAsOutside, int entityAsEntity) {

  /** Checks that the counts are not negative. */
  public TokenConfusion {
    if (outsideAsOutside < 0 || outsideAsEntity < 0 || entityAsOutside < 0 || entityAsEntity < 0) {
      throw new IllegalArgumentException("negative token count");
    }
  }

  /** Tokens whose gold tag is O. */
  public int goldOutside() {
    return outsideAsOutside + outsideAsEntity;
  }

  /** Tokens whose gold tag is an entity tag. */
  public int goldEntity() {
    return entityAsOutside + entityAsEntity;
  }

  /** Percentage of gold-O tokens predicted O. */
  public double outsideRecall() {
    return percent(outsideAsOutside, goldOutside());
  }

  /** Percentage of gold entity tokens predicted as some entity. */
  public double entityRecall() {
    return percent(entityAsEntity, goldEntity());
  }

  /** Percentage of tokens predicted as some entity that are gold entity tokens. */
  public double entityPrecision() {
    return percent(entityAsEntity, outsideAsEntity + entityAsEntity);
  }

  /** Percentage of all tokens whose gold tag is O. */
  public double goldOutsideShare() {
    return percent(goldOutside(), goldOutside() + goldEntity());
  }

  private static double percent(int part, int whole) {
    return whole > 0 ? 100.0 * part / whole : 0.0;
  }
}
