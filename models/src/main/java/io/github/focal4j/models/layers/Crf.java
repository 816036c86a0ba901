package io.github.focal4j.models.layers;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Module;
import io.github.focal4j.models.data.Lengths;
import io.github.focal4j.models.ops.CrfMarginals;
import io.github.focal4j.models.ops.CrfNll;
import io.github.focal4j.models.ops.TransitionMask;
import io.github.focal4j.models.ops.Viterbi;
import java.util.random.RandomGenerator;

/**
 * A linear-chain CRF over per-token emission scores (Lample et al. 2016; the parameterisation of
 * pytorch-crf): {@code transitions [C, C]} ({@code [i, j]}: tag i followed by tag j), {@code start
 * [C]}, {@code end [C]}, all uniform in ±0.1. Training minimises the per-sentence negative
 * log-likelihood ({@link CrfNll}, forward algorithm, gradient = marginals − gold counts) and/or a
 * per-token loss of the token marginals ({@link CrfMarginals}, forward–backward, see {@link
 * io.github.focal4j.models.Objective#crf}); prediction is Viterbi decoding. An optional {@link
 * TransitionMask} (BIO or BIOES) forbids invalid moves in both.
 */
public final class Crf extends Module {

  private final Tensor transitions;
  private final Tensor start;
  private final Tensor end;
  private final TransitionMask mask;

  /**
   * @throws IllegalArgumentException if the mask is for another number of tags
   */
  public Crf(int numTags, TransitionMask mask, RandomGenerator rng) {
    this(
        Init.uniform(rng, 0.1, checked(numTags, mask), numTags),
        Init.uniform(rng, 0.1, numTags),
        Init.uniform(rng, 0.1, numTags),
        mask);
  }

  /**
   * A CRF with every score zero, for parameters read from a file.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public static Crf zeros(int numTags, TransitionMask mask) {
    return new Crf(
        Tensor.zeros(checked(numTags, mask), numTags),
        Tensor.zeros(numTags),
        Tensor.zeros(numTags),
        mask);
  }

  /** {@code numTags}, once it is checked against the mask. */
  private static int checked(int numTags, TransitionMask mask) {
    Preconditions.checkArgument(numTags > 0, "Crf: numTags must be positive, got %s", numTags);
    Preconditions.checkArgument(
        mask.numTags() == numTags, "Crf: mask for %s tags, CRF has %s", mask.numTags(), numTags);
    return numTags;
  }

  private Crf(Tensor transitions, Tensor start, Tensor end, TransitionMask mask) {
    this.transitions = registerParameter("transitions", transitions);
    this.start = registerParameter("start", start);
    this.end = registerParameter("end", end);
    this.mask = mask;
  }

  /**
   * @param emissions {@code [N, C]} packed
   * @param tags gold tags, packed
   * @return {@code [B]} negative log-likelihood of each sentence
   */
  public Tensor nll(Tensor emissions, Lengths lengths, int[] tags) {
    return CrfNll.apply(emissions, lengths, tags, transitions, start, end, mask);
  }

  /**
   * @param emissions {@code [N, C]} packed
   * @return {@code [N, C]} packed token log-marginals {@code log p(y_t = c | x)}, −∞ where the mask
   *     makes tag c impossible at position t
   */
  public Tensor logMarginals(Tensor emissions, Lengths lengths) {
    return CrfMarginals.apply(emissions, lengths, transitions, start, end, mask);
  }

  /**
   * Both at once, from one forward–backward pass ({@link CrfMarginals#applyWithLikelihood}).
   *
   * @param tags gold tags, packed
   */
  public CrfMarginals.WithLikelihood logMarginalsAndNll(
      Tensor emissions, Lengths lengths, int[] tags) {
    return CrfMarginals.applyWithLikelihood(
        emissions, lengths, tags, transitions, start, end, mask);
  }

  /** The best tag sequences, packed. */
  public int[] decode(Tensor emissions, Lengths lengths) {
    return Viterbi.decode(emissions, lengths, transitions, start, end, mask);
  }

  public TransitionMask mask() {
    return mask;
  }

  @Override
  public Crf replica() {
    return inSameMode(new Crf(transitions.replica(), start.replica(), end.replica(), mask));
  }
}
