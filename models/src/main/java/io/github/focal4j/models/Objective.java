package io.github.focal4j.models;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.MultiClassLoss;
import io.github.focal4j.models.data.Batch;
import io.github.focal4j.models.layers.Crf;
import io.github.focal4j.models.ops.CrfMarginals;
import io.github.focal4j.models.ops.CrfNll;
import io.github.focal4j.models.ops.Packing;
import java.util.random.RandomGenerator;

/**
 * What training minimises for a batch: a mean per real token, so learning rates carry over between
 * heads and a batch split into shards can be recombined by token counts.
 *
 * <ul>
 *   <li>{@link #tokenLoss(MultiClassLoss)} — softmax head: {@code loss.apply(logits [B,T,C], tags
 *       [B,T], mask [B,T])}, padding masked out. Any loss of loss-core (cross-entropy, hard
 *       truncation, softened σ(Kx), focal) works; it should use {@code Reduction.MEAN} (the mean
 *       over valid tokens).
 *   <li>{@link #crfLikelihood()} — CRF head: {@code Σ_sentences (log Z − score(gold)) / tokens}.
 *   <li>{@link #crf(MultiClassLoss, double)} — CRF head, a loss of the token marginals mixed with
 *       the likelihood: {@code [μ · Σ_sentences NLL + (1 − μ) · Σ_tokens ℓ(p(y_t | x))] / tokens},
 *       μ ∈ [0, 1]; μ = 1 is {@link #crfLikelihood()}.
 * </ul>
 *
 * <p><b>The imbalance losses on the CRF head.</b> The losses of loss-core reshape a per-token
 * probability {@code p_t} (focal: {@code −(1−p_t)^γ log p_t}; truncation: drop tokens already
 * right). The CRF's likelihood has no such term: it is one number per sentence, {@code log p(y|x)},
 * coupled across tokens by the partition function. The CRF does have per-token probabilities,
 * though: the marginals {@code p(y_t = c | x) = exp(α_t(c) + β_t(c) − log Z)} of the
 * forward–backward algorithm, which sum over every tag sequence the model allows. {@link
 * #crf(MultiClassLoss, double)} applies any {@link MultiClassLoss} to them: the log-marginals
 * {@code [B, T, C]} are passed as the loss's logits (valid logits: their softmax is the marginals
 * themselves), so the loss sees {@code p_t = p(y_t = gold | x)} exactly and cross-entropy becomes
 * the token-wise marginal likelihood {@code −Σ_t log p(y_t | x)}. The gradient runs back through
 * forward–backward ({@link io.github.focal4j.models.ops.CrfMarginals}): every emission and
 * transition score moves every marginal. Prediction still decodes with Viterbi, and the constraints
 * (BIO/BIOES) hold in both terms.
 *
 * <p>This is not a re-weighting of the sentence likelihood. Re-weighting (entity emissions scaled
 * up, or a focal factor on the sentence, {@code −(1 − p(y|x))^γ log p(y|x)}) keeps one term per
 * sentence: the factor is ≈ 1 because the probability of a whole sentence is small, and it selects
 * hard <em>sentences</em>, not hard tokens. The marginal loss has one term per token, so a focal
 * factor {@code (1 − p_t)^γ} down-weights each easy {@code O} token on its own while the sentence's
 * other tokens keep their weight — the per-token behaviour the losses were designed for (Su
 * Jianlin, 2017, 《从loss的硬截断、软化到focal loss》; Lin et al. 2017) — with the CRF's transition structure
 * kept. With μ &gt; 0 the likelihood term also trains the probability of the whole gold sequence,
 * the quantity Viterbi decoding maximises; with μ = 0 only the marginals are trained (a CRF trained
 * by marginal likelihood when ℓ is cross-entropy).
 *
 * <p><b>Tags the constraints forbid.</b> Where the mask makes a tag impossible at a position (an
 * {@code I-} tag first under BIO), its marginal is exactly 0 and its log-marginal −∞, which no loss
 * accepts as a logit; it is passed as {@link CrfMarginal#IMPOSSIBLE_LOGIT} instead, whose
 * exponential underflows to exactly 0 next to the other tags, so every loss that depends on the
 * logits through their softmax (all of loss-core's) sees the same probabilities, and the constant
 * gets no gradient. A loss that also scores the non-gold tags' own log-probabilities — label
 * smoothing — would be infinite there; with the stand-in it is finite, has the right gradient, but
 * its value carries a large constant: do not use label smoothing with constrained CRF marginals.
 */
public sealed interface Objective {

  /**
   * The objective of one batch (or shard).
   *
   * @param dropoutRng dropout masks' generator (training mode)
   * @throws IllegalArgumentException if the objective does not fit the model's head, or the batch
   *     is unlabeled
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

  /**
   * The CRF head trained with a loss of its token marginals mixed with the sentence likelihood (see
   * above).
   *
   * @param loss a mean-reduced multi-class loss, applied to the log-marginals as logits
   * @param mu the likelihood's share μ ∈ [0, 1]; 1 is {@link #crfLikelihood()}
   * @throws IllegalArgumentException for a null loss or μ outside [0, 1] (naming mu and the value)
   */
  static Objective crf(MultiClassLoss loss, double mu) {
    return new CrfMarginal(loss, mu);
  }

