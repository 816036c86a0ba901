package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Shape;
import io.github.focal4j.autodiff.Tensor;

/**
 * MoM, majority-or-minority learning (Nemoto, Kitada and Iyatomi 2024, "Majority or Minority: Data Imbalance
 * Learning Method for Named Entity Recognition", IEEE Access): a base loss plus λ times the same loss computed
 * only on the elements whose gold class is the majority class (the {@code O} tag in NER):
 *
 * <pre>
 *   L_MoM = L(x, t; mask) + λ · L(x, t; mask ⊙ [t = O])
 * </pre>
 *
 * L is any {@link MultiClassLoss} (or {@link BinaryLoss}, with the majority class 0 or 1), with its own
 * reduction, normalization, ignore index, α, label smoothing and implementation; both terms use them. So with
 * {@link Reduction#MEAN} the second term is the mean over the valid {@code O} tokens (0 when a batch has
 * none); with {@link Reduction#SUM} it is their sum; with {@link Reduction#NONE} element i gets
 * {@code ℓ_i·(1 + λ·[t_i = O])}. The gradient is the two terms' gradients added: {@code ∂L/∂x + λ·∂L_O/∂x}.
 *
 * <p><b>Implementation.</b> MoM has no kernel of its own: it runs the base loss twice (the second time with
 * the non-{@code O} elements masked out) and adds the results with autodiff, so a base built with
 * {@link Implementation#FUSED} gives two fused passes and one built with {@link Implementation#COMPOSED} the
 * reference graph. (A single pass would weight each element by {@code 1 + λ·[t = O]·N/N_O}, which needs the
 * base's count of valid elements; two passes keep MoM independent of the base's internals.)
 *
 * <p><b>Options.</b> The majority class has no default and must be set ({@link MultiClass#majorityClass}); λ ≥ 0
 * finite, default 1 (Focal4J's choice: equal weight of the two terms; the paper tunes λ per data set). λ = 0
 * is the base loss. Invalid values throw {@link IllegalArgumentException} naming the loss, the parameter and
 * the value; a majority class outside the logits' C classes is reported when the loss is applied.
 *
 * <pre>{@code
 * MultiClassLoss mom = MomLoss.multiClass().base(CrossEntropyLoss.multiClass().build())
 *     .majorityClass(oTagIndex).lambda(1).build();
 * }</pre>
 */
public final class MomLoss {

  static final String NAME = "MomLoss";

  private MomLoss() {}

  /** A builder of MoM over a binary base loss. */
  public static Binary binary() {
    return new Binary();
  }

  /** A builder of MoM over a multi-class base loss. */
  public static MultiClass multiClass() {
    return new MultiClass();
  }

  /** λ ≥ 0 and finite. */
  static double checkLambda(double lambda) {
    return Params.nonNegative(NAME, "lambda", lambda);
  }

  /**
   * The mask of the second term: {@code mask ⊙ [target = majority]} (mask null: all 1). A mask value other
   * than 0 or 1 is left for the base loss to report (its first pass sees the caller's mask).
   */
  static Tensor majorityMask(Tensor mask, int n, int[] shape, java.util.function.IntPredicate isMajority) {
    double[] m = new double[n];
    double[] given = mask == null ? null : mask.buffer();
    for (int i = 0; i < n; i++) {
      m[i] = isMajority.test(i) ? (given == null ? 1.0 : given[i]) : 0.0;
    }
    return Tensor.of(m, shape);
  }

  /** L + λ·L_O, the two terms from the base's own apply. */
  static Tensor combine(Tensor all, Tensor majority, double lambda) {
    return all.add(majority.mul(lambda));
  }

  /** MoM over a binary base loss: the majority class is 0 or 1. */
  public static final class Binary {
    private BinaryLoss base;
    private Integer majority;
    private double lambda = 1.0;

    Binary() {}

    /** The base loss L (required). */
    public Binary base(BinaryLoss base) {
      this.base = Params.notNull(NAME, "base", base);
      return this;
    }

    /**
     * The majority class, 0 or 1 (required; usually 0, the negatives).
     *
     * @throws IllegalArgumentException for anything but 0 or 1
     */
    public Binary majorityClass(int majority) {
      if (majority != 0 && majority != 1) {
        throw new IllegalArgumentException(NAME + ": majorityClass of a binary loss must be 0 or 1, got " + majority);
      }
      this.majority = majority;
      return this;
    }

