package io.github.focal4j.models.layers;

import com.google.common.base.Preconditions;
import io.github.focal4j.models.Module;
import io.github.focal4j.models.data.Vocabulary;
import java.util.random.RandomGenerator;

/**
 * Word dropout as unknown-word replacement: while training, each word id becomes {@link
 * Vocabulary#UNK} with probability {@code p} (one {@code nextDouble()} per id, in order); the
 * identity in eval mode. The model then sees every kind of word as {@code <unk>} now and then, so
 * the unknown-word vector is trained on more than the rare words and the character features learn
 * to carry the words the test data has never shown (Lample et al. 2016 replace singletons with
 * probability 0.5; flair's {@code WordDropout} zeroes whole word vectors instead).
 */
public final class WordDropout extends Module {

  private final double p;

  /**
   * @throws IllegalArgumentException unless {@code 0 <= p < 1}
   */
  public WordDropout(double p) {
    Preconditions.checkArgument(p >= 0 && p < 1, "WordDropout: p must be in [0, 1), got %s", p);
    this.p = p;
  }

  public double p() {
    return p;
  }

  /**
   * The ids to look up: {@code ids} itself in eval mode or with {@code p = 0}, else a copy with
   * some ids replaced by {@link Vocabulary#UNK}.
   *
   * @param rng the draws' generator; required while training with {@code p > 0}, ignored otherwise
   * @throws IllegalArgumentException if training with {@code p > 0} and {@code rng} is null
   */
  public int[] forward(int[] ids, RandomGenerator rng) {
    if (!isTraining() || p == 0) {
      return ids;
    }
    Preconditions.checkArgument(
        rng != null, "WordDropout: a random generator is needed in training mode");
    int[] out = ids.clone();
    for (int i = 0; i < out.length; i++) {
      if (rng.nextDouble() < p) {
        out[i] = Vocabulary.UNK;
      }
    }
    return out;
  }

  @Override
  public WordDropout replica() {
    return inSameMode(new WordDropout(p));
  }
}
