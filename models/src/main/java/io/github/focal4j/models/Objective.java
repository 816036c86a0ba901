package io.github.focal4j.models;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.MultiClassLoss;
import io.github.focal4j.models.data.Batch;
import java.util.random.RandomGenerator;

/**
 * What training minimises for a batch: a mean per real token, so learning rates carry over between heads and
 * a batch split into shards can be recombined by token counts.
 *
 * <ul>
 *   <li>{@link #tokenLoss(MultiClassLoss)} — softmax head: {@code loss.apply(logits [B,T,C], tags [B,T],
 *       mask [B,T])}, padding masked out. Any loss of loss-core (cross-entropy, hard truncation, softened
 *       σ(Kx), focal) works; it should use {@code Reduction.MEAN} (the mean over valid tokens).</li>
 *   <li>{@link #crfLikelihood()} — CRF head: {@code Σ_sentences (log Z − score(gold)) / tokens}.</li>
 * </ul>
 *
 * <p><b>Why the imbalance losses do not apply to the CRF head.</b> The losses of loss-core reshape a
 * per-token probability {@code p_t} (focal: {@code −(1−p_t)^γ log p_t}; truncation: drop tokens already
 * right). A CRF has no independent per-token term to reshape: its likelihood is one number per sentence,
 * {@code log p(y|x)}, coupled across tokens by the partition function. Two ways out were considered and
 * rejected: (1) weighting the emissions of entity tokens changes the model's scores, not the loss, and the
 * result is no longer a likelihood of anything; (2) a focal factor on the sentence,
 * {@code −(1 − p(y|x))^γ log p(y|x)}, is well defined but almost inert — {@code p(y|x)} of a whole sentence is
 * small, so the factor is ≈ 1 — and it down-weights easy <em>sentences</em>, not the majority class {@code O}.
 * Token-level marginal losses on the CRF would be principled but are a different model (a CRF trained by
 * marginal likelihood) and are left out. So: imbalance losses are compared with the softmax head; the CRF head
 * is the structured baseline.
 */
public sealed interface Objective {

  /**
   * The objective of one batch (or shard).
   *
   * @param dropoutRng dropout masks' generator (training mode)
   * @throws IllegalArgumentException if the objective does not fit the model's head, or the batch is unlabeled
   */
  Tensor loss(TokenClassifier model, Batch batch, RandomGenerator dropoutRng);

  /** A per-token loss on the softmax head. */
  static Objective tokenLoss(MultiClassLoss loss) {
    return new TokenLoss(loss);
  }

  /** The CRF head's sequence negative log-likelihood, per token. */
  static Objective crfLikelihood() {
    return new CrfLikelihood();
  }

  /** The natural objective of a head: {@code loss} for the softmax head, the likelihood for the CRF head. */
  static Objective forHead(Head head, MultiClassLoss loss) {
    return head == Head.CRF ? crfLikelihood() : tokenLoss(loss);
  }

  /** @param loss a mean-reduced multi-class loss */
  record TokenLoss(MultiClassLoss loss) implements Objective {
    public TokenLoss {
      Preconditions.checkArgument(loss != null, "loss must not be null");
    }

    @Override
    public Tensor loss(TokenClassifier model, Batch batch, RandomGenerator dropoutRng) {
      Preconditions.checkArgument(model.config().head() == Head.SOFTMAX,
          "a per-token loss needs the softmax head; the CRF head trains with Objective.crfLikelihood()");
      Preconditions.checkArgument(batch.isLabeled(), "training needs a labeled batch");
      return loss.apply(model.logits(batch, dropoutRng), batch.tagIds(), batch.mask());
    }
  }

  /** Sentence NLL summed over the batch, divided by its number of tokens. */
  record CrfLikelihood() implements Objective {
    @Override
    public Tensor loss(TokenClassifier model, Batch batch, RandomGenerator dropoutRng) {
      Preconditions.checkArgument(model.config().head() == Head.CRF,
          "the CRF likelihood needs the CRF head; the softmax head trains with Objective.tokenLoss(loss)");
      Preconditions.checkArgument(batch.isLabeled(), "training needs a labeled batch");
      Tensor nll = model.crf().nll(model.emissions(batch, dropoutRng), batch.lengths(),
          TokenClassifier.goldTags(batch));
      return nll.sum().div(Math.max(1, batch.tokens()));
    }
  }
}