    /** λ ≥ 0, the weight of the majority-class term; default 1. */
    public Binary lambda(double lambda) {
      this.lambda = checkLambda(lambda);
      return this;
    }

    /** @throws IllegalArgumentException when the base loss or the majority class is not set */
    public BinaryLoss build() {
      if (base == null) {
        throw new IllegalArgumentException(NAME + ": base loss must be set (base(loss))");
      }
      if (majority == null) {
        throw new IllegalArgumentException(NAME + ": majorityClass must be set (0 or 1); there is no default");
      }
      return new BinaryMom(base, majority, lambda);
    }
  }

  /** MoM over a multi-class base loss. */
  public static final class MultiClass {
    private MultiClassLoss base;
    private Integer majority;
    private double lambda = 1.0;

    MultiClass() {}

    /** The base loss L (required). */
    public MultiClass base(MultiClassLoss base) {
      this.base = Params.notNull(NAME, "base", base);
      return this;
    }

    /**
     * The majority class index, the {@code O} tag in NER (required; checked against C when applied).
     *
     * @throws IllegalArgumentException for a negative index
     */
    public MultiClass majorityClass(int majority) {
      if (majority < 0) {
        throw new IllegalArgumentException(NAME + ": majorityClass must be >= 0, got " + majority);
      }
      this.majority = majority;
      return this;
    }

    /** λ ≥ 0, the weight of the majority-class term; default 1. */
    public MultiClass lambda(double lambda) {
      this.lambda = checkLambda(lambda);
      return this;
    }

    /** @throws IllegalArgumentException when the base loss or the majority class is not set */
    public MultiClassLoss build() {
      if (base == null) {
        throw new IllegalArgumentException(NAME + ": base loss must be set (base(loss))");
      }
      if (majority == null) {
        throw new IllegalArgumentException(NAME + ": majorityClass must be set (the O class index); there is no"
            + " default");
      }
      return new MultiMom(base, majority, lambda);
    }
  }

  private record BinaryMom(BinaryLoss base, int majority, double lambda) implements BinaryLoss {
    @Override
    public Tensor apply(Tensor logits, Tensor targets) {
      return apply(logits, targets, null, null);
    }

    @Override
    public Tensor apply(Tensor logits, Tensor targets, Tensor mask) {
      Inputs.notNull(NAME, "mask", mask);
      return apply(logits, targets, mask, null);
    }

    @Override
    public Tensor apply(Tensor logits, Tensor targets, Tensor mask, Tensor weights) {
      Tensor all = base.apply(logits, targets, mask, weights); // checks every input
      if (lambda == 0) {
        return all;
      }
      double[] y = targets.buffer();
      Tensor m = majorityMask(mask, y.length, targets.shape(), i -> y[i] == majority);
      return combine(all, base.apply(logits, targets, m, weights), lambda);
    }

    @Override
    public String toString() {
      return NAME + ".binary(majorityClass=" + majority + ", lambda=" + lambda + ", base=" + base + ")";
    }
  }

  private record MultiMom(MultiClassLoss base, int majority, double lambda) implements MultiClassLoss {
    @Override
    public Tensor apply(Tensor logits, IntTensor targets) {
      return apply(logits, targets, null, null);
    }

    @Override
    public Tensor apply(Tensor logits, IntTensor targets, Tensor mask) {
      Inputs.notNull(NAME, "mask", mask);
      return apply(logits, targets, mask, null);
    }

    @Override
    public Tensor apply(Tensor logits, IntTensor targets, Tensor mask, Tensor weights) {
      Tensor all = base.apply(logits, targets, mask, weights); // checks every input
      int classes = logits.size(logits.rank() - 1);
      if (majority >= classes) {
        throw new IllegalArgumentException(NAME + ": majorityClass " + majority + " is not a class of logits "
            + Shape.format(logits.shape()) + " (C = " + classes + ")");
      }
      if (lambda == 0) {
        return all;
      }
      int[] t = targets.buffer();
      Tensor m = majorityMask(mask, t.length, targets.shape(), i -> t[i] == majority);
      return combine(all, base.apply(logits, targets, m, weights), lambda);
    }

    @Override
    public String toString() {
      return NAME + ".multiClass(majorityClass=" + majority + ", lambda=" + lambda + ", base=" + base + ")";
    }
  }
}
