package io.github.focal4j.ner.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.ClassBalanced;
import io.github.focal4j.loss.CrossEntropyLoss;
import io.github.focal4j.loss.DiceLoss;
import io.github.focal4j.loss.FocalLoss;
import io.github.focal4j.loss.FocalStarLoss;
import io.github.focal4j.loss.HardTruncationLoss;
import io.github.focal4j.loss.MomLoss;
import io.github.focal4j.loss.MultiClassLoss;
import io.github.focal4j.loss.PolyLoss;
import io.github.focal4j.loss.SoftenedLoss;
import io.github.focal4j.loss.TverskyLoss;
import io.github.focal4j.loss.WeightGradient;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LossSpecTest {

  private static final List<String> TAGS = List.of("O", "B-LOC", "B-PER", "I-PER");
  private static final long[] COUNTS = {900, 40, 50, 10};

  /** Value and logit gradient of a loss on fixed random logits [2, 5, 4]. */
  private static double[] evaluate(MultiClassLoss loss) {
    SplittableRandom rng = new SplittableRandom(3);
    double[] x = new double[40];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextDouble(-3, 3);
    }
    Tensor logits = Tensor.of(x, 2, 5, 4).requiresGrad(true);
    int[] t = new int[10];
    for (int i = 0; i < t.length; i++) {
      t[i] = rng.nextInt(4);
    }
    Tensor l = loss.apply(logits, IntTensor.of(t, 2, 5));
    l.backward();
    double[] out = new double[41];
    out[0] = l.item();
    System.arraycopy(logits.grad().buffer(), 0, out, 1, 40);
    return out;
  }

  private static void assertSameLoss(MultiClassLoss expected, LossSpec spec) {
    assertArrayEquals(
        evaluate(expected), evaluate(spec.multiClass(TAGS, COUNTS)), 0.0, spec.toString());
  }

  @Test
  void theNlpLossesBuildTheLossCoreLossTheyName() {
    assertSameLoss(DiceLoss.multiClass().backgroundClass(0).build(), LossSpec.parse("dsc"));
    assertSameLoss(DiceLoss.multiClass().smooth(0.5).build(), LossSpec.parse("dsc(smooth=0.5)"));
    assertSameLoss(DiceLoss.multiClass().selfAdjustingAlpha(0).build(), LossSpec.parse("dice"));
    assertSameLoss(
        TverskyLoss.multiClass().falsePositiveWeight(0.3).falseNegativeWeight(0.7).build(),
        LossSpec.parse("tversky(false-positive-weight=0.3,false-negative-weight=0.7)"));
    // mom: the O tag (index 0 of TAGS) is the majority class, the base at its defaults.
    assertSameLoss(
        MomLoss.multiClass().base(CrossEntropyLoss.multiClass().build()).majorityClass(0).build(),
        LossSpec.parse("mom"));
    assertSameLoss(
        MomLoss.multiClass()
            .base(FocalLoss.multiClass().build())
            .majorityClass(0)
            .lambda(0.5)
            .build(),
        LossSpec.parse("mom(lambda=0.5,base=focal)"));
    List<String> oLast = List.of("B-LOC", "B-PER", "O");
    assertTrue(
        LossSpec.parse("mom")
            .multiClass(oLast, new long[] {1, 1, 9})
            .toString()
            .contains("majorityClass=2, lambda=1.0"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LossSpec.parse("mom").multiClass(List.of("B-LOC", "I-LOC"), new long[] {1, 1}));
    assertTrue(e.getMessage().contains("majority class must be set"), e.getMessage());
    LossSpecException bad =
        assertThrows(LossSpecException.class, () -> LossSpec.parse("mom(base=soft)"));
    assertEquals("--base soft: expected ce, focal, dsc, dice or tversky", bad.getMessage());
    bad =
        assertThrows(
            LossSpecException.class, () -> LossSpec.parse("dice(self-adjusting-alpha=0.5)"));
    assertTrue(
        bad.getMessage()
            .contains("--self-adjusting-alpha does not apply to --loss dice (it applies to dsc)"),
        bad.getMessage());
  }

  @Test
  void everyKindBuildsTheLossCoreLossItNames() {
    assertSameLoss(CrossEntropyLoss.multiClass().build(), LossSpec.parse("ce"));
    assertSameLoss(
        CrossEntropyLoss.multiClass().labelSmoothing(0.1).build(),
        LossSpec.parse("ce(label-smoothing=0.1)"));
    assertSameLoss(
        HardTruncationLoss.multiClass().threshold(0.6).build(),
        LossSpec.parse("hard(threshold=0.6)"));
    assertSameLoss(SoftenedLoss.multiClass().k(3).build(), LossSpec.parse("soft(k=3)"));
    assertSameLoss(
        SoftenedLoss.multiClass()
            .k(3)
            .weight(SoftenedLoss.MultiClassWeight.MARGIN)
            .weightGradient(WeightGradient.DETACHED)
            .build(),
        LossSpec.parse("soft(k=3,soft-weight=margin,detach-weight)"));
    assertSameLoss(FocalLoss.multiClass().gamma(2).build(), LossSpec.parse("focal"));
    assertSameLoss(
        FocalLoss.multiClass().gamma(0.5).reducedThreshold(0.4).build(),
        LossSpec.parse("focal(gamma=0.5,reduced-threshold=0.4)"));
    assertSameLoss(
        FocalStarLoss.multiClass().gamma(2).beta(1).build(),
        LossSpec.parse("focal-star(gamma=2,beta=1)"));
    assertSameLoss(PolyLoss.multiClass().epsilon(2).build(), LossSpec.parse("poly1(epsilon=2)"));
    assertSameLoss(
        PolyLoss.multiClass().gamma(2).epsilon(-1).build(),
        LossSpec.parse("poly-focal(epsilon=-1)"));
  }

  @Test
  void alphaWeightsEntitiesAgainstO() {
    assertSameLoss(
        FocalLoss.multiClass().classAlpha(0.25, 0.75, 0.75, 0.75).build(),
        LossSpec.parse("focal(alpha=0.75)"));
    assertArrayEquals(
        new double[] {0.5, 1.0, 2.0, 2.0},
        LossSpec.builder("ce")
            .classAlpha(Map.of("O", 0.5, "PER", 2.0))
            .build()
            .classWeights(TAGS, COUNTS));
    assertArrayEquals(
        new double[] {1.0, 1.0, 3.0, 2.0},
        LossSpec.builder("ce")
            .classAlpha(Map.of("PER", 2.0, "B-PER", 3.0))
            .build()
            .classWeights(TAGS, COUNTS));
    assertArrayEquals(
        ClassBalanced.alpha(0.999, COUNTS),
        LossSpec.parse("ce(class-balanced=0.999)").classWeights(TAGS, COUNTS));
    assertNull(LossSpec.parse("ce").classWeights(TAGS, COUNTS));
    LossSpecException e =
        assertThrows(
            LossSpecException.class,
            () ->
                LossSpec.builder("ce")
                    .classAlpha(Map.of("ORG", 2.0))
                    .build()
                    .multiClass(TAGS, COUNTS));
    assertTrue(
        e.getMessage().contains("'ORG' is neither a tag nor an entity type"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ce",
        "hard(threshold=0.7)",
        "soft(k=1)",
        "soft(k=2,soft-weight=softmax,detach-weight)",
        "focal(gamma=2)",
        "focal(gamma=0.5,alpha=0.25,label-smoothing=0.1)",
        "focal(gamma=2,detach-weight)",
        "focal-star(gamma=1,beta=0)",
        "poly1(epsilon=1)",
        "poly-focal(gamma=2,epsilon=-0.5)",
        "ce(class-balanced=0.99)",
        "focal(gamma=2,class-alpha=O:0.25/PER:2)",
        "dsc",
        "dsc(smooth=0.5)",
        "dsc(alpha=0.75,self-adjusting-alpha=0.1)",
        "dice",
        "dice(smooth=2)",
        "tversky",
        "tversky(false-positive-weight=0.3,false-negative-weight=0.7)",
        "mom",
        "mom(lambda=0.5,base=focal)",
        "mom(class-balanced=0.99,base=dsc)"
      })
  void textFormRoundTrips(String text) {
    LossSpec s = LossSpec.parse(text);
    assertEquals(text, s.toString());
    assertEquals(s, LossSpec.parse(s.toString()));
    assertEquals(s, s.toBuilder().build());
  }

  @Test
  void errorsNameTheFlag() {
    assertFlag("--gamma", () -> LossSpec.builder("focal").set("gamma", -1).build());
    assertFlag("--gamma", () -> LossSpec.builder("focal-star").set("gamma", 0).build());
    assertFlag("--k", () -> LossSpec.builder("focal").set("k", 2).build());
    assertFlag("--threshold", () -> LossSpec.builder("hard").set("threshold", 0).build());
    assertFlag("--epsilon", () -> LossSpec.parse("poly1(epsilon=-2)"));
    assertFlag("--alpha", () -> LossSpec.parse("ce(alpha=0.5,class-balanced=0.9)"));
    assertFlag("--class-balanced", () -> LossSpec.parse("ce(class-balanced=1)"));
    assertFlag("--detach-weight", () -> LossSpec.parse("hard(detach-weight)"));
    assertFlag("--label-smoothing", () -> LossSpec.parse("soft(label-smoothing=0.1)"));
    assertFlag("--gamma", () -> LossSpec.builder("focal").set("gamma", Double.NaN));
    assertFlag("--loss", () -> LossSpec.parse("focal(gama=2)"));
    assertFlag("--loss", () -> LossSpec.parse("fokal"));
    assertFlag("--k", () -> LossSpec.parse("soft(k=abc)"));
  }

  private static void assertFlag(String flag, Runnable r) {
    LossSpecException e = assertThrows(LossSpecException.class, r::run);
    assertEquals(flag, e.flag(), e.getMessage());
    assertTrue(e.getMessage().contains(flag) || flag.equals("--loss"), e.getMessage());
  }

  @Test
  void omittingTheSweptHyperparameterNamesTheSeries() {
    assertEquals(
        "soft(soft-weight=softmax)", LossSpec.parse("soft(k=4,soft-weight=softmax)").toString("k"));
    assertEquals(
        "focal(alpha=0.75)", LossSpec.parse("focal(gamma=1,alpha=0.75)").toString("gamma"));
  }
}
