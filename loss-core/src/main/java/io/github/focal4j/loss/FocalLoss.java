package io.github.focal4j.loss;

import static io.github.focal4j.loss.LaneMath.LENGTH;
import static io.github.focal4j.loss.LaneMath.SPECIES;
import static jdk.incubator.vector.DoubleVector.fromArray;
import static jdk.incubator.vector.VectorOperators.LT;

import io.github.focal4j.autodiff.Tensor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

/**
 * Focal loss (Lin et al. 2017): cross-entropy down-weighted on easy samples by {@code (1 − p_t)^γ}.
 *
 * <pre>
 *   FL(z) = α_t · (1 − p_t)^γ · CE(z),   p_t = σ(z),   CE(z) = −log σ(z)
 *   (1 − p_t)^γ = exp(γ · log σ(−z))                                  computed in log space
 *   dFL/dz = −α_t (1 − p_t)^γ · (γ p_t · CE(z) + (1 − p_t))
 * </pre>
 *
 * Binary ({@code z = (2y − 1)x}) this is {@code −α(1 − ŷ)^γ log ŷ} for y = 1 and {@code −(1 − α)ŷ^γ log(1 − ŷ)}
 * for y = 0 — torchvision's {@code sigmoid_focal_loss}. Multi-class ({@code z = x_t − log Σ_{j≠t} e^{x_j}})
 * it is {@code −α_t (1 − softmax(x)_t)^γ log softmax(x)_t}.
 *
 * <p><b>Stability.</b> The factor is {@code exp(γ·log σ(−z))}, never {@code (1 − p)^γ}: for γ = 0 and
 * γ ∈ (0, 1) the derivative of {@code (1 − p)^γ} is infinite at p = 1 and a saturated logit gives 0·∞ = NaN
 * (kornia #918, #2115; optax #1267; keras-retinanet #706). In log space the loss and gradient are finite for
 * every finite logit, and multi-class {@code log(1 − p_t) = log σ(−z_t)} stays accurate where p_t rounds to 1
 * (where {@code log1p(−p_t)} would give −∞).
 *
 * <p><b>Options.</b> γ ≥ 0, default 2 (as torchvision, Keras, kornia). α: off by default (torchvision's
 * default is 0.25; see {@link BinaryLossBuilder#alpha}); per-class α for multi-class
 * ({@link MultiClassLossBuilder#classAlpha}, e.g. from {@link ClassBalanced}). Label smoothing s:
 * {@code Σ_j q_j·FL(z_j)} over the smoothed targets q — Keras's {@code CategoricalFocalCrossentropy}; for
 * binary the two-class form of it, which differs from Keras's {@code BinaryFocalCrossentropy} (that one uses a
 * single factor {@code (1 − p_t')^γ} computed from the smoothed target) so that every binary loss equals its
 * multi-class form on logits [0, x]. Reduced focal loss (Sergievskiy and Ponamarev 2019, as
 * segmentation_models_pytorch's {@code reduced_threshold}): the factor is 1 where {@code p_t < th} and
 * {@code ((1 − p_t)/th)^γ} elsewhere, with no gradient through the constant branch. {@link WeightGradient}:
 * {@code DETACHED} stops the gradient through the factor.
 *
 * <p><b>Differences.</b> α off by default; {@link Reduction#MEAN} divides by valid elements only (kornia
 * divides by all, padding included); invalid γ, α or thresholds are errors, not silent NaN.
 *
 * <pre>{@code
 * BinaryLoss fl = FocalLoss.binary().gamma(2).alpha(0.25).build();           // torchvision's defaults
 * MultiClassLoss fl = FocalLoss.multiClass().gamma(2).classAlpha(ClassBalanced.alpha(0.999, counts)).build();
 * }</pre>
 */
public final class FocalLoss implements MarginFunction {

  static final String NAME = "FocalLoss";

  private final double gamma;
  private final double reducedThreshold; // 0: off
  private final double thresholdFactor; // th^−γ (1 when off)
  private final WeightGradient weightGradient;

