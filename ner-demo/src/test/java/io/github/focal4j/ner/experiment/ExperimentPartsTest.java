package io.github.focal4j.ner.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.synth.SyntheticCorpusConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statistics, subsampling and sweep plans. */
class ExperimentPartsTest {

  private static RunSummary run(String series, long seed, double f1, long steps) {
    return new RunSummary(
        series,
        Double.NaN,
        seed,
        f1,
        0,
        0,
        0,
        0,
        0,
        steps,
        10,
        1,
        1,
        80,
        List.of(new DevPoint(5, 0, f1 - 10), new DevPoint(10, 0, f1)),
        null);
  }

  @Test
  void meanAndSampleStandardDeviation() {
    MeanStd m = MeanStd.of(1, 2, 3, 4);
    assertEquals(2.5, m.mean());
    assertEquals(Math.sqrt(5.0 / 3), m.std(), 1e-15);
    assertEquals("2.50 ± 1.29", m.format(2));
    assertEquals("7.00", MeanStd.of(7).format(2));
    assertEquals("-", MeanStd.of().format(2));
  }

  @Test
  void pairedDeltaRemovesTheSeedEffect() {
    SeriesStats ce =
        new SeriesStats("ce", Double.NaN, List.of(run("ce", 1, 90, 100), run("ce", 2, 80, -1)));
    SeriesStats fl =
        new SeriesStats(
            "focal", Double.NaN, List.of(run("focal", 1, 91, 60), run("focal", 2, 81, 80)));
    assertEquals(1.0, fl.f1DeltaTo(ce).mean(), 1e-12);
    assertEquals(0.0, fl.f1DeltaTo(ce).std(), 1e-12); // while F1 itself varies by 7 points
    assertEquals(1, ce.stepsToTarget().n());
    assertEquals(100, ce.stepsToTarget().mean());
    assertEquals(List.of(5.0, 76.0), List.of(fl.meanCurve().get(0)[0], fl.meanCurve().get(0)[1]));
  }

  @Test
  void failedRunsAreCountedAndLeftOutOfTheFigures() {
    RunSummary failed =
        new RunSummary(
            "x",
            Double.NaN,
            3,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            -1,
            0,
            0,
            0,
            80,
            List.of(),
            "diverged at step 4");
    SeriesStats s = new SeriesStats("x", Double.NaN, List.of(run("x", 1, 90, 10), failed));
    assertEquals(1, s.failures());
    assertEquals(1, s.f1().n());
    assertEquals(
        "not reached (0/1)",
        ExperimentReport.steps(
            new SeriesStats("x", Double.NaN, List.of(run("x", 1, 90, -1), failed))));
  }

