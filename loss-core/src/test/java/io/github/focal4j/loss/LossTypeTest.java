package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The registry and the declarations each loss makes of itself: names, keys, defaults, text form.
 */
class LossTypeTest {

  /** Keys the applications built on the registry use for options every loss shares. */
  private static final Set<String> SHARED = Set.of("alpha", "class-alpha", "class-balanced");

  @Test
  void namesAndKeysAreUniqueLowerCaseAndLeaveTheSharedOptionsAlone() {
    Set<String> names = new HashSet<>();
    for (LossType<?> t : Losses.ALL) {
      assertTrue(names.add(t.name()), "duplicate name " + t.name());
      assertTrue(t.name().matches("[a-z][a-z0-9-]*"), t.name());
      for (Hyperparameter<?> h : t.hyperparameters()) {
        assertTrue(h.key().matches("[a-z][a-z0-9-]*"), h.key());
        assertFalse(SHARED.contains(h.key()), t.name() + " declares the shared key " + h.key());
      }
      assertEquals(t, Losses.named(t.name().toUpperCase()).orElseThrow());
    }
    assertTrue(Losses.named("nope").isEmpty());
    assertTrue(
        Losses.names().startsWith("ce, hard, soft, focal, focal-star, poly1, poly-focal"),
        Losses.names());
  }

  @Test
  void eachTypeAtItsDefaultsIsItsBuilderAtItsDefaults() {
    assertSameLoss(CrossEntropyLoss.TYPE, CrossEntropyLoss.multiClass(), CrossEntropyLoss.binary());
    assertSameLoss(
        HardTruncationLoss.TYPE, HardTruncationLoss.multiClass(), HardTruncationLoss.binary());
    assertSameLoss(SoftenedLoss.TYPE, SoftenedLoss.multiClass(), SoftenedLoss.binary());
    assertSameLoss(FocalLoss.TYPE, FocalLoss.multiClass(), FocalLoss.binary());
    assertSameLoss(FocalStarLoss.TYPE, FocalStarLoss.multiClass(), FocalStarLoss.binary());
    assertSameLoss(PolyLoss.POLY1, PolyLoss.multiClass(), PolyLoss.binary());
    assertSameLoss(PolyLoss.POLY_FOCAL, PolyLoss.multiClass().gamma(2), PolyLoss.binary().gamma(2));
    assertSameLoss(DiceLoss.DSC, DiceLoss.multiClass(), DiceLoss.binary());
    assertSameLoss(
        DiceLoss.DICE,
        DiceLoss.multiClass().selfAdjustingAlpha(0),
        DiceLoss.binary().selfAdjustingAlpha(0));
    assertSameLoss(TverskyLoss.TYPE, TverskyLoss.multiClass(), TverskyLoss.binary());
    assertEquals(
        MomLoss.multiClass()
            .base(CrossEntropyLoss.multiClass().backgroundClass(2).build())
            .majorityClass(2)
            .build()
            .toString(),
        MomLoss.TYPE.multiClass(MomLoss.Config.DEFAULT).backgroundClass(2).build().toString());
    assertFalse(MomLoss.TYPE.hasBinary());
  }

