package io.github.focal4j.benchmarks.loss;

import io.github.focal4j.loss.BinaryLoss;
import io.github.focal4j.loss.CrossEntropyLoss;
import io.github.focal4j.loss.DiceLoss;
import io.github.focal4j.loss.FocalLoss;
import io.github.focal4j.loss.FocalStarLoss;
import io.github.focal4j.loss.HardTruncationLoss;
import io.github.focal4j.loss.Implementation;
import io.github.focal4j.loss.MomLoss;
import io.github.focal4j.loss.MultiClassLoss;
import io.github.focal4j.loss.PolyLoss;
import io.github.focal4j.loss.SoftenedLoss;
import io.github.focal4j.loss.TverskyLoss;

/** The benchmarked configurations, by the names benchmarks/pytorch/loss_bench.py uses. */
final class Losses {

  private Losses() {}

  /**
   * Fails a benchmark whose JVM has the Vector API module but whose fused kernels did not switch to
   * it (a figure labelled "vector" must be one).
   */
  static void checkVectorPath(Implementation impl) {
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (module && impl == Implementation.FUSED && !Implementation.vectorized()) {
      throw new IllegalStateException(
          "jdk.incubator.vector is present but the fused kernels run scalar code");
    }
  }

  static BinaryLoss binary(String name, Implementation impl) {
    return switch (name) {
      case "ce" -> CrossEntropyLoss.binary().implementation(impl).build();
      case "hard" -> HardTruncationLoss.binary().threshold(0.5).implementation(impl).build();
      case "soft" -> SoftenedLoss.binary().k(2).implementation(impl).build();
      case "focal" -> FocalLoss.binary().gamma(2).alpha(0.25).implementation(impl).build();
      case "flstar" -> FocalStarLoss.binary().gamma(2).beta(1).implementation(impl).build();
      case "poly" -> PolyLoss.binary().epsilon(1).gamma(2).implementation(impl).build();
      case "dsc" ->
          DiceLoss.binary()
              .selfAdjustingAlpha(0.01)
              .smooth(1)
              .implementation(impl)
              .build(); // -p loss=dsc
      case "tversky" ->
          TverskyLoss.binary()
              .falsePositiveWeight(0.3)
              .falseNegativeWeight(0.7)
              .implementation(impl)
              .build();
      case "mom" ->
          MomLoss.binary()
              .base(CrossEntropyLoss.binary().implementation(impl).build())
              .majorityClass(0)
              .build();
      default -> throw new IllegalArgumentException("unknown loss " + name);
    };
  }

  static MultiClassLoss multiClass(String name, Implementation impl) {
    return switch (name) {
      case "ce" -> CrossEntropyLoss.multiClass().implementation(impl).build();
      case "hard" -> HardTruncationLoss.multiClass().threshold(0.5).implementation(impl).build();
      case "soft" ->
          SoftenedLoss.multiClass()
              .k(2)
              .weight(SoftenedLoss.MultiClassWeight.SOFTMAX) // as the README's figures
              .implementation(impl)
              .build();
      case "focal" -> FocalLoss.multiClass().gamma(2).implementation(impl).build();
      case "flstar" -> FocalStarLoss.multiClass().gamma(2).beta(1).implementation(impl).build();
      case "poly" -> PolyLoss.multiClass().epsilon(1).gamma(2).implementation(impl).build();
      case "dsc" ->
          DiceLoss.multiClass()
              .selfAdjustingAlpha(0.01)
              .smooth(1)
              .implementation(impl)
              .build(); // -p loss=dsc
      case "tversky" ->
          TverskyLoss.multiClass()
              .falsePositiveWeight(0.3)
              .falseNegativeWeight(0.7)
              .implementation(impl)
              .build();
      case "mom" ->
          MomLoss.multiClass()
              .base(CrossEntropyLoss.multiClass().implementation(impl).build())
              .majorityClass(0)
              .build();
      default -> throw new IllegalArgumentException("unknown loss " + name);
    };
  }
}