  @Test
  void groupingKeepsSeriesAndPointOrder() {
    List<SeriesStats> g =
        SeriesStats.group(List.of(run("a", 1, 1, 1), run("b", 1, 1, 1), run("a", 2, 1, 1)));
    assertEquals(List.of("a", "b"), g.stream().map(SeriesStats::series).toList());
    assertEquals(2, g.get(0).runs().size());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SeriesStats.group(
                    List.of(run("a", 1, 1, 1), run("b", 1, 1, 1), run("a", 1, 2, 1))));
    assertEquals(
        "a: two runs with seed 1; the same run twice would count as two seeds", e.getMessage());
  }

  @Test
  void keepingAShareOfTheEntitySentencesKeepsEveryOtherSentence() {
    Corpus train =
        NerData.synthetic(SyntheticCorpusConfig.defaults().withSizes(2000, 0, 0)).train();
    long entity = train.sentences().stream().filter(Subsample::hasEntity).count();
    long free = train.size() - entity;
    for (double share : new double[] {0.03, 0.1, 0.5}) {
      Corpus c = Subsample.keepEntitySentences(train, share, 1);
      long kept = c.sentences().stream().filter(Subsample::hasEntity).count();
      assertEquals(Math.round(share * entity), kept, "share " + share);
      assertEquals(free, c.size() - kept, "every entity-free sentence stays");
      assertTrue(train.sentences().containsAll(c.sentences()));
      assertTrue(c.stats().outsideShare() > train.stats().outsideShare());
    }
    assertEquals(train, Subsample.keepEntitySentences(train, 1, 1));
    assertEquals(
        Subsample.keepEntitySentences(train, 0.2, 1), Subsample.keepEntitySentences(train, 0.2, 1));
    assertTrue(
        !Subsample.keepEntitySentences(train, 0.2, 1)
            .equals(Subsample.keepEntitySentences(train, 0.2, 2)),
        "another seed, other sentences");
    assertThrows(IllegalArgumentException.class, () -> Subsample.keepEntitySentences(train, 0, 1));
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class, () -> Subsample.keepEntitySentences(train, 1e-5, 1));
    assertTrue(none.getMessage().contains("keeps none of them"), none.getMessage());
    double smallest = 1.0 / entity;
    assertEquals(
        1,
        Subsample.keepEntitySentences(train, smallest, 1).sentences().stream()
            .filter(Subsample::hasEntity)
            .count());
  }

  @Test
  void sweepPlansVaryOneThing() {
    SyntheticCorpusConfig synth = SyntheticCorpusConfig.defaults().withSizes(300, 50, 50);
    NerData data = NerData.synthetic(synth);
    RunSettings base =
        new RunSettings(
            Preset.DEMO.model(),
            Preset.DEMO.trainer(),
            Preset.DEMO.tagging(),
            LossSpec.crossEntropy(),
            RunSettings.Selection.LAST,
            10);
    List<RunPlan> k =
        Sweep.plans(
            Sweep.Kind.K,
            List.of(1.0, 4.0),
            data,
            synth,
            base,
            List.of(SeriesSpec.parse("soft(soft-weight=softmax)")),
            List.of(1L, 2L));
    assertEquals(4, k.size());
    assertEquals("soft(soft-weight=softmax)", k.get(0).series());
    assertEquals(4.0, k.get(3).settings().loss().loss().number("k").getAsDouble());
    assertEquals(2L, k.get(3).seed());
    List<RunPlan> imb =
        Sweep.plans(
            Sweep.Kind.IMBALANCE,
            List.of(0.57, 0.1),
            data,
            synth,
            base,
            List.of(SeriesSpec.of(LossSpec.crossEntropy())),
            List.of(1L));
    double balanced = imb.get(0).data().train().stats().outsideShare();
    assertTrue(imb.get(1).data().train().stats().outsideShare() > balanced + 0.05);
    assertEquals(imb.get(0).data().dev(), imb.get(1).data().dev(), "dev keeps its natural balance");
    // real data (no generator): entity sentences kept at each share, with the epochs scaled to
    // keep the number of steps
    List<RunPlan> real =
        Sweep.plans(
            Sweep.Kind.IMBALANCE,
            List.of(1.0, 0.2),
            data,
            null,
            base,
            List.of(SeriesSpec.of(LossSpec.crossEntropy())),
            List.of(1L));
    assertTrue(real.get(1).data().train().size() < data.train().size() * 0.6);
    assertTrue(real.get(1).settings().trainer().epochs() > base.trainer().epochs());
    assertEquals(
        ExperimentRunner.budget(real.get(0)),
        ExperimentRunner.budget(real.get(1)),
        0.1 * ExperimentRunner.budget(real.get(0)));
    assertThrows(
        LossSpecException.class,
        () ->
            Sweep.plans(
                Sweep.Kind.GAMMA,
                List.of(1.0),
                data,
                synth,
                base,
                List.of(SeriesSpec.of(LossSpec.crossEntropy())),
                List.of(1L)));
  }

  @Test
  void aPerTokenLossOnTheCrfHeadIsRefused() {
    LossSpecException e =
        assertThrows(
            LossSpecException.class,
            () ->
                new RunSettings(
                    Preset.CONLL.model(),
                    Preset.CONLL.trainer(),
                    Preset.CONLL.tagging(),
                    LossSpec.parse("focal"),
                    RunSettings.Selection.LAST,
                    0));
    assertEquals("--loss", e.flag());
  }
}
