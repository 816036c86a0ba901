package io.github.focal4j.ner.experiment;

import io.github.focal4j.models.Head;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.training.TrainerConfig;
import io.github.focal4j.ner.data.TagScheme;
import java.util.Objects;

/**
 * Everything that decides the result of one training run besides the data: model, training, the
 * tagging scheme the model is trained on, the loss, how the final parameters are chosen and how
 * often the dev set is scored. The number of threads is not here: it never changes a result.
 *
 * @param model the architecture
 * @param trainer epochs, batches, optimizer, seed (also the seed of the initial parameters)...
 * @param tagging IOB2 or BIOES: the tags the model learns (data is converted on the way in)
 * @param loss the per-token loss: of the softmax head's probabilities, or of the CRF head's token
 *     marginals when {@code crfMix} &lt; 1; plain cross-entropy (unused) for the CRF head at {@code
 *     crfMix} 1
 * @param selection which parameters the run ends with
 * @param evalEvery score the dev set every this many steps (0: only at epoch ends)
 * @param crfMix the CRF head's objective μ · sentence NLL + (1 − μ) · Σ_t loss(p(y_t | x)), μ ∈ [0,
 *     1] ({@link io.github.focal4j.models.Objective#crf}); 1 (the likelihood alone) for the softmax
 *     head
 */
public record RunSettings(
    TokenClassifierConfig model,
    TrainerConfig trainer,
    TagScheme tagging,
    LossSpec loss,
    Selection selection,
    int evalEvery,
    double crfMix) {

  /** Which parameters a run ends with. */
  public enum Selection {
    /** The parameters after the last step: every run gets exactly the same budget. */
    LAST,
    /** The parameters of the epoch with the best dev F1 (the trainer's early-stopping choice). */
    BEST_DEV_EPOCH
  }

  /**
   * Checks the combination.
   *
   * @throws IllegalArgumentException for IOB1 tagging or a negative interval
   * @throws LossSpecException (naming the flag) for crfMix outside [0, 1], crfMix below 1 with the
   *     softmax head, a per-token loss other than plain cross-entropy on the CRF head at crfMix 1,
   *     or label smoothing on the CRF marginals
   */
  public RunSettings {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(tagging, "tagging");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(selection, "selection");
    if (tagging == TagScheme.IOB1) {
      throw new IllegalArgumentException("models are trained on IOB2 or BIOES tags, not IOB1");
    }
    if (evalEvery < 0) {
      throw new IllegalArgumentException("evalEvery must be >= 0, got " + evalEvery);
    }
    if (!(crfMix >= 0 && crfMix <= 1)) {
      throw new LossSpecException(
          "--crf-mix",
          "--crf-mix " + LossSpec.format(crfMix) + ": mu must be in [0, 1], got " + crfMix);
    }
    if (model.head() != Head.CRF && crfMix != 1) {
      throw new LossSpecException(
          "--crf-mix",
          "--crf-mix "
              + LossSpec.format(crfMix)
              + " needs --head crf:"
              + " it mixes the CRF's sentence likelihood with a loss of its token marginals");
    }
    if (model.head() == Head.CRF && crfMix == 1 && !loss.equals(LossSpec.crossEntropy())) {
      throw new LossSpecException(
          "--loss",
          "--loss "
              + loss
              + " needs --head softmax, or --crf-mix below 1 on the"
              + " CRF head (the loss then acts on the CRF's token marginals): at --crf-mix 1 the CRF trains with its"
              + " sequence likelihood alone");
    }
    double smoothing = loss.loss().number("label-smoothing").orElse(0);
    if (model.head() == Head.CRF && crfMix < 1 && smoothing > 0) {
      throw new LossSpecException(
          "--label-smoothing",
          "--label-smoothing "
              + LossSpec.format(smoothing)
              + " cannot act on the CRF marginals: it scores tags the transition constraints make impossible"
              + " (probability 0, log-probability -infinity)");
    }
  }

  /**
   * Settings with the CRF likelihood alone (crfMix 1): the softmax head, or the CRF head as before
   * mixing.
   */
  public RunSettings(
      TokenClassifierConfig model,
      TrainerConfig trainer,
      TagScheme tagging,
      LossSpec loss,
      Selection selection,
      int evalEvery) {
    this(model, trainer, tagging, loss, selection, evalEvery, 1.0);
  }

  /** Whether the CRF head trains with a loss of its marginals (crfMix below 1). */
  public boolean mixesCrfMarginals() {
    return crfMix < 1;
  }

  /** The same settings with another loss. */
  public RunSettings withLoss(LossSpec newLoss) {
    return new RunSettings(model, trainer, tagging, newLoss, selection, evalEvery, crfMix);
  }

  /** The same settings with another seed (data order, dropout and initial parameters). */
  public RunSettings withSeed(long seed) {
    return new RunSettings(
        model, trainer.toBuilder().seed(seed).build(), tagging, loss, selection, evalEvery, crfMix);
  }
}
