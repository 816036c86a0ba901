package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.MarginLanes;
import io.github.focal4j.loss.engine.RowLanes;
import io.github.focal4j.loss.engine.Scalar;
import io.github.focal4j.loss.engine.SoftenedLanes;
import io.github.focal4j.loss.engine.SoftmaxRowLanes;

/**
 * The softened ("soft truncation") loss L**: hard truncation's step λ = θ(m − p_t) (m = 0.5) with
 * the unit step θ(x) = lim σ(Kx) replaced by σ(Kx), so that the weight is differentiable and the
 * gradient flows through it — the model also learns to keep right samples right.
 *
 * <pre>
 *   binary:       L** = −σ(−Kx)·log σ(x)  for y = 1,      −σ(Kx)·log σ(−x)  for y = 0
 *                     = σ(−Kz) · CE(z)    with z = (2y − 1)·x
 *   multi-class:  L** = σ(−K z_t) · CE(z_t),  z_t = x_t − log Σ_{j≠t} e^{x_j}  ({@link MultiClassWeight#MARGIN})
 *             or  L** = −softmax(−Kx)_t · log softmax(x)_t                     ({@link MultiClassWeight#SOFTMAX})
 *   d/dz [σ(−Kz)·CE(z)] = −K σ(−Kz)σ(Kz)·CE(z) − σ(−Kz)·σ(−z)
 * </pre>
 *
 * <p>With K = 1 (and no α) the binary L** is the focal loss with γ = 1: σ(−z) = 1 − p_t. As K
 * grows, σ(−Kz) tends to θ(−z) and L** to hard truncation at m = 0.5, pointwise for z ≠ 0. Both
 * hold for the multi-class {@code MARGIN} weight (the default) at every C; the {@code SOFTMAX}
 * weight (the formula of Su Jianlin, 2017, 《从loss的硬截断、软化到focal loss》, the article this family
 * follows) agrees with them only at C = 2 — for C &gt; 2, softmax(−x)_t ≠ 1 − softmax(x)_t, and as
 * K → ∞ its weight selects the least-likely class rather than "p_t ≤ 0.5" (tests pin both facts
 * down).
 *
 * <p>Hyperparameters: K &gt; 0 (default 1); {@link WeightGradient} (default {@code FULL}; {@code
 * DETACHED} stops the gradient through the weight, turning L** back into a reweighted
 * cross-entropy, for the experiment the article proposes). α and the shared options as in {@link
 * BinaryLossBuilder} / {@link MultiClassLossBuilder}.
 *
 * <pre>{@code
 * BinaryLoss soft = SoftenedLoss.binary().k(2).build();
 * MultiClassLoss soft = SoftenedLoss.multiClass().k(2).build();                       // MARGIN
 * MultiClassLoss article = SoftenedLoss.multiClass().k(2).weight(SoftenedLoss.MultiClassWeight.SOFTMAX).build();
 * }</pre>
 */
public final class SoftenedLoss extends BuiltInMargin {

  static final String NAME = "SoftenedLoss";

  /** The multi-class weight. */
  public enum MultiClassWeight {
    /**
     * {@code softmax(−Kx)_t}, the multi-class formula of Su Jianlin's article, kept by name. With
     * many classes it is a poor weight: it is largest when the target is the <em>least</em> likely
     * class, not when p_t ≤ 0.5, and an undecided sample (equal logits) gets 1/C rather than the
     * binary loss's 1/2. Measured on NER (9 tags, the {@code ner-demo compare} runs in the root
     * README) it collapses training to all-{@code O}: entity F1 2.2 on CoNLL-2003 and 7.5 on the
     * synthetic corpus, where {@link #MARGIN} and focal loss reach the level of cross-entropy.
     * Hence the default {@link #MARGIN}.
     */
    SOFTMAX,
    /**
     * {@code σ(−K z_t)} with z_t the target's margin: the binary weight applied to {@code
     * logit(p_t)}. The default.
     */
    MARGIN
  }

  private final double k;
  private final WeightGradient weightGradient;

  private SoftenedLoss(double k, WeightGradient weightGradient) {
    this.k = Params.positive(NAME, "k", k);
    this.weightGradient = Params.notNull(NAME, "weightGradient", weightGradient);
  }

  /**
   * The margin function σ(−Kz)·CE(z), for composing new losses.
   *
   * @throws IllegalArgumentException unless K &gt; 0 and finite
   */
  public static SoftenedLoss function(double k, WeightGradient weightGradient) {
    return new SoftenedLoss(k, weightGradient);
  }

  public static Binary binary() {
    return new Binary();
  }

  public static MultiClass multiClass() {
    return new MultiClass();
  }

