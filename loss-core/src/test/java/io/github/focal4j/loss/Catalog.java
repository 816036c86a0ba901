package io.github.focal4j.loss;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/** Every loss and option, as factories of both implementations, and random inputs with extremes. */
final class Catalog {

  private Catalog() {}

  record Binary(String name, BiFunction<Implementation, Reduction, BinaryLoss> make) {
    BinaryLoss build(Implementation impl, Reduction r) {
      return make.apply(impl, r);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  record Multi(String name, BiFunction<Implementation, Reduction, MultiClassLoss> make) {
    MultiClassLoss build(Implementation impl, Reduction r) {
      return make.apply(impl, r);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Binary> binary() {
    List<Binary> l = new ArrayList<>();
    l.add(
        new Binary(
            "ce", (i, r) -> CrossEntropyLoss.binary().implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "ce alpha=0.25",
            (i, r) ->
                CrossEntropyLoss.binary().alpha(0.25).implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "ce smoothing=0.1",
            (i, r) ->
                CrossEntropyLoss.binary()
                    .labelSmoothing(0.1)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Binary(
            "hard m=0.5",
            (i, r) -> HardTruncationLoss.binary().implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "hard m=0.7 alpha=0.3",
            (i, r) ->
                HardTruncationLoss.binary()
                    .threshold(0.7)
                    .alpha(0.3)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Binary(
            "soft K=1", (i, r) -> SoftenedLoss.binary().implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "soft K=3 alpha=0.25",
            (i, r) ->
                SoftenedLoss.binary().k(3).alpha(0.25).implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "soft K=2 detached",
            (i, r) ->
                SoftenedLoss.binary()
                    .k(2)
                    .weightGradient(WeightGradient.DETACHED)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Binary(
            "focal g=2", (i, r) -> FocalLoss.binary().implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "focal g=0",
            (i, r) -> FocalLoss.binary().gamma(0).implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "focal g=0.5",
            (i, r) -> FocalLoss.binary().gamma(0.5).implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "focal g=2 alpha=0.25",
            (i, r) ->
                FocalLoss.binary().gamma(2).alpha(0.25).implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "focal g=2 detached",
            (i, r) ->
                FocalLoss.binary()
                    .weightGradient(WeightGradient.DETACHED)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Binary(
            "focal g=0.5 smoothing=0.2 alpha=0.4",
            (i, r) ->
                FocalLoss.binary()
                    .gamma(0.5)
                    .labelSmoothing(0.2)
                    .alpha(0.4)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Binary(
            "focal reduced th=0.5",
            (i, r) ->
                FocalLoss.binary().reducedThreshold(0.5).implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "focal reduced th=0.3 g=1.5 detached alpha=0.25",
            (i, r) ->
                FocalLoss.binary()
                    .gamma(1.5)
                    .reducedThreshold(0.3)
                    .weightGradient(WeightGradient.DETACHED)
                    .alpha(0.25)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Binary(
            "flstar g=1", (i, r) -> FocalStarLoss.binary().implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "flstar g=2 b=1 alpha=0.25",
            (i, r) ->
                FocalStarLoss.binary()
                    .gamma(2)
                    .beta(1)
                    .alpha(0.25)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Binary(
            "poly1 eps=1", (i, r) -> PolyLoss.binary().implementation(i).reduction(r).build()));
    l.add(
        new Binary(
            "polyfocal eps=-1 g=2 alpha=0.25",
            (i, r) ->
                PolyLoss.binary()
                    .epsilon(-1)
                    .gamma(2)
                    .alpha(0.25)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Binary(
            "polyfocal eps=2 g=0.5",
            (i, r) ->
                PolyLoss.binary().epsilon(2).gamma(0.5).implementation(i).reduction(r).build()));
    return l;
  }

  static final double[] ALPHA3 = {0.5, 1.5, 0.25};

  static List<Multi> multi() {
    List<Multi> l = new ArrayList<>();
    l.add(
        new Multi(
            "ce", (i, r) -> CrossEntropyLoss.multiClass().implementation(i).reduction(r).build()));
    l.add(
        new Multi(
            "ce classAlpha",
            (i, r) ->
                CrossEntropyLoss.multiClass()
                    .classAlpha(ALPHA3)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "ce smoothing=0.1",
            (i, r) ->
                CrossEntropyLoss.multiClass()
                    .labelSmoothing(0.1)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "ce smoothing=0.3 classAlpha",
            (i, r) ->
                CrossEntropyLoss.multiClass()
                    .labelSmoothing(0.3)
                    .classAlpha(ALPHA3)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "hard m=0.5",
            (i, r) -> HardTruncationLoss.multiClass().implementation(i).reduction(r).build()));
    l.add(
        new Multi(
            "hard m=0.3 classAlpha",
            (i, r) ->
                HardTruncationLoss.multiClass()
                    .threshold(0.3)
                    .classAlpha(ALPHA3)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "soft softmax K=1",
            (i, r) ->
                SoftenedLoss.multiClass()
                    .weight(SoftenedLoss.MultiClassWeight.SOFTMAX)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "soft softmax K=3 classAlpha",
            (i, r) ->
                SoftenedLoss.multiClass()
                    .weight(SoftenedLoss.MultiClassWeight.SOFTMAX)
                    .k(3)
                    .classAlpha(ALPHA3)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "soft softmax K=2 detached",
            (i, r) ->
                SoftenedLoss.multiClass()
                    .weight(SoftenedLoss.MultiClassWeight.SOFTMAX)
                    .k(2)
                    .weightGradient(WeightGradient.DETACHED)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "soft margin K=2",
            (i, r) ->
                SoftenedLoss.multiClass()
                    .k(2)
                    .weight(SoftenedLoss.MultiClassWeight.MARGIN)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "soft margin K=1 detached",
            (i, r) ->
                SoftenedLoss.multiClass()
                    .weight(SoftenedLoss.MultiClassWeight.MARGIN)
                    .weightGradient(WeightGradient.DETACHED)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "focal g=2", (i, r) -> FocalLoss.multiClass().implementation(i).reduction(r).build()));
    l.add(
        new Multi(
            "focal g=0",
            (i, r) -> FocalLoss.multiClass().gamma(0).implementation(i).reduction(r).build()));
    l.add(
        new Multi(
            "focal g=0.5 classAlpha",
            (i, r) ->
                FocalLoss.multiClass()
                    .gamma(0.5)
                    .classAlpha(ALPHA3)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "focal g=2 detached",
            (i, r) ->
                FocalLoss.multiClass()
                    .weightGradient(WeightGradient.DETACHED)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "focal g=2 smoothing=0.1",
            (i, r) ->
                FocalLoss.multiClass().labelSmoothing(0.1).implementation(i).reduction(r).build()));
    l.add(
        new Multi(
            "focal g=0.5 smoothing=0.2 classAlpha detached",
            (i, r) ->
                FocalLoss.multiClass()
                    .gamma(0.5)
                    .labelSmoothing(0.2)
                    .classAlpha(ALPHA3)
                    .weightGradient(WeightGradient.DETACHED)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "focal reduced th=0.5",
            (i, r) ->
                FocalLoss.multiClass()
                    .reducedThreshold(0.5)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "flstar g=2 b=1",
            (i, r) ->
                FocalStarLoss.multiClass()
                    .gamma(2)
                    .beta(1)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Multi(
            "poly1 eps=1", (i, r) -> PolyLoss.multiClass().implementation(i).reduction(r).build()));
    l.add(
        new Multi(
            "polyfocal eps=-1 g=2 classAlpha",
            (i, r) ->
                PolyLoss.multiClass()
                    .epsilon(-1)
                    .gamma(2)
                    .classAlpha(ALPHA3)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    return l;
  }

  /** Logits: normal·3 with extremes (±1e4, ±40, 0, ±1e-9) mixed in when {@code extremes}. */
  static double[] logits(SplittableRandom rng, int n, boolean extremes) {
    double[] special = {1e4, -1e4, 40, -40, 0.0, 1e-9, -1e-9, 700, -700};
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] =
          extremes && rng.nextInt(3) == 0
              ? special[rng.nextInt(special.length)]
              : 3 * rng.nextGaussian();
    }
    return x;
  }

  static double[] binaryTargets(SplittableRandom rng, int n) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(2);
    }
    return y;
  }

  static int[] classTargets(SplittableRandom rng, int n, int classes, boolean withIgnored) {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = withIgnored && rng.nextInt(4) == 0 ? -100 : rng.nextInt(classes);
    }
    return t;
  }

  static double[] mask(SplittableRandom rng, int n) {
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = rng.nextInt(4) == 0 ? 0.0 : 1.0;
    }
    return m;
  }

  static double[] weights(SplittableRandom rng, int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 2 * rng.nextDouble();
    }
    return w;
  }

  /** A fresh leaf requiring grad. */
  static Tensor leaf(double[] values, int... shape) {
    return Tensor.of(values, shape).requiresGrad(true);
  }

  static IntTensor ints(int[] values, int... shape) {
    return IntTensor.of(values, shape);
  }
}
