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
 * @param loss the per-token loss of the softmax head; plain cross-entropy for the CRF head, which
 *     trains with its sequence likelihood instead
 * @param selection which parameters the run ends with
 * @param evalEvery score the dev set every this many steps (0: only at epoch ends)
 */
public record RunSettings(
    TokenClassifierConfig model,
    TrainerConfig trainer,
    TagScheme tagging,
    LossSpec loss,
    Selection selection,
    int evalEvery) {

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
   * @throws IllegalArgumentException for IOB1 tagging, a negative interval, or a per-token loss
   *     other than plain cross-entropy on the CRF head
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
    if (model.head() == Head.CRF && !loss.equals(LossSpec.crossEntropy())) {
      throw new LossSpecException("--loss", "--loss " + loss + " needs --head softmax: the CRF head trains"
          + " with its sequence likelihood, which per-token losses cannot reshape");
    }
  }

  /** The same settings with another loss. */
  public RunSettings withLoss(LossSpec newLoss) {
    return new RunSettings(model, trainer, tagging, newLoss, selection, evalEvery);
  }

  /** The same settings with another seed (data order, dropout and initial parameters). */
  public RunSettings withSeed(long seed) {
    return new RunSettings(model, trainer.toBuilder().seed(seed).build(), tagging, loss, selection, evalEvery);
  }
}