  /** The weight σ(−Kz): the soft version of θ(−z) = [p_t &lt; 1/2]. */
  public Tensor weight(Tensor z) {
    Tensor w = z.mul(-k).sigmoid();
    return weightGradient == WeightGradient.DETACHED ? w.detach() : w;
  }

  @Override
  public Tensor composed(Tensor z, Tensor alpha) {
    Tensor loss = weight(z).mul(CrossEntropyLoss.of(z));
    return alpha == null ? loss : alpha.mul(loss);
  }

  @Override
  public double valueAndSlope(double z, double alpha, double[] slope) {
    double e = Math.exp(-Math.abs(z));
    double r = 1.0 / (1.0 + e);
    double ce = Math.max(-z, 0.0) + Scalar.log1p01(e, r);
    double kz = z * -k;
    double ek = Scalar.pow(e, -Math.abs(z), k); // exp(−K|z|) = e^K
    double rk = 1.0 / (1.0 + ek);
    double w = Scalar.p(kz, ek, rk); // σ(−Kz)
    double dw = weightGradient == WeightGradient.DETACHED ? 0.0 : -k * w * Scalar.q(kz, ek, rk);
    slope[0] = alpha * (dw * ce - w * Scalar.q(z, e, r));
    return alpha * w * ce;
  }

  @Override
  MarginLanes lanes() {
    return new SoftenedLanes(k, weightGradient == WeightGradient.DETACHED);
  }

  /**
   * The softened loss's hyperparameters.
   *
   * @param k K &gt; 0, the steepness of σ(Kx); default 1 (binary L** = focal loss with γ = 1)
   * @param weightGradient whether the gradient flows through the weight; default {@link
   *     WeightGradient#FULL}
   * @param multiClassWeight the multi-class weight (the binary loss has one weight, σ(−Kz), which
   *     both multi-class weights reduce to at C = 2); default {@link MultiClassWeight#MARGIN}
   */
  public record Config(double k, WeightGradient weightGradient, MultiClassWeight multiClassWeight) {
    /** K = 1, gradient through the weight, {@link MultiClassWeight#MARGIN}. */
    public static final Config DEFAULT =
        new Config(1, WeightGradient.FULL, MultiClassWeight.MARGIN);

    /**
     * @throws IllegalArgumentException unless K &gt; 0 and finite; for a null
     */
    public Config {
      Params.positive(NAME, "k", k);
      Params.notNull(NAME, "weightGradient", weightGradient);
      Params.notNull(NAME, "weight", multiClassWeight);
    }

    public Config withK(double newK) {
      return new Config(newK, weightGradient, multiClassWeight);
    }

    public Config withWeightGradient(WeightGradient w) {
      return new Config(k, w, multiClassWeight);
    }

    public Config withMultiClassWeight(MultiClassWeight w) {
      return new Config(k, weightGradient, w);
    }
  }

  /** {@code soft(k=1)}, {@code soft(k=2,soft-weight=softmax,detach-weight)}. */
  public static final LossType<Config> TYPE =
      LossType.of(
          "soft",
          Config.DEFAULT,
          c -> binary().config(c),
          c -> multiClass().config(c),
          Hyperparameter.number("k", Config::k, Config::withK),
          Hyperparameter.choice(
              "soft-weight",
              MultiClassWeight.class,
              Config::multiClassWeight,
              Config::withMultiClassWeight),
          Hyperparameter.flag(
              "detach-weight",
              c -> c.weightGradient() == WeightGradient.DETACHED,
              c -> c.withWeightGradient(WeightGradient.DETACHED)));

  /** The setters both builders share; each replaces one value of the {@link Config}. */
  public interface Setters<B> {
    /** The hyperparameters set so far. */
    Config config();

    /** Replaces all hyperparameters. */
    B config(Config config);

    /**
     * K &gt; 0, the steepness of σ(Kx) ({@link Config#k}). Default 1 (binary L** = focal loss with
     * γ = 1).
     */
    default B k(double k) {
      return config(config().withK(k));
    }

    /** Whether the gradient flows through the weight; default {@link WeightGradient#FULL}. */
    default B weightGradient(WeightGradient weightGradient) {
      return config(config().withWeightGradient(weightGradient));
    }
  }

  /** Builder of the binary softened loss. */
  public static final class Binary extends ConfiguredBinaryBuilder<Config, Binary>
      implements Setters<Binary> {
    Binary() {
      super(NAME, Config.DEFAULT);
    }

    @Override
    public BinaryLoss build() {
      return build(
          function(config().k(), config().weightGradient()),
          0.0,
          NAME + ".binary(k=" + config().k() + ", weightGradient=" + config().weightGradient());
    }
  }