  /** The head this objective trains. */
  Head head();

  /**
   * The natural objective of a head: {@code loss} for the softmax head, the likelihood for the CRF
   * head.
   */
  static Objective forHead(Head head, MultiClassLoss loss) {
    return head == Head.CRF ? crfLikelihood() : tokenLoss(loss);
  }

  /**
   * @param loss a mean-reduced multi-class loss
   */
  record TokenLoss(MultiClassLoss loss) implements Objective {
    public TokenLoss {
      Preconditions.checkArgument(loss != null, "loss must not be null");
    }

    @Override
    public Head head() {
      return Head.SOFTMAX;
    }

    @Override
    public Tensor loss(TokenClassifier model, Batch batch, RandomGenerator dropoutRng) {
      Preconditions.checkArgument(
          model.config().head() == Head.SOFTMAX,
          "a per-token loss needs the softmax head; the CRF head trains with Objective.crfLikelihood()");
      Preconditions.checkArgument(batch.isLabeled(), "training needs a labeled batch");
      return loss.apply(model.logits(batch, dropoutRng), batch.tagIds(), batch.mask());
    }
  }

  /** Sentence NLL summed over the batch, divided by its number of tokens. */
  record CrfLikelihood() implements Objective {
    @Override
    public Head head() {
      return Head.CRF;
    }

    @Override
    public Tensor loss(TokenClassifier model, Batch batch, RandomGenerator dropoutRng) {
      Preconditions.checkArgument(
          model.config().head() == Head.CRF,
          "the CRF likelihood needs the CRF head; the softmax head trains with Objective.tokenLoss(loss)");
      Preconditions.checkArgument(batch.isLabeled(), "training needs a labeled batch");
      Tensor nll =
          model
              .crf()
              .nll(
                  model.emissions(batch, dropoutRng),
                  batch.lengths(),
                  TokenClassifier.goldTags(batch));
      return nll.sum().div(Math.max(1, batch.tokens()));
    }
  }

  /**
   * {@code [μ · Σ_sentences NLL + (1 − μ) · Σ_tokens ℓ(p(y_t | x))] / tokens} on the CRF head.
   *
   * @param loss a mean-reduced multi-class loss (the mean over real tokens, as on the softmax head)
   * @param mu the likelihood's share, in [0, 1]
   */
  record CrfMarginal(MultiClassLoss loss, double mu) implements Objective {

    /**
     * The logit standing for an impossible tag's log-marginal (−∞): {@code exp(−1000)} is 0 in
     * double precision, so a softmax over the row gives that tag exactly 0.
     */
    public static final double IMPOSSIBLE_LOGIT = -1000.0;

    /**
     * @throws IllegalArgumentException for a null loss or μ outside [0, 1]
     */
    public CrfMarginal {
      Preconditions.checkArgument(loss != null, "loss must not be null");
      Preconditions.checkArgument(mu >= 0 && mu <= 1, "mu must be in [0, 1], got %s", mu);
    }

    @Override
    public Head head() {
      return Head.CRF;
    }

    @Override
    public Tensor loss(TokenClassifier model, Batch batch, RandomGenerator dropoutRng) {
      Preconditions.checkArgument(
          model.config().head() == Head.CRF,
          "a loss of the CRF marginals needs the CRF head; the softmax head trains with Objective.tokenLoss(loss)");
      Preconditions.checkArgument(batch.isLabeled(), "training needs a labeled batch");
      Crf crf = model.crf();
      Tensor emissions = model.emissions(batch, dropoutRng);
      int[] tags = TokenClassifier.goldTags(batch);
      if (mu == 1) {
        return crf.nll(emissions, batch.lengths(), tags).sum().div(Math.max(1, batch.tokens()));
      }
      Tensor logMarginals;
      Tensor nll = null;
      if (mu == 0) {
        // Gold tags the constraints forbid would meet a log-marginal of −∞: refuse them as the
        // likelihood does.
        CrfNll.checkGoldTags(batch.lengths(), tags, emissions.size(1), crf.mask());
        logMarginals = crf.logMarginals(emissions, batch.lengths());
      } else {
        CrfMarginals.WithLikelihood both =
            crf.logMarginalsAndNll(emissions, batch.lengths(), tags); // one pass
        logMarginals = both.logMarginals();
        nll = both.nll().sum().div(Math.max(1, batch.tokens()));
      }
      Tensor finite = logMarginals.maximum(Tensor.scalar(IMPOSSIBLE_LOGIT));
      Tensor tokenLoss =
          loss.apply(
              Packing.unpack(finite, batch.lengths(), batch.maxLength()),
              batch.tagIds(),
              batch.mask());
      return nll == null ? tokenLoss : nll.mul(mu).add(tokenLoss.mul(1 - mu));
    }
  }
}
