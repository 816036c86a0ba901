package io.github.focal4j.loss;

import static io.github.focal4j.loss.LaneMath.LENGTH;
import static io.github.focal4j.loss.LaneMath.SPECIES;
import static jdk.incubator.vector.DoubleVector.fromArray;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.LT;

import io.github.focal4j.autodiff.Tensor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

/**
 * Tversky loss (Salehi, Erdogmus and Gholipour 2017, "Tversky loss function for image segmentation using 3D
 * fully convolutional deep networks"; the Tversky index is Tversky 1977), per token: one minus the Tversky
 * index, which weights false positives by α and false negatives by β:
 *
 * <pre>
 *   TL(p, y) = 1 − TI,   TI = (p·y + γ) / (p·y + α·p·(1 − y) + β·(1 − p)·y + γ),     p = σ(z)
 *            = β·(1 − p) / (p + β·(1 − p) + γ)   for y = 1,      α·p / (α·p + γ)   for y = 0
 *   dTL/dz = −β·(1 + γ)·p(1 − p) / (p + β(1 − p) + γ)²   (y = 1),   α·γ·p(1 − p) / (α·p + γ)²   (y = 0)
 * </pre>
 *
 * α = β = ½ is the smoothed Dice loss: {@code Tversky(½, ½, γ) = 1 − (2py + 2γ)/(p + y + 2γ)}, i.e.
 * {@link DiceLoss} with self-adjusting α = 0 and smoothing 2γ. β &gt; α penalises missed positives (false
 * negatives) more, the usual setting for a rare positive class (Salehi et al. use α = 0.3, β = 0.7).
 * {@code 1 − p = σ(−z)} is never computed as a difference, so the loss and its gradient are accurate at
 * saturated logits (±1e4).
 *
 * <p><b>Binary</b>: p = σ(x), y ∈ {0, 1}, one term per element. <b>Multi-class</b>: one-vs-rest per class,
 * summed over classes per token, {@code ℓ = Σ_c α_c · TL(softmax(x)_c, [c = t])} with optional per-class
 * weights α_c — per token, not over the batch (see {@link DiceLoss} for why, and how the set-level form
 * differs).
 *
 * <p><b>Options</b> (defaults): false-positive weight α ≥ 0 ({@link Binary#falsePositiveWeight}, default ½),
 * false-negative weight β ≥ 0 ({@link Binary#falseNegativeWeight}, default ½), smoothing γ &gt; 0
 * ({@link Binary#smooth}, default 1; γ = 0 would make the y = 0 term 0/0 where p underflows). Class balance
 * α_t ({@link BinaryLossBuilder#alpha}) weights each element's loss; per-class α_c weights each class's term.
 * Binary loss per element in [0, 1); multi-class per token in [0, C). Invalid hyperparameters throw
 * {@link IllegalArgumentException} naming the loss, the parameter and the value. Fused kernels: binary scalar
 * and Vector API; multi-class scalar.
 *
 * <pre>{@code
 * BinaryLoss tl = TverskyLoss.binary().falsePositiveWeight(0.3).falseNegativeWeight(0.7).build();
 * }</pre>
 */
public final class TverskyLoss implements IndicatorFunction {

  static final String NAME = "TverskyLoss";

  private final double alpha;
  private final double beta;
  private final double gamma;

  private TverskyLoss(double alpha, double beta, double gamma) {
    this.alpha = Params.nonNegative(NAME, "falsePositiveWeight", alpha);
    this.beta = Params.nonNegative(NAME, "falseNegativeWeight", beta);
    this.gamma = Params.positive(NAME, "smooth", gamma);
  }

  /**
   * The per-element function, for composing new losses.
   *
   * @throws IllegalArgumentException for α or β negative or non-finite, γ ≤ 0 or non-finite
   */
  public static TverskyLoss function(double alpha, double beta, double gamma) {
    return new TverskyLoss(alpha, beta, gamma);
  }

  /** A builder of the binary (sigmoid) Tversky loss. */
  public static Binary binary() {
    return new Binary();
  }

  /** A builder of the multi-class (softmax, one-vs-rest) Tversky loss. */
  public static MultiClass multiClass() {
    return new MultiClass();
  }

  /** {@code 1 − (py + γ)/(py + α·p(1 − y) + β·(1 − p)y + γ)} from autodiff primitives. */
  @Override
  public Tensor composed(Tensor z, Tensor y) {
    Tensor yd = y.detach();
    Tensor p = z.sigmoid();
    Tensor q = z.neg().sigmoid(); // 1 − p
    Tensor tp = p.mul(yd);
    Tensor fp = p.mul(yd.rsub(1.0)).mul(alpha);
    Tensor fn = q.mul(yd).mul(beta);
    return tp.add(gamma).div(tp.add(fp).add(fn).add(gamma)).rsub(1.0);
  }

