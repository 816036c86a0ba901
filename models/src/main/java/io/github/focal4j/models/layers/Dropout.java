package io.github.focal4j.models.layers;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Module;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout with probability {@code p} while training (kept elements scaled by {@code
 * 1/(1-p)}); the identity in eval mode. The mask comes from the generator the caller passes, so a
 * seeded stream gives the same mask every run.
 */
public final class Dropout extends Module {

  private final double p;

  /**
   * @throws IllegalArgumentException unless {@code 0 <= p < 1}
   */
  public Dropout(double p) {
    Preconditions.checkArgument(p >= 0 && p < 1, "Dropout: p must be in [0, 1), got %s", p);
    this.p = p;
  }

  public double p() {
    return p;
  }

  /**
   * @param rng the mask's generator; required while training with {@code p > 0}, ignored otherwise
   * @throws IllegalArgumentException if training with {@code p > 0} and {@code rng} is null
   */
  public Tensor forward(Tensor x, RandomGenerator rng) {
    if (!isTraining() || p == 0) {
      return x;
    }
    Preconditions.checkArgument(
        rng != null, "Dropout: a random generator is needed in training mode");
    return x.dropout(p, rng);
  }

  @Override
  public Dropout replica() {
    return inSameMode(new Dropout(p));
  }
}
