package io.github.focal4j.models.training;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import java.util.List;

/** The optimizer of a training run and its hyper-parameters, as immutable values. */
public sealed interface OptimizerConfig {

  /** The base learning rate (the schedule multiplies it). */
  double learningRate();

  /** A fresh optimizer over {@code params} (updated in place). */
  Optimizer create(List<Tensor> params);

  /**
   * Adam (Kingma and Ba 2015) exactly as PyTorch's {@code torch.optim.Adam} (1.13, non-amsgrad):
   *
   * <pre>
   *   g ← g + weightDecay·p;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
   *   p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)
   * </pre>
   *
   * PyTorch's defaults: {@code β₁ = 0.9, β₂ = 0.999, ε = 1e-8, weightDecay = 0} (Tribuo's Adam uses
   * 0.99 and 1e-6; not here).
   */
  record Adam(double learningRate, double beta1, double beta2, double eps, double weightDecay)
      implements OptimizerConfig {
    public Adam {
      Preconditions.checkArgument(
          learningRate > 0 && Double.isFinite(learningRate),
          "Adam: learning rate must be positive, got %s",
          learningRate);
      Preconditions.checkArgument(
          beta1 >= 0 && beta1 < 1, "Adam: beta1 must be in [0, 1), got %s", beta1);
      Preconditions.checkArgument(
          beta2 >= 0 && beta2 < 1, "Adam: beta2 must be in [0, 1), got %s", beta2);
      Preconditions.checkArgument(eps > 0, "Adam: eps must be positive, got %s", eps);
      Preconditions.checkArgument(
          weightDecay >= 0, "Adam: weight decay must be >= 0, got %s", weightDecay);
    }

    /** PyTorch's defaults with this learning rate. */
    public static Adam withLearningRate(double lr) {
      return new Adam(lr, 0.9, 0.999, 1e-8, 0.0);
    }

    @Override
    public Optimizer create(List<Tensor> params) {
      return new AdamOptimizer(this, params);
    }
  }

  /**
   * SGD with momentum exactly as PyTorch's {@code torch.optim.SGD}:
   *
   * <pre>
   *   g ← g + weightDecay·p;  b ← g (first step) or μb + (1−dampening)g;  g ← nesterov ? g + μb : b
   *   p ← p − lr·g
   * </pre>
   *
   * Defaults of {@link #withLearningRate}: momentum 0.9, no dampening, no Nesterov, no weight
   * decay.
   */
  record Sgd(
      double learningRate, double momentum, double dampening, Nesterov nesterov, double weightDecay)
      implements OptimizerConfig {
    public Sgd {
      Preconditions.checkArgument(
          learningRate > 0 && Double.isFinite(learningRate),
          "SGD: learning rate must be positive, got %s",
          learningRate);
      Preconditions.checkArgument(
          momentum >= 0 && momentum < 1, "SGD: momentum must be in [0, 1), got %s", momentum);
      Preconditions.checkArgument(
          dampening >= 0 && dampening <= 1, "SGD: dampening must be in [0, 1], got %s", dampening);
      Preconditions.checkArgument(nesterov != null, "SGD: nesterov must be set");
      Preconditions.checkArgument(
          nesterov == Nesterov.OFF || (momentum > 0 && dampening == 0),
          "SGD: Nesterov momentum needs momentum > 0 and zero dampening");
      Preconditions.checkArgument(
          weightDecay >= 0, "SGD: weight decay must be >= 0, got %s", weightDecay);
    }

    public static Sgd withLearningRate(double lr) {
      return new Sgd(lr, 0.9, 0.0, Nesterov.OFF, 0.0);
    }

    @Override
    public Optimizer create(List<Tensor> params) {
      return new SgdOptimizer(this, params);
    }
  }

  /** Whether SGD uses Nesterov momentum. */
  enum Nesterov {
    OFF,
    ON
  }
}
