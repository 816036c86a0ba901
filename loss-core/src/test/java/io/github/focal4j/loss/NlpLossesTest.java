package io.github.focal4j.loss;

import static io.github.focal4j.loss.Compare.close;
import static io.github.focal4j.loss.Compare.evaluate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.GradCheck;
import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.engine.Chunks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NLP imbalance losses — self-adjusting Dice (DSC), Tversky, MoM: fused == composed to 1e-12
 * (values and gradients, extremes ±1e4 and ±700, masks, weights, ignored targets, every reduction,
 * all-invalid batches, several parallel chunks), finite differences, the identities between them,
 * and their errors.
 */
class NlpLossesTest {

  static final double TOL = 1e-12;

  static List<Catalog.Binary> binary() {
    List<Catalog.Binary> l = new ArrayList<>();
    l.add(
        new Catalog.Binary(
            "dsc", (i, r) -> DiceLoss.binary().implementation(i).reduction(r).build()));
    l.add(
        new Catalog.Binary(
            "dsc a=1",
            (i, r) ->
                DiceLoss.binary().selfAdjustingAlpha(1).implementation(i).reduction(r).build()));
    l.add(
        new Catalog.Binary(
            "dsc a=0 g=0.5",
            (i, r) ->
                DiceLoss.binary()
                    .selfAdjustingAlpha(0)
                    .smooth(0.5)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Catalog.Binary(
            "dsc a=0.3 g=1e-4 alpha=0.25",
            (i, r) ->
                DiceLoss.binary()
                    .selfAdjustingAlpha(0.3)
                    .smooth(1e-4)
                    .alpha(0.25)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Catalog.Binary(
            "dsc a=2 g=2",
            (i, r) ->
                DiceLoss.binary()
                    .selfAdjustingAlpha(2)
                    .smooth(2)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Catalog.Binary(
            "tversky", (i, r) -> TverskyLoss.binary().implementation(i).reduction(r).build()));
    l.add(
        new Catalog.Binary(
            "tversky a=0.3 b=0.7 g=0.1 alpha=0.4",
            (i, r) ->
                TverskyLoss.binary()
                    .falsePositiveWeight(0.3)
                    .falseNegativeWeight(0.7)
                    .smooth(0.1)
                    .alpha(0.4)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Catalog.Binary(
            "mom ce lambda=1",
            (i, r) ->
                MomLoss.binary()
                    .base(CrossEntropyLoss.binary().implementation(i).reduction(r).build())
                    .majorityClass(0)
                    .build()));
    l.add(
        new Catalog.Binary(
            "mom focal lambda=0.5 maj=1",
            (i, r) ->
                MomLoss.binary()
                    .base(FocalLoss.binary().alpha(0.25).implementation(i).reduction(r).build())
                    .majorityClass(1)
                    .lambda(0.5)
                    .build()));
    l.add(
        new Catalog.Binary(
            "mom dsc lambda=2",
            (i, r) ->
                MomLoss.binary()
                    .base(DiceLoss.binary().implementation(i).reduction(r).build())
                    .majorityClass(0)
                    .lambda(2)
                    .build()));
    return l;
  }

  static List<Catalog.Multi> multi() {
    List<Catalog.Multi> l = new ArrayList<>();
    l.add(
        new Catalog.Multi(
            "dsc", (i, r) -> DiceLoss.multiClass().implementation(i).reduction(r).build()));
    l.add(
        new Catalog.Multi(
            "dsc a=1",
            (i, r) ->
                DiceLoss.multiClass()
                    .selfAdjustingAlpha(1)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Catalog.Multi(
            "dsc a=0 g=1e-4",
            (i, r) ->
                DiceLoss.multiClass()
                    .selfAdjustingAlpha(0)
                    .smooth(1e-4)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Catalog.Multi(
            "dsc a=0.5 classAlpha",
            (i, r) ->
                DiceLoss.multiClass()
                    .selfAdjustingAlpha(0.5)
                    .classAlpha(Catalog.ALPHA3)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Catalog.Multi(
            "dsc gold",
            (i, r) ->
                DiceLoss.multiClass()
                    .form(DiceLoss.MultiClassForm.GOLD_CLASS)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Catalog.Multi(
            "dsc gold a=0.5 g=0.1 classAlpha",
            (i, r) ->
                DiceLoss.multiClass()
                    .form(DiceLoss.MultiClassForm.GOLD_CLASS)
                    .selfAdjustingAlpha(0.5)
                    .smooth(0.1)
                    .classAlpha(Catalog.ALPHA3)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Catalog.Multi(
            "tversky", (i, r) -> TverskyLoss.multiClass().implementation(i).reduction(r).build()));
    l.add(
        new Catalog.Multi(
            "tversky a=0.3 b=0.7 classAlpha",
            (i, r) ->
                TverskyLoss.multiClass()
                    .falsePositiveWeight(0.3)
                    .falseNegativeWeight(0.7)
                    .classAlpha(Catalog.ALPHA3)
                    .implementation(i)
                    .reduction(r)
                    .build()));
    l.add(
        new Catalog.Multi(
            "mom ce",
            (i, r) ->
                MomLoss.multiClass()
                    .base(CrossEntropyLoss.multiClass().implementation(i).reduction(r).build())
                    .majorityClass(0)
                    .build()));
    l.add(
        new Catalog.Multi(
            "mom focal classAlpha lambda=0.5",
            (i, r) ->
                MomLoss.multiClass()
                    .base(
                        FocalLoss.multiClass()
                            .classAlpha(Catalog.ALPHA3)
                            .implementation(i)
                            .reduction(r)
                            .build())
                    .majorityClass(2)
                    .lambda(0.5)
                    .build()));
    l.add(
        new Catalog.Multi(
            "mom dsc lambda=3",
            (i, r) ->
                MomLoss.multiClass()
                    .base(DiceLoss.multiClass().implementation(i).reduction(r).build())
                    .majorityClass(1)
                    .lambda(3)
                    .build()));
    return l;
  }

  static Stream<Arguments> binaryCases() {
    return binary().stream()
        .flatMap(c -> Stream.of(Reduction.values()).map(r -> Arguments.of(c, r)));
  }

  static Stream<Arguments> multiCases() {
    return multi().stream()
        .flatMap(c -> Stream.of(Reduction.values()).map(r -> Arguments.of(c, r)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("binaryCases")
  void binaryFusedEqualsComposed(Catalog.Binary loss, Reduction reduction) {
    BinaryLoss fused = loss.build(Implementation.FUSED, reduction);
    BinaryLoss composed = loss.build(Implementation.COMPOSED, reduction);
    SplittableRandom rng = new SplittableRandom(loss.name().hashCode() * 31L + reduction.ordinal());
    int[] shape = {4, 9};
    int n = 36;
    for (int trial = 0; trial < 6; trial++) {
      double[] x = Catalog.logits(rng, n, trial > 0);
      Tensor y = Tensor.of(Catalog.binaryTargets(rng, n), shape);
      Tensor mask = trial >= 2 ? Tensor.of(Catalog.mask(rng, n), shape) : null;
      Tensor w = trial >= 3 ? Tensor.of(Catalog.weights(rng, n), shape) : null;
      if (trial == 5) {
        mask = Tensor.zeros(shape);
      }
      Tensor m = mask;
      String what = loss + " " + reduction + " trial " + trial;
      Compare.Result f = evaluate(t -> FusedEqualsComposedTest.apply(fused, t, y, m, w), x, shape);
      Compare.Result c =
          evaluate(t -> FusedEqualsComposedTest.apply(composed, t, y, m, w), x, shape);
      close(what + " value", f.value(), c.value(), TOL);
      close(what + " grad", f.grad(), c.grad(), TOL);
      if (trial == 5) {
        close(what + " all-masked value", f.value(), new double[f.value().length], 0.0);
        close(what + " all-masked grad", f.grad(), new double[n], 0.0);
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("multiCases")
  void multiClassFusedEqualsComposed(Catalog.Multi loss, Reduction reduction) {
    MultiClassLoss fused = loss.build(Implementation.FUSED, reduction);
    MultiClassLoss composed = loss.build(Implementation.COMPOSED, reduction);
    SplittableRandom rng = new SplittableRandom(loss.name().hashCode() * 31L + reduction.ordinal());
    int classes = 3;
    int[] tshape = {2, 7};
    int n = 14;
    int[] shape = {2, 7, classes};
    for (int trial = 0; trial < 7; trial++) {
      double[] x = Catalog.logits(rng, n * classes, trial > 0);
      IntTensor t = IntTensor.of(Catalog.classTargets(rng, n, classes, trial >= 2), tshape);
      Tensor mask = trial >= 3 ? Tensor.of(Catalog.mask(rng, n), tshape) : null;
      Tensor w = trial >= 4 ? Tensor.of(Catalog.weights(rng, n), tshape) : null;
      if (trial == 5) {
        mask = Tensor.zeros(tshape);
      }
      if (trial == 6) {
        int[] ignored = new int[n];
        Arrays.fill(ignored, -100);
        t = IntTensor.of(ignored, tshape);
      }
      Tensor m = mask;
      IntTensor tt = t;
      String what = loss + " " + reduction + " trial " + trial;
      Compare.Result f = evaluate(v -> FusedEqualsComposedTest.apply(fused, v, tt, m, w), x, shape);
      Compare.Result c =
          evaluate(v -> FusedEqualsComposedTest.apply(composed, v, tt, m, w), x, shape);
      close(what + " value", f.value(), c.value(), TOL);
      close(what + " grad", f.grad(), c.grad(), TOL);
      if (trial >= 5) {
        close(what + " all-invalid value", f.value(), new double[f.value().length], 0.0);
        close(what + " all-invalid grad", f.grad(), new double[n * classes], 0.0);
      }
    }
  }

  /** Several chunks in parallel, ±1e4 logits sprinkled in, masks and weights; 3 and 9 classes. */
  @Test
  void largeBatches() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 2 * Chunks.GRAIN + 301;
    double[] x = Catalog.logits(rng, n, false);
    for (int i = 0; i < n; i += 97) {
      x[i] = 1e4 * (rng.nextBoolean() ? 1 : -1);
    }
    Tensor y = Tensor.of(Catalog.binaryTargets(rng, n), n);
    Tensor mask = Tensor.of(Catalog.mask(rng, n), n);
    Tensor w = Tensor.of(Catalog.weights(rng, n), n);
    for (Catalog.Binary loss : binary()) {
      BinaryLoss fused = loss.build(Implementation.FUSED, Reduction.NONE);
      BinaryLoss composed = loss.build(Implementation.COMPOSED, Reduction.NONE);
      Compare.Result f = evaluate(t -> fused.apply(t, y, mask, w), x, n);
      Compare.Result c = evaluate(t -> composed.apply(t, y, mask, w), x, n);
      close(loss + " large value", f.value(), c.value(), TOL);
      close(loss + " large grad", f.grad(), c.grad(), TOL);
    }
    for (int classes : new int[] {3, 9}) {
      int rows = 2 * (Chunks.GRAIN / classes) + 77;
      double[] xm = Catalog.logits(rng, rows * classes, false);
      for (int i = 0; i < xm.length; i += 101) {
        xm[i] = 1e4 * (rng.nextBoolean() ? 1 : -1);
      }
      IntTensor t = IntTensor.of(Catalog.classTargets(rng, rows, classes, true), rows);
      Tensor wm = Tensor.of(Catalog.weights(rng, rows), rows);
      for (Catalog.Multi loss : multi()) {
        if (classes != Catalog.ALPHA3.length && loss.name().contains("classAlpha")) {
          continue;
        }
        MultiClassLoss fused = loss.build(Implementation.FUSED, Reduction.SUM);
        MultiClassLoss composed = loss.build(Implementation.COMPOSED, Reduction.SUM);
        Compare.Result f =
            evaluate(v -> fused.apply(v, t, Tensor.ones(rows), wm), xm, rows, classes);
        Compare.Result c =
            evaluate(v -> composed.apply(v, t, Tensor.ones(rows), wm), xm, rows, classes);
        close(loss + " C=" + classes + " large value", f.value(), c.value(), TOL);
        close(loss + " C=" + classes + " large grad", f.grad(), c.grad(), TOL);
      }
    }
  }

  static Stream<Arguments> binaryGradCases() {
    return binary().stream()
        .flatMap(
            c ->
                Stream.of(Implementation.values())
                    .flatMap(i -> Stream.of(Reduction.values()).map(r -> Arguments.of(c, i, r))));
  }

  static Stream<Arguments> multiGradCases() {
    return multi().stream()
        .flatMap(
            c ->
                Stream.of(Implementation.values())
                    .flatMap(i -> Stream.of(Reduction.values()).map(r -> Arguments.of(c, i, r))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("binaryGradCases")
  void binaryGradCheck(Catalog.Binary loss, Implementation impl, Reduction reduction) {
    BinaryLoss l = loss.build(impl, reduction);
    SplittableRandom rng = new SplittableRandom(11);
    int n = 10;
    Tensor x = Tensor.of(GradCheckTest.awayFromSteps(rng, n), 2, 5).requiresGrad(true);
    Tensor y = Tensor.of(Catalog.binaryTargets(rng, n), 2, 5);
    Tensor mask = Tensor.of(Catalog.mask(rng, n), 2, 5);
    Tensor w = Tensor.of(Catalog.weights(rng, n), 2, 5);
    GradCheck.check(in -> l.apply(in[0], y), x).assertWithin(1e-7, 1e-6);
    GradCheck.check(in -> l.apply(in[0], y, mask, w), x).assertWithin(1e-7, 1e-6);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("multiGradCases")
  void multiClassGradCheck(Catalog.Multi loss, Implementation impl, Reduction reduction) {
    MultiClassLoss l = loss.build(impl, reduction);
    SplittableRandom rng = new SplittableRandom(13);
    int n = 6;
    Tensor x = Tensor.of(GradCheckTest.awayFromSteps(rng, n * 3), 2, 3, 3).requiresGrad(true);
    IntTensor t = IntTensor.of(Catalog.classTargets(rng, n, 3, true), 2, 3);
    Tensor mask = Tensor.of(Catalog.mask(rng, n), 2, 3);
    Tensor w = Tensor.of(Catalog.weights(rng, n), 2, 3);
    GradCheck.check(in -> l.apply(in[0], t), x).assertWithin(1e-7, 1e-6);
    GradCheck.check(in -> l.apply(in[0], t, mask, w), x).assertWithin(1e-7, 1e-6);
  }

  // ---------------------------------------------------------------- semantics

  /** The paper's formula at hand-computed points: p = σ(x), p̃ = (1 − p)^α·p. */
  @Test
  void dscIsThePapersFormula() {
    double[] x = {-2.0, 0.0, 0.7, 3.0};
    double[] y = {1, 0, 1, 0};
    for (double a : new double[] {0.0, 0.5, 1.0, 2.0}) {
      for (double g : new double[] {1e-4, 1.0}) {
        for (Implementation impl : Implementation.values()) {
          BinaryLoss l =
              DiceLoss.binary()
                  .selfAdjustingAlpha(a)
                  .smooth(g)
                  .reduction(Reduction.NONE)
                  .implementation(impl)
                  .build();
          double[] got = l.apply(Tensor.of(x, 4), Tensor.of(y, 4)).toArray();
          for (int i = 0; i < 4; i++) {
            double p = 1 / (1 + Math.exp(-x[i]));
            double pt = Math.pow(1 - p, a) * p;
            double expected = 1 - (2 * pt * y[i] + g) / (pt + y[i] + g);
            assertEquals(expected, got[i], 1e-14, "a=" + a + " g=" + g + " i=" + i + " " + impl);
          }
        }
      }
    }
  }

  /** Tversky at hand-computed points. */
  @Test
  void tverskyIsTheTverskyIndex() {
    double[] x = {-2.0, 0.0, 0.7, 3.0};
    double[] y = {1, 0, 1, 0};
    for (Implementation impl : Implementation.values()) {
      BinaryLoss l =
          TverskyLoss.binary()
              .falsePositiveWeight(0.3)
              .falseNegativeWeight(0.7)
              .smooth(0.2)
              .reduction(Reduction.NONE)
              .implementation(impl)
              .build();
      double[] got = l.apply(Tensor.of(x, 4), Tensor.of(y, 4)).toArray();
      for (int i = 0; i < 4; i++) {
        double p = 1 / (1 + Math.exp(-x[i]));
        double ti =
            (p * y[i] + 0.2) / (p * y[i] + 0.3 * p * (1 - y[i]) + 0.7 * (1 - p) * y[i] + 0.2);
        assertEquals(1 - ti, got[i], 1e-14, "i=" + i + " " + impl);
      }
    }
  }

  /**
   * Dice with α = 0 and smoothing γ is Tversky(½, ½, γ/2), binary and multi-class, values and
   * gradients.
   */
  @Test
  void diceIsTverskyAtOneHalf() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] x = Catalog.logits(rng, 24, true);
    Tensor y = Tensor.of(Catalog.binaryTargets(rng, 24), 24);
    BinaryLoss dice = DiceLoss.binary().selfAdjustingAlpha(0).smooth(0.6).build();
    BinaryLoss tversky = TverskyLoss.binary().smooth(0.3).build();
    Compare.Result d = evaluate(t -> dice.apply(t, y), x, 24);
    Compare.Result v = evaluate(t -> tversky.apply(t, y), x, 24);
    close("binary value", d.value(), v.value(), 1e-13);
    close("binary grad", d.grad(), v.grad(), 1e-13);
    IntTensor t = IntTensor.of(Catalog.classTargets(rng, 8, 3, false), 8);
    MultiClassLoss diceM =
        DiceLoss.multiClass().selfAdjustingAlpha(0).smooth(0.6).classAlpha(Catalog.ALPHA3).build();
    MultiClassLoss tverskyM =
        TverskyLoss.multiClass().smooth(0.3).classAlpha(Catalog.ALPHA3).build();
    Compare.Result dm = evaluate(l -> diceM.apply(l, t), x, 8, 3);
    Compare.Result vm = evaluate(l -> tverskyM.apply(l, t), x, 8, 3);
    close("multi value", dm.value(), vm.value(), 1e-13);
    close("multi grad", dm.grad(), vm.grad(), 1e-13);
  }

  /**
   * Multi-class is one-vs-rest: on logits [0, x] (C = 2, softmax = sigmoid) the loss is the binary
   * loss of class 1 plus the binary loss of class 0, DSC(σ(x), y) + DSC(σ(−x), 1 − y).
   */
  @Test
  void multiClassIsOneVsRestSummedOverClasses() {
    SplittableRandom rng = new SplittableRandom(4);
    int n = 20;
    double[] x = Catalog.logits(rng, n, true);
    double[] y = Catalog.binaryTargets(rng, n);
    double[] pairs = new double[2 * n];
    int[] t = new int[n];
    double[] negX = new double[n];
    double[] flipped = new double[n];
    for (int i = 0; i < n; i++) {
      pairs[2 * i + 1] = x[i];
      t[i] = (int) y[i];
      negX[i] = -x[i];
      flipped[i] = 1 - y[i];
    }
    List<Supplier<Object[]>> pairsOfLosses =
        List.of(
            () ->
                new Object[] {
                  DiceLoss.binary().selfAdjustingAlpha(0.7).reduction(Reduction.NONE).build(),
                  DiceLoss.multiClass().selfAdjustingAlpha(0.7).reduction(Reduction.NONE).build()
                },
            () ->
                new Object[] {
                  TverskyLoss.binary()
                      .falsePositiveWeight(0.2)
                      .falseNegativeWeight(0.9)
                      .reduction(Reduction.NONE)
                      .build(),
                  TverskyLoss.multiClass()
                      .falsePositiveWeight(0.2)
                      .falseNegativeWeight(0.9)
                      .reduction(Reduction.NONE)
                      .build()
                });
    for (Supplier<Object[]> s : pairsOfLosses) {
      Object[] ls = s.get();
      BinaryLoss b = (BinaryLoss) ls[0];
      MultiClassLoss m = (MultiClassLoss) ls[1];
      double[] pos = b.apply(Tensor.of(x, n), Tensor.of(y, n)).toArray();
      double[] neg = b.apply(Tensor.of(negX, n), Tensor.of(flipped, n)).toArray();
      double[] multi = m.apply(Tensor.of(pairs, n, 2), IntTensor.of(t, n)).toArray();
      double[] sum = new double[n];
      for (int i = 0; i < n; i++) {
        sum[i] = pos[i] + neg[i];
      }
      close(b + " one-vs-rest", multi, sum, 1e-13);
    }
  }

  /** The gold-class form is the paper's y = 1 formula at softmax(x)_t. */
  @Test
  void goldClassFormIsThePositiveTermAtTheGoldProbability() {
    double[] x = {2.0, -1.0, 0.5, 0.0, 3.0, -2.0};
    int[] t = {2, 0};
    for (Implementation impl : Implementation.values()) {
      MultiClassLoss l =
          DiceLoss.multiClass()
              .form(DiceLoss.MultiClassForm.GOLD_CLASS)
              .selfAdjustingAlpha(0.5)
              .smooth(0.3)
              .reduction(Reduction.NONE)
              .implementation(impl)
              .build();
      double[] got = l.apply(Tensor.of(x, 2, 3), IntTensor.of(t, 2)).toArray();
      for (int r = 0; r < 2; r++) {
        double z = 0;
        for (int j = 0; j < 3; j++) {
          z += Math.exp(x[3 * r + j]);
        }
        double p = Math.exp(x[3 * r + t[r]]) / z;
        double pt = Math.pow(1 - p, 0.5) * p;
        assertEquals(1 - (2 * pt + 0.3) / (pt + 1 + 0.3), got[r], 1e-14, impl + " row " + r);
      }
    }
    expect("DiceLoss: form must not be null", () -> DiceLoss.multiClass().form(null));
  }

  /**
   * MoM is L + λ·L_O, L_O the base loss summed over the majority-class elements only with the
   * conventional loss's normalizer (the valid-element count under MEAN), for every reduction,
   * values and gradients.
   */
  @Test
  void momIsBasePlusLambdaTimesMajorityOnlyLoss() {
    SplittableRandom rng = new SplittableRandom(8);
    int n = 30;
    double[] x = Catalog.logits(rng, n * 3, true);
    int[] t = Catalog.classTargets(rng, n, 3, true);
    double[] mask = Catalog.mask(rng, n);
    double[] w = Catalog.weights(rng, n);
    double[] onlyO = new double[n];
    long valid = 0;
    for (int i = 0; i < n; i++) {
      onlyO[i] = t[i] == 1 ? mask[i] : 0.0;
      valid += mask[i] == 1.0 && t[i] != -100 ? 1 : 0;
    }
    double perValid = 1.0 / valid;
    IntTensor tt = IntTensor.of(t, n);
    Tensor m = Tensor.of(mask, n);
    Tensor mo = Tensor.of(onlyO, n);
    Tensor wt = Tensor.of(w, n);
    for (Implementation impl : Implementation.values()) {
      for (Reduction r : Reduction.values()) {
        MultiClassLoss base =
            FocalLoss.multiClass().gamma(2).reduction(r).implementation(impl).build();
        MultiClassLoss sum =
            FocalLoss.multiClass()
                .gamma(2)
                .reduction(r == Reduction.MEAN ? Reduction.SUM : r)
                .implementation(impl)
                .build();
        MultiClassLoss mom = MomLoss.multiClass().base(base).majorityClass(1).lambda(0.7).build();
        Compare.Result got = evaluate(v -> mom.apply(v, tt, m, wt), x, n, 3);
        Compare.Result expected =
            evaluate(
                v ->
                    base.apply(v, tt, m, wt)
                        .add(
                            sum.apply(v, tt, mo, wt)
                                .mul(r == Reduction.MEAN ? 0.7 * perValid : 0.7)),
                x,
                n,
                3);
        close("mom " + impl + " " + r + " value", got.value(), expected.value(), 1e-13);
        close("mom " + impl + " " + r + " grad", got.grad(), expected.grad(), 1e-13);
      }
    }
    // By hand under MEAN: (ℓ_0 + ℓ_1 + ℓ_2)/3 + λ·(ℓ_0 + ℓ_2)/3, tokens 0 and 2 being O.
    double[] xs = {2.0, -1.0, 0.5, 0.0, 1.0, -0.5};
    int[] ts = {0, 1, 0};
    MultiClassLoss ce = CrossEntropyLoss.multiClass().reduction(Reduction.NONE).build();
    double[] per = ce.apply(Tensor.of(xs, 3, 2), IntTensor.of(ts, 3)).toArray();
    double expected = (per[0] + per[1] + per[2]) / 3 + 2.0 * (per[0] + per[2]) / 3;
    MultiClassLoss mom =
        MomLoss.multiClass()
            .base(CrossEntropyLoss.multiClass().build())
            .majorityClass(0)
            .lambda(2)
            .build();
    assertEquals(expected, mom.apply(Tensor.of(xs, 3, 2), IntTensor.of(ts, 3)).item(), 1e-15);
    MultiClassLoss plain =
        MomLoss.multiClass()
            .base(CrossEntropyLoss.multiClass().build())
            .majorityClass(0)
            .lambda(0)
            .build();
    assertEquals(
        (per[0] + per[1] + per[2]) / 3,
        plain.apply(Tensor.of(xs, 3, 2), IntTensor.of(ts, 3)).item(),
        1e-15);
  }

  /** For cross-entropy, MoM is per-class α with α_O = 1 + λ and 1 for every other class. */
  @Test
  void momOnCrossEntropyIsClassAlphaOnTheMajorityClass() {
    SplittableRandom rng = new SplittableRandom(9);
    int n = 25;
    double[] x = Catalog.logits(rng, n * 3, true);
    IntTensor t = IntTensor.of(Catalog.classTargets(rng, n, 3, true), n);
    MultiClassLoss mom =
        MomLoss.multiClass()
            .base(CrossEntropyLoss.multiClass().build())
            .majorityClass(2)
            .lambda(1.5)
            .build();
    MultiClassLoss alpha = CrossEntropyLoss.multiClass().classAlpha(1, 1, 2.5).build();
    Compare.Result a = evaluate(v -> mom.apply(v, t), x, n, 3);
    Compare.Result b = evaluate(v -> alpha.apply(v, t), x, n, 3);
    close("value", a.value(), b.value(), 1e-14);
    close("grad", a.grad(), b.grad(), 1e-14);
  }

  /** The self-adjusting factor: finite loss and gradient at saturated logits for fractional α. */
  @Test
  void saturatedLogitsAreFinite() {
    double[] x = {1e4, -1e4, 745, -745, 40, -40};
    double[] y = {1, 1, 0, 0, 1, 0};
    for (double a : new double[] {0.0, 0.1, 0.5, 1.0, 3.5}) {
      for (Implementation impl : Implementation.values()) {
        BinaryLoss l =
            DiceLoss.binary()
                .selfAdjustingAlpha(a)
                .smooth(1e-6)
                .reduction(Reduction.SUM)
                .implementation(impl)
                .build();
        Compare.Result r = evaluate(v -> l.apply(v, Tensor.of(y, 6)), x, 6);
        for (double g : r.grad()) {
          assertTrue(
              Double.isFinite(g), "a=" + a + " " + impl + " grad " + Arrays.toString(r.grad()));
        }
        assertTrue(Double.isFinite(r.value()[0]), "a=" + a + " value");
      }
    }
  }

  // ---------------------------------------------------------------- errors

  @Test
  void invalidHyperparametersNameLossParameterAndValue() {
    expect(
        "DiceLoss: selfAdjustingAlpha must be finite and >= 0, got -1.0",
        () -> DiceLoss.binary().selfAdjustingAlpha(-1));
    expect(
        "DiceLoss: selfAdjustingAlpha must be finite and >= 0, got NaN",
        () -> DiceLoss.multiClass().selfAdjustingAlpha(Double.NaN));
    expect("DiceLoss: smooth must be finite and > 0, got 0.0", () -> DiceLoss.binary().smooth(0));
    expect(
        "DiceLoss: smooth must be finite and > 0, got Infinity",
        () -> DiceLoss.function(1, Double.POSITIVE_INFINITY));
    expect(
        "TverskyLoss: falsePositiveWeight must be finite and >= 0, got -0.5",
        () -> TverskyLoss.binary().falsePositiveWeight(-0.5));
    expect(
        "TverskyLoss: falseNegativeWeight must be finite and >= 0, got NaN",
        () -> TverskyLoss.multiClass().falseNegativeWeight(Double.NaN));
    expect(
        "TverskyLoss: smooth must be finite and > 0, got -1.0",
        () -> TverskyLoss.multiClass().smooth(-1));
    expect("DiceLoss: alpha must be in [0, 1], got 1.5", () -> DiceLoss.binary().alpha(1.5));
    expect(
        "MomLoss: lambda must be finite and >= 0, got -1.0", () -> MomLoss.multiClass().lambda(-1));
    expect(
        "MomLoss: majorityClass must be >= 0, got -3",
        () -> MomLoss.multiClass().majorityClass(-3));
    expect(
        "MomLoss: majorityClass of a binary loss must be 0 or 1, got 2",
        () -> MomLoss.binary().majorityClass(2));
    expect(
        "MomLoss: majorityClass must be set (the O class index); there is no default",
        () -> MomLoss.multiClass().base(CrossEntropyLoss.multiClass().build()).build());
    expect(
        "MomLoss: base loss must be set (base(loss))",
        () -> MomLoss.binary().majorityClass(0).build());
    MultiClassLoss mom =
        MomLoss.multiClass().base(CrossEntropyLoss.multiClass().build()).majorityClass(3).build();
    expect(
        "MomLoss: majorityClass 3 is not a class of logits [2, 3] (C = 3)",
        () -> mom.apply(Tensor.zeros(2, 3), IntTensor.of(new int[] {0, 1}, 2)));
    MultiClassLoss mom0 =
        MomLoss.multiClass()
            .base(CrossEntropyLoss.multiClass().build())
            .majorityClass(0)
            .lambda(3)
            .build();
    expect(
        "MomLoss: weights[1] is -1.5; weights must be finite and >= 0",
        () ->
            mom0.apply(
                Tensor.zeros(2, 3),
                IntTensor.of(new int[] {0, 0}, 2),
                Tensor.ones(2),
                Tensor.of(new double[] {1, -1.5}, 2)));
    BinaryLoss momB =
        MomLoss.binary().base(CrossEntropyLoss.binary().build()).majorityClass(0).build();
    expect(
        "MomLoss: weights shape [3] does not match targets shape [2]",
        () -> momB.apply(Tensor.zeros(2), Tensor.zeros(2), Tensor.ones(2), Tensor.ones(3)));
    expect(
        "MomLoss: mask must not be null",
        () ->
            mom0.apply(
                Tensor.zeros(2, 3), IntTensor.of(new int[] {0, 0}, 2), null, Tensor.ones(2)));
    expect(
        "MomLoss: weights must not be null",
        () ->
            mom0.apply(
                Tensor.zeros(2, 3), IntTensor.of(new int[] {0, 0}, 2), Tensor.ones(2), null));
    expect(
        "MomLoss: mask must not be null",
        () -> momB.apply(Tensor.zeros(2), Tensor.zeros(2), null, Tensor.ones(2)));
    BinaryLoss dice = DiceLoss.binary().build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                dice.apply(Tensor.of(new double[] {0, 1}, 2), Tensor.of(new double[] {0, 0.5}, 2)));
    assertTrue(e.getMessage().startsWith("DiceLoss: targets[1] is 0.5"), e.getMessage());
    assertThrows(
        NonFiniteLogitException.class,
        () ->
            dice.apply(
                Tensor.of(new double[] {0, Double.NaN}, 2), Tensor.of(new double[] {0, 1}, 2)));
    expect(
        "TverskyLoss: normalization POSITIVE_TARGETS only applies to Reduction.MEAN, got reduction SUM",
        () ->
            TverskyLoss.binary()
                .reduction(Reduction.SUM)
                .normalization(Normalization.POSITIVE_TARGETS)
                .build());
  }

  private static void expect(String message, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(message, e.getMessage());
  }

  @Test
  void descriptions() {
    assertEquals(
        "DiceLoss.binary(selfAdjustingAlpha=0.01, smooth=1.0, alpha=off, reduction=MEAN,"
            + " normalization=VALID_ELEMENTS, FUSED)",
        DiceLoss.binary().build().toString());
    assertTrue(
        DiceLoss.multiClass()
            .build()
            .toString()
            .startsWith(
                "DiceLoss.multiClass(selfAdjustingAlpha=0.01, smooth=1.0, form=ONE_VS_REST, classAlpha=off"));
    assertTrue(
        TverskyLoss.multiClass()
            .build()
            .toString()
            .startsWith(
                "TverskyLoss.multiClass(falsePositiveWeight=0.5, falseNegativeWeight=0.5, smooth=1.0"));
    assertTrue(
        MomLoss.multiClass()
            .base(DiceLoss.multiClass().build())
            .majorityClass(0)
            .build()
            .toString()
            .startsWith(
                "MomLoss.multiClass(majorityClass=0, lambda=1.0, base=DiceLoss.multiClass("));
  }

  /** loss-core/README.md's snippet, as written, on a small token batch. */
  @Test
  void readmeSnippet() {
    int oIndex = 0;
    MultiClassLoss dsc =
        DiceLoss.multiClass().selfAdjustingAlpha(0.01).smooth(1).ignoreIndex(-100).build();
    MultiClassLoss tl =
        TverskyLoss.multiClass().falsePositiveWeight(0.3).falseNegativeWeight(0.7).build();
    MultiClassLoss mom =
        MomLoss.multiClass()
            .base(CrossEntropyLoss.multiClass().build())
            .majorityClass(oIndex)
            .lambda(1)
            .build();
    Tensor logits =
        Tensor.of(new double[] {2, -1, 0.5, 0, 0, 0, -4, 3, 1, 1e4, -1e4, 9}, 2, 2, 3)
            .requiresGrad(true);
    IntTensor tags = IntTensor.of(new int[] {0, 2, 1, -100}, 2, 2);
    for (MultiClassLoss l : List.of(dsc, tl, mom)) {
      logits.zeroGrad();
      Tensor loss = l.apply(logits, tags);
      loss.backward();
      double[] g = logits.grad().toArray();
      assertTrue(Double.isFinite(loss.item()) && loss.item() > 0, l + ": " + loss.item());
      assertEquals(
          0.0,
          Math.abs(g[9]) + Math.abs(g[10]) + Math.abs(g[11]),
          0.0,
          l + ": ignored token has no gradient");
      assertTrue(g[0] < 0, l + ": the gold logit of a not-yet-certain token is pushed up");
    }
  }

  /**
   * Each loss trains: a linear softmax classifier on an imbalanced three-class problem (90 % class
   * 0, two well-separated minority classes of 5 %) by plain gradient descent reaches minority
   * recall ≥ 0.9 and lowers its loss by 10 % or more (DSC with α &gt; 0 cannot go much lower: see
   * {@link DiceLoss} on its minimum).
   */
  @Test
  void trainsALinearClassifierOnImbalancedData() {
    SplittableRandom rng = new SplittableRandom(21);
    int n = 400;
    int features = 3; // two coordinates and a bias
    double[][] centres = {{0, 0}, {3, 3}, {-3, 3}};
    double[] x = new double[n * features];
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = i % 20 == 0 ? 1 : i % 20 == 1 ? 2 : 0;
      x[i * features] = centres[t[i]][0] + rng.nextGaussian() * 0.7;
      x[i * features + 1] = centres[t[i]][1] + rng.nextGaussian() * 0.7;
      x[i * features + 2] = 1.0;
    }
    Tensor inputs = Tensor.of(x, n, features);
    IntTensor targets = IntTensor.of(t, n);
    List<MultiClassLoss> losses =
        List.of(
            DiceLoss.multiClass().build(),
            DiceLoss.multiClass().form(DiceLoss.MultiClassForm.GOLD_CLASS).build(),
            TverskyLoss.multiClass().falsePositiveWeight(0.3).falseNegativeWeight(0.7).build(),
            MomLoss.multiClass()
                .base(CrossEntropyLoss.multiClass().build())
                .majorityClass(0)
                .lambda(1)
                .build());
    for (MultiClassLoss loss : losses) {
      Tensor w = Tensor.zeros(features, 3).requiresGrad(true);
      double first = Double.NaN;
      double last = Double.NaN;
      for (int step = 0; step < 300; step++) {
        w.zeroGrad();
        Tensor l = loss.apply(inputs.matmul(w), targets);
        l.backward();
        if (step == 0) {
          first = l.item();
        }
        last = l.item();
        double[] g = w.grad().toArray();
        double[] wb = w.buffer();
        for (int k = 0; k < wb.length; k++) {
          wb[k] -= 2.0 * g[k];
        }
      }
      double[] logits = inputs.matmul(w).toArray();
      int[] hits = new int[3];
      int[] counts = new int[3];
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int c = 1; c < 3; c++) {
          best = logits[i * 3 + c] > logits[i * 3 + best] ? c : best;
        }
        counts[t[i]]++;
        hits[t[i]] += best == t[i] ? 1 : 0;
      }
      assertTrue(last < 0.9 * first, loss + ": loss " + first + " -> " + last);
      for (int c = 1; c < 3; c++) {
        assertTrue(
            hits[c] >= 0.9 * counts[c],
            loss + ": recall of class " + c + " " + hits[c] + "/" + counts[c]);
      }
    }
    // DiceLoss's Javadoc: with α = 1 the same run predicts the majority class only.
    MultiClassLoss dscOne = DiceLoss.multiClass().selfAdjustingAlpha(1).build();
    Tensor w = Tensor.zeros(features, 3).requiresGrad(true);
    for (int step = 0; step < 300; step++) {
      w.zeroGrad();
      dscOne.apply(inputs.matmul(w), targets).backward();
      double[] g = w.grad().toArray();
      double[] wb = w.buffer();
      for (int k = 0; k < wb.length; k++) {
        wb[k] -= 2.0 * g[k];
      }
    }
    double[] logits = inputs.matmul(w).toArray();
    for (int i = 0; i < n; i++) {
      assertTrue(
          logits[i * 3] > Math.max(logits[i * 3 + 1], logits[i * 3 + 2]),
          "α = 1: row " + i + " not class 0");
    }
  }
}
