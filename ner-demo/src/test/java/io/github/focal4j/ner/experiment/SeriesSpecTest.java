package io.github.focal4j.ner.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.models.Head;
import io.github.focal4j.models.TagConstraints;
import io.github.focal4j.ner.data.TagScheme;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The series of compare and sweep: a loss, and the head it trains when it chooses one. */
class SeriesSpecTest {

  private static RunSettings base(TagScheme tagging) {
    return new RunSettings(
        Preset.DEMO.model(),
        Preset.DEMO.trainer(),
        tagging,
        LossSpec.crossEntropy(),
        RunSettings.Selection.LAST,
        10);
  }

  @Test
  void textFormsReadBackAsWritten() {
    for (String text :
        List.of(
            "ce",
            "focal(gamma=2,alpha=0.75)",
            "crf",
            "crf(mu=0.5):focal(gamma=2)",
            "softmax:dsc",
            "crf(mu=0):ce(class-alpha=O:0.2/PER:1)")) {
      assertEquals(text, SeriesSpec.parse(text).toString(), text);
    }
    assertEquals("crf", SeriesSpec.parse("crf(mu=1)").toString());
    assertEquals(
        List.of("ce", "crf", "crf(mu=0.5):focal(gamma=2,alpha=0.5)"),
        SeriesSpec.parseList("ce, crf ,crf(mu=0.5):focal(gamma=2,alpha=0.5)").stream()
            .map(SeriesSpec::toString)
            .toList());
  }

  @Test
  void aSeriesWithAHeadTrainsThatHead() {
    RunSettings nll = SeriesSpec.parse("crf").applyTo(base(TagScheme.IOB2));
    assertEquals(Head.CRF, nll.model().head());
    assertEquals(TagConstraints.BIO, nll.model().constraints());
    assertEquals(1.0, nll.crfMix());
    RunSettings mixed =
        SeriesSpec.parse("crf(mu=0.5):focal(gamma=2)").applyTo(base(TagScheme.BIOES));
    assertEquals(TagConstraints.BIOES, mixed.model().constraints());
    assertEquals(0.5, mixed.crfMix());
    assertEquals("focal(gamma=2)", mixed.loss().toString());
    RunSettings plain = SeriesSpec.parse("focal").applyTo(base(TagScheme.IOB2));
    assertEquals(Head.SOFTMAX, plain.model().head());
    assertEquals(Head.SOFTMAX, SeriesSpec.parse("softmax:ce").applyTo(mixed).model().head());
    // the rest of the model is the base's
    assertEquals(base(TagScheme.IOB2).model().hiddenSize(), nll.model().hiddenSize());
  }

  @Test
  void headGroupsPairCrfRowsWithCrfRows() {
    assertEquals("crf", SeriesSpec.headGroupOf("crf"));
    assertEquals("crf", SeriesSpec.headGroupOf("crf(mu=0.5):focal(gamma=2)"));
    assertEquals("softmax", SeriesSpec.headGroupOf("softmax:ce"));
    assertEquals("", SeriesSpec.headGroupOf("focal(gamma=2)"));
  }

  @Test
  void badSeriesNameWhatIsWrong() {
    assertTrue(
        assertThrows(LossSpecException.class, () -> SeriesSpec.parse("crf(mu=1):focal"))
            .getMessage()
            .contains("at mu 1 the CRF trains with its sentence likelihood alone"));
    assertTrue(
        assertThrows(LossSpecException.class, () -> SeriesSpec.parse("crf(mu=0.5)"))
            .getMessage()
            .contains("which loss acts on the CRF marginals?"));
    assertTrue(
        assertThrows(LossSpecException.class, () -> SeriesSpec.parse("crf(mu=1.5):ce"))
            .getMessage()
            .contains("mu must be in [0, 1]"));
    assertTrue(
        assertThrows(LossSpecException.class, () -> SeriesSpec.parse("crf(mu=x):ce"))
            .getMessage()
            .contains("mu must be a number, got 'x'"));
    assertTrue(
        assertThrows(LossSpecException.class, () -> SeriesSpec.parse("tree:ce"))
            .getMessage()
            .contains("unknown head 'tree'"));
    assertEquals(
        "--losses", assertThrows(LossSpecException.class, () -> SeriesSpec.parseList(" ")).flag());
  }
}