  /** Builder of the multi-class softened loss. */
  public static final class MultiClass extends ConfiguredMultiClassBuilder<Config, MultiClass>
      implements Setters<MultiClass> {
    MultiClass() {
      super(NAME, Config.DEFAULT);
    }

    /**
     * Which multi-class weight ({@link Config#multiClassWeight}); default {@link
     * MultiClassWeight#MARGIN}.
     */
    public MultiClass weight(MultiClassWeight weight) {
      return config(config().withMultiClassWeight(weight));
    }

    @Override
    public MultiClassLoss build() {
      double k = config().k();
      WeightGradient weightGradient = config().weightGradient();
      MultiClassWeight weight = config().multiClassWeight();
      RowKernel kernel =
          weight == MultiClassWeight.MARGIN
              ? rows(function(k, weightGradient), 0.0)
              : new SoftmaxRows(k, weightGradient);
      return build(
          kernel,
          NAME
              + ".multiClass(k="
              + k
              + ", weight="
              + weight
              + ", weightGradient="
              + weightGradient);
    }
  }

  /**
   * The article's multi-class form {@code α_t · softmax(−Kx)_t · CE(z_t)}. The weight is computed
   * as {@code softmax(v)_t = σ(v_t − log Σ_{j≠t} e^{v_j})}, v = −Kx: the sigmoid of the target's
   * margin in the scaled, negated logits, accurate even where {@code log softmax} would lose digits
   * to a large log-sum-exp. Fused row: one pass for the margin z_t of x, one for the margin z'_t of
   * v; then {@code ∂w/∂x = −K·w(1 − w)·∂z'_t/∂v}.
   */
  static final class SoftmaxRows implements RowKernel {
    private final double k;
    private final WeightGradient weightGradient;

    SoftmaxRows(double k, WeightGradient weightGradient) {
      this.k = k;
      this.weightGradient = weightGradient;
    }

    @Override
    public Tensor composed(Tensor logits, IntTensor targets, Tensor alpha) {
      Tensor w = Margin.multiClass(logits.mul(-k), targets).sigmoid(); // softmax(−Kx)_t
      if (weightGradient == WeightGradient.DETACHED) {
        w = w.detach();
      }
      Tensor loss = w.mul(CrossEntropyLoss.of(Margin.multiClass(logits, targets)));
      return alpha == null ? loss : alpha.indexSelect(0, targets.buffer()).mul(loss);
    }

    @Override
    public double row(
        double[] x,
        int off,
        int classes,
        int t,
        double[] alpha,
        double coef,
        double[] grad,
        Scratch scratch) {
      double[] e =
          scratch.a; // [0, C): e^{x_j − max_{k≠t} x_k}; [C, 2C): the same for v = −Kx; 0 at t
      double negK = -k;
      double max = Double.NEGATIVE_INFINITY;
      double maxV = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < classes; j++) {
        if (j != t) {
          max = Math.max(max, x[off + j]);
          maxV = Math.max(maxV, x[off + j] * negK);
        }
      }
      double sum = 0;
      double sumV = 0;
      for (int j = 0; j < classes; j++) {
        e[j] = j == t ? 0.0 : Math.exp(x[off + j] - max);
        sum += e[j];
        e[classes + j] = j == t ? 0.0 : Math.exp(x[off + j] * negK - maxV);
        sumV += e[classes + j];
      }
      double z = x[off + t] - (max + Math.log(sum));
      double ez = Math.exp(-Math.abs(z));
      double rz = 1.0 / (1.0 + ez);
      double ce = Math.max(-z, 0.0) + Scalar.log1p01(ez, rz);
      double zv = x[off + t] * negK - (maxV + Math.log(sumV));
      double ev = Math.exp(-Math.abs(zv));
      double rv = 1.0 / (1.0 + ev);
      double w = Scalar.p(zv, ev, rv); // softmax(−Kx)_t
      double at = alpha == null ? 1.0 : alpha[t];
      if (grad != null) {
        double a = coef * at;
        double dz = -a * w * Scalar.q(z, ez, rz); // ∂ℓ/∂z_t
        double dzv =
            weightGradient == WeightGradient.DETACHED
                ? 0.0
                : a * ce * w * Scalar.q(zv, ev, rv) * negK; // ∂ℓ/∂z'_t · ∂v/∂x
        double kz = -dz / sum;
        double kv = -dzv / sumV;
        for (int j = 0; j < classes; j++) {
          grad[off + j] = kz * e[j] + kv * e[classes + j];
        }
        grad[off + t] = dz + dzv;
      }
      return at * w * ce;
    }

    @Override
    public RowLanes lanes() {
      return new SoftmaxRowLanes(k, weightGradient == WeightGradient.DETACHED);
    }
  }
}