  @Override
  public double valueAndSlope(double z, boolean positive, double[] slope) {
    double e = Math.exp(-Math.abs(z));
    double r = 1.0 / (1.0 + e);
    double p = Scalar.p(z, e, r);
    double q = Scalar.q(z, e, r);
    if (positive) {
      double d = p + beta * q + gamma;
      slope[0] = -beta * (1.0 + gamma) * p * q / (d * d);
      return beta * q / d;
    }
    double d = alpha * p + gamma;
    slope[0] = alpha * gamma * p * q / (d * d);
    return alpha * p / d;
  }

  IndicatorLanes lanes() {
    return new Lanes(alpha, beta, gamma);
  }

  /** {@link #valueAndSlope} on vectors, step for step (the binary fused kernel's vector path). */
  static final class Lanes extends IndicatorLanes {
    private final double alpha;
    private final double beta;
    private final double gamma;

    Lanes(double alpha, double beta, double gamma) {
      this.alpha = alpha;
      this.beta = beta;
      this.gamma = gamma;
    }

    @Override
    void valuesAndSlopes(double[] zs, double[] ys, double[] loss, double[] slope, int n) {
      sigmoidParts(zs, n); // e, r, q = σ(−z)
      for (int i = 0; i < n; i += LENGTH) {
        DoubleVector z = fromArray(SPECIES, zs, i);
        DoubleVector e = fromArray(SPECIES, this.e, i);
        DoubleVector r = fromArray(SPECIES, this.r, i);
        DoubleVector q = fromArray(SPECIES, this.q, i);
        DoubleVector p = r.blend(e.mul(r), z.compare(LT, 0.0)); // σ(z)
        VectorMask<Double> positive = fromArray(SPECIES, ys, i).compare(EQ, 1.0);
        DoubleVector d = p.mul(alpha).add(gamma).blend(p.add(q.mul(beta)).add(gamma), positive);
        DoubleVector numerator = p.mul(alpha).blend(q.mul(beta), positive);
        DoubleVector c = DoubleVector.broadcast(SPECIES, alpha * gamma).blend(-beta * (1.0 + gamma), positive);
        c.mul(p).mul(q).div(d.mul(d)).intoArray(slope, i);
        numerator.div(d).intoArray(loss, i);
      }
    }
  }

  @Override
  public String describe() {
    return "falsePositiveWeight=" + alpha + ", falseNegativeWeight=" + beta + ", smooth=" + gamma;
  }

  /** Builder of the binary Tversky loss. */
  public static final class Binary extends BinaryLossBuilder<Binary> {
    private double alpha = 0.5;
    private double beta = 0.5;
    private double gamma = 1.0;

    Binary() {
      super(NAME);
    }

    /** The Tversky α ≥ 0, weight of false positives {@code p·(1 − y)}; default ½. */
    public Binary falsePositiveWeight(double alpha) {
      this.alpha = Params.nonNegative(loss, "falsePositiveWeight", alpha);
      return this;
    }

    /** The Tversky β ≥ 0, weight of false negatives {@code (1 − p)·y}; default ½. */
    public Binary falseNegativeWeight(double beta) {
      this.beta = Params.nonNegative(loss, "falseNegativeWeight", beta);
      return this;
    }

    /** The smoothing γ &gt; 0 added to numerator and denominator; default 1. */
    public Binary smooth(double gamma) {
      this.gamma = Params.positive(loss, "smooth", gamma);
      return this;
    }

    @Override
    public BinaryLoss build() {
      TverskyLoss f = function(alpha, beta, gamma);
      return BinaryIndicatorLoss.of(this, f, NAME + ".binary(" + f.describe());
    }
  }

  /** Builder of the multi-class (one-vs-rest, summed over classes) Tversky loss. */
  public static final class MultiClass extends MultiClassLossBuilder<MultiClass> {
    private double alpha = 0.5;
    private double beta = 0.5;
    private double gamma = 1.0;

    MultiClass() {
      super(NAME);
    }

    /** The Tversky α ≥ 0 (false positives); default ½. */
    public MultiClass falsePositiveWeight(double alpha) {
      this.alpha = Params.nonNegative(loss, "falsePositiveWeight", alpha);
      return this;
    }

    /** The Tversky β ≥ 0 (false negatives); default ½. */
    public MultiClass falseNegativeWeight(double beta) {
      this.beta = Params.nonNegative(loss, "falseNegativeWeight", beta);
      return this;
    }

    /** The smoothing γ &gt; 0; default 1. */
    public MultiClass smooth(double gamma) {
      this.gamma = Params.positive(loss, "smooth", gamma);
      return this;
    }

    @Override
    public MultiClassLoss build() {
      TverskyLoss f = function(alpha, beta, gamma);
      return build(new OneVsRestRows(f), NAME + ".multiClass(" + f.describe());
    }
  }
}