  private FocalLoss(double gamma, double reducedThreshold, WeightGradient weightGradient) {
    this.gamma = Params.nonNegative(NAME, "gamma", gamma);
    this.reducedThreshold = reducedThreshold == 0 ? 0 : Params.unitOpen(NAME, "reducedThreshold", reducedThreshold);
    this.thresholdFactor = reducedThreshold == 0 ? 1.0 : Math.pow(reducedThreshold, -gamma);
    this.weightGradient = Params.notNull(NAME, "weightGradient", weightGradient);
  }

  /**
   * The margin function, for composing new losses.
   *
   * @param reducedThreshold th ∈ (0, 1) for the reduced focal loss, or 0 for the plain one
   * @throws IllegalArgumentException for γ &lt; 0 or non-finite, or th outside (0, 1) and not 0
   */
  public static FocalLoss function(double gamma, double reducedThreshold, WeightGradient weightGradient) {
    return new FocalLoss(gamma, reducedThreshold, weightGradient);
  }

  public static Binary binary() {
    return new Binary();
  }

  public static MultiClass multiClass() {
    return new MultiClass();
  }

  /** {@code (1 − p_t)^γ = exp(γ · log σ(−z))}: finite, with a finite gradient, for every finite z and γ ≥ 0. */
  public static Tensor modulatingFactor(Tensor z, double gamma) {
    return z.neg().logSigmoid().mul(gamma).exp();
  }

  /**
   * The weight of this configuration: the modulating factor, or for the reduced focal loss
   * {@code p_t < th ? 1 : exp(γ · (log σ(−z) − log th))}; detached if so configured.
   */
  public Tensor weight(Tensor z) {
    Tensor w;
    if (reducedThreshold == 0) {
      w = modulatingFactor(z, gamma);
    } else {
      Tensor easy = z.sigmoid().rsub(reducedThreshold).step(); // 1 where p_t < th
      w = Tensor.where(easy, Tensor.scalar(1.0), z.neg().logSigmoid().sub(Math.log(reducedThreshold)).mul(gamma).exp());
    }
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
    double l = Scalar.log1p01(e, r);
    double ce = Math.max(-z, 0.0) + l; // −log p_t
    double p = Scalar.p(z, e, r);
    double q = Scalar.q(z, e, r); // 1 − p_t
    double w;
    double dw;
    if (reducedThreshold != 0 && Scalar.p(z, e) < reducedThreshold) {
      w = 1.0;
      dw = 0.0;
    } else {
      double logOneMinusP = -(Math.max(z, 0.0) + l); // log σ(−z)
      w = Scalar.pow(q, logOneMinusP, gamma) * thresholdFactor; // ((1 − p_t)/th)^γ
      dw = weightGradient == WeightGradient.DETACHED ? 0.0 : -gamma * p * w;
    }
    slope[0] = alpha * (dw * ce - w * q);
    return alpha * w * ce;
  }

  MarginLanes lanes() {
    return new Lanes(this);
  }

  /** {@link #valueAndSlope} on vectors, step for step (the fused kernels' vector path). */
  static final class Lanes extends MarginLanes {
    private final double gamma;
    private final double reducedThreshold; // 0 when off: no p_t is below it
    private final double thresholdFactor;
    private final double weightSlope; // dw = weightSlope·p·w: −γ, or 0 when detached

    Lanes(FocalLoss f) {
      this.gamma = f.gamma;
      this.reducedThreshold = f.reducedThreshold;
      this.thresholdFactor = f.thresholdFactor;
      this.weightSlope = f.weightGradient == WeightGradient.DETACHED ? 0.0 : -f.gamma;
    }