  @Test
  void theNlpLossesByName() {
    assertEquals("dsc", DiceLoss.DSC.choice().toString());
    assertEquals("dsc(smooth=0.5)", DiceLoss.DSC.choice().set("smooth", 0.5).toString());
    assertEquals("dice", DiceLoss.DICE.choice().toString());
    assertEquals(OptionalDouble.empty(), DiceLoss.DICE.choice().number("self-adjusting-alpha"));
    assertEquals(0.0, DiceLoss.DICE.defaults().selfAdjustingAlpha());
    assertEquals(
        "tversky(false-negative-weight=0.7)",
        TverskyLoss.TYPE.choice().set("false-negative-weight", 0.7).toString());
    assertEquals(
        "mom(lambda=0.5,base=focal)",
        MomLoss.TYPE.choice().set("lambda", 0.5).set("base", "focal").toString());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MomLoss.TYPE.multiClass(MomLoss.Config.DEFAULT).build());
    assertEquals(
        "MomLoss: the majority class must be set: backgroundClass(c), the O class; there is no default",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DiceLoss.DSC.choice().set("smooth", 0));
    assertEquals("DiceLoss: smooth must be finite and > 0, got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MomLoss.TYPE.choice().set("lambda", -1));
    assertEquals("MomLoss: lambda must be finite and >= 0, got -1.0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> MomLoss.TYPE.choice().set("base", "mom"));
    assertEquals("expected ce, focal, dsc, dice or tversky", e.getMessage());
    for (MomLoss.Base b : MomLoss.Base.values()) {
      assertEquals(b.name().toLowerCase(java.util.Locale.ROOT), b.type().name());
    }
  }

  private static <C> void assertSameLoss(
      LossType<C> type, MultiClassLossBuilder<?> multi, BinaryLossBuilder<?> bin) {
    assertEquals(multi.build().toString(), type.multiClass(type.defaults()).build().toString());
    assertEquals(bin.build().toString(), type.binary(type.defaults()).build().toString());
  }

  @Test
  void textFormRoundTripsEveryHyperparameter() {
    for (LossType<?> t : Losses.ALL) {
      roundTrip(t.choice());
      for (Hyperparameter<?> h : t.hyperparameters()) {
        LossChoice<?> changed =
            switch (h.kind()) {
              case FLAG -> t.choice().flag(h.key());
              case CHOICE -> { // the last choice that is not the default
                LossChoice<?> other = t.choice();
                for (String name : h.choiceNames().split(", | or ")) {
                  LossChoice<?> c = t.choice().set(h.key(), name);
                  other = c.equals(t.choice()) ? other : c;
                }
                yield other;
              }
              default -> t.choice().set(h.key(), "0.25");
            };
        assertTrue(changed.toString().contains(h.key()), changed.toString());
        roundTrip(changed);
      }
    }
  }

  private static void roundTrip(LossChoice<?> c) {
    LossText text = LossText.parse(c.toString());
    LossChoice<?> back = Losses.named(text.name()).orElseThrow().choice();
    for (LossText.Item item : text.items()) {
      back = back.set(item);
    }
    assertEquals(c, back, c.toString());
  }

  @Test
  void textFormPutsNumbersThenSharedItemsThenOptions() {
    LossChoice<?> f =
        FocalLoss.TYPE
            .choice()
            .set("gamma", 0.5)
            .set("label-smoothing", "0.1")
            .flag("detach-weight");
    assertEquals(
        "focal(gamma=0.5,alpha=0.25,label-smoothing=0.1,detach-weight)",
        f.text(List.of("alpha=0.25"), null).toString());
    assertEquals(
        "focal(alpha=0.25,label-smoothing=0.1,detach-weight)",
        f.text(List.of("alpha=0.25"), "gamma").toString());
    assertEquals("ce", CrossEntropyLoss.TYPE.choice().toString());
    assertEquals("poly-focal(gamma=2,epsilon=1)", PolyLoss.POLY_FOCAL.choice().toString());
    assertEquals(OptionalDouble.of(2), PolyLoss.POLY_FOCAL.choice().number("gamma"));
    assertEquals(OptionalDouble.empty(), PolyLoss.POLY1.choice().number("gamma"));
  }

  @Test
  void badValuesNameTheLossTheParameterAndTheValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> FocalLoss.TYPE.choice().set("gamma", -1));
    assertEquals("FocalLoss: gamma must be finite and >= 0, got -1.0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SoftenedLoss.TYPE.choice().set("soft-weight", "max"));
    assertEquals("expected softmax or margin", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> FocalLoss.TYPE.choice().set("gamma", Double.NaN));
    assertEquals("must be a number", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CrossEntropyLoss.TYPE.choice().set("k", 2));
    assertThrows(NumberFormatException.class, () -> SoftenedLoss.TYPE.choice().set("k", "abc"));
    assertThrows(IllegalArgumentException.class, () -> LossText.parse("focal(gamma=2"));
    e =
        assertThrows(
            IllegalArgumentException.class, () -> LossText.parse("focal(gamma=2, gamma=3)"));
    assertEquals(
        "'focal(gamma=2, gamma=3)': gamma is given twice; give each key once", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LossText.parse("soft(detach-weight,detach-weight)"));
    assertEquals(
        "'soft(detach-weight,detach-weight)': detach-weight is given twice; give each key once",
        e.getMessage());
    assertNotEquals(FocalLoss.TYPE.choice(), FocalLoss.TYPE.choice().set("reduced-threshold", 0.5));
  }

  @Test
  void listsSplitOutsideParentheses() {
    assertEquals(
        List.of("ce", "focal(gamma=1,alpha=0.5)", "soft"),
        LossText.splitList("ce, focal(gamma=1,alpha=0.5) ,soft"));
  }
}