    @Override
    void valuesAndSlopes(double[] zs, double[] alpha, double[] loss, double[] slope, int n) {
      modulatingFactor(zs, gamma, n); // e, r, l; q = 1 − p_t; w = (1 − p_t)^γ
      for (int i = 0; i < n; i += LENGTH) {
        DoubleVector z = fromArray(SPECIES, zs, i);
        DoubleVector e = fromArray(SPECIES, this.e, i);
        DoubleVector r = fromArray(SPECIES, this.r, i);
        DoubleVector a = fromArray(SPECIES, alpha, i);
        DoubleVector ce = z.neg().max(0.0).add(fromArray(SPECIES, l, i)); // −log p_t
        DoubleVector p = r.blend(e.mul(r), z.compare(LT, 0.0)); // σ(z) = p_t
        DoubleVector q = fromArray(SPECIES, this.q, i); // 1 − p_t
        DoubleVector w = fromArray(SPECIES, this.w, i).mul(thresholdFactor); // ((1 − p_t)/th)^γ
        DoubleVector dw = p.mul(w).mul(weightSlope);
        VectorMask<Double> easy = p.compare(LT, reducedThreshold); // reduced focal: factor 1, no gradient
        w = w.blend(1.0, easy);
        dw = dw.blend(0.0, easy);
        a.mul(dw.mul(ce).sub(w.mul(q))).intoArray(slope, i);
        a.mul(w).mul(ce).intoArray(loss, i);
      }
    }
  }

  String describe() {
    return "gamma=" + gamma + (reducedThreshold != 0 ? ", reducedThreshold=" + reducedThreshold : "")
        + ", weightGradient=" + weightGradient;
  }

  /** Builder of the binary (sigmoid) focal loss. */
  public static final class Binary extends BinaryLossBuilder<Binary> {
    private double gamma = 2.0;
    private double smoothing;
    private double reducedThreshold;
    private WeightGradient weightGradient = WeightGradient.FULL;

    Binary() {
      super(NAME);
    }

    /** γ ≥ 0, the focusing parameter. Default 2. γ = 0 is cross-entropy. */
    public Binary gamma(double gamma) {
      this.gamma = Params.nonNegative(loss, "gamma", gamma);
      return this;
    }

    /** Label smoothing s ∈ [0, 1] (targets y(1 − s) + s/2). Default 0. */
    public Binary labelSmoothing(double s) {
      this.smoothing = Params.unitClosed(loss, "labelSmoothing", s);
      return this;
    }

    /** Reduced focal loss with threshold th ∈ (0, 1) (smp's {@code reduced_threshold}; the paper uses 0.5). */
    public Binary reducedThreshold(double th) {
      this.reducedThreshold = Params.unitOpen(loss, "reducedThreshold", th);
      return this;
    }

    /** Whether the gradient flows through the factor; default {@link WeightGradient#FULL}. */
    public Binary weightGradient(WeightGradient weightGradient) {
      this.weightGradient = Params.notNull(loss, "weightGradient", weightGradient);
      return this;
    }

    @Override
    public BinaryLoss build() {
      FocalLoss f = function(gamma, reducedThreshold, weightGradient);
      return build(f, smoothing, NAME + ".binary(" + f.describe() + ", labelSmoothing=" + smoothing);
    }
  }

  /** Builder of the multi-class (softmax) focal loss. */
  public static final class MultiClass extends MultiClassLossBuilder<MultiClass> {
    private double gamma = 2.0;
    private double smoothing;
    private double reducedThreshold;
    private WeightGradient weightGradient = WeightGradient.FULL;

    MultiClass() {
      super(NAME);
    }

    /** γ ≥ 0. Default 2. */
    public MultiClass gamma(double gamma) {
      this.gamma = Params.nonNegative(loss, "gamma", gamma);
      return this;
    }

    /** Label smoothing s ∈ [0, 1] (targets (1 − s)·onehot + s/C, Keras's categorical focal form). Default 0. */
    public MultiClass labelSmoothing(double s) {
      this.smoothing = Params.unitClosed(loss, "labelSmoothing", s);
      return this;
    }

    /** Reduced focal loss with threshold th ∈ (0, 1) on softmax(x)_t. */
    public MultiClass reducedThreshold(double th) {
      this.reducedThreshold = Params.unitOpen(loss, "reducedThreshold", th);
      return this;
    }

    /** Whether the gradient flows through the factor; default {@link WeightGradient#FULL}. */
    public MultiClass weightGradient(WeightGradient weightGradient) {
      this.weightGradient = Params.notNull(loss, "weightGradient", weightGradient);
      return this;
    }

    @Override
    public MultiClassLoss build() {
      FocalLoss f = function(gamma, reducedThreshold, weightGradient);
      return build(rows(f, smoothing), NAME + ".multiClass(" + f.describe() + ", labelSmoothing=" + smoothing);
    }
  }
}
