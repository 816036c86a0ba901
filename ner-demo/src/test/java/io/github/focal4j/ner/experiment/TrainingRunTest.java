package io.github.focal4j.ner.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.training.TrainerConfig;
import io.github.focal4j.ner.data.TagScheme;
import io.github.focal4j.ner.synth.SyntheticCorpusConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

  private static final NerData DATA =
      NerData.synthetic(SyntheticCorpusConfig.defaults().withSizes(160, 40, 40));
  private static final TokenClassifierConfig TINY =
      TokenClassifierConfig.builder().wordDim(16).charCnn(8, 8, 3).hiddenSize(16).build();

  private static RunSettings settings(
      LossSpec loss, RunSettings.Selection selection, int evalEvery, int epochs) {
    return new RunSettings(
        TINY,
        TrainerConfig.builder().epochs(epochs).batchSize(16).build(),
        TagScheme.IOB2,
        loss,
        selection,
        evalEvery);
  }

  @Test
  void scoresDevEveryNStepsAndAtEpochEndsOncePerStep() throws Exception {
    RunResult r =
        new TrainingRun(DATA, settings(LossSpec.crossEntropy(), RunSettings.Selection.LAST, 4, 2))
            .run();
    // 10 steps per epoch: 4, 8, 10 (epoch end), 12, 16, 20 (both)
    assertEquals(
        List.of(4L, 8L, 10L, 12L, 16L, 20L), r.devCurve().stream().map(DevPoint::step).toList());
    assertEquals(
        r.dev().f1(), r.devCurve().get(5).f1(), 1e-12, "the last point is the final dev F1");
    assertEquals(20, r.training().steps());
    assertTrue(r.test().tokens() > 0);
    double best = r.devCurve().stream().mapToDouble(DevPoint::f1).max().orElseThrow();
    assertEquals(
        r.stepsToReach(best).orElseThrow(),
        r.devCurve().stream().filter(p -> p.f1() >= best).findFirst().orElseThrow().step());
    assertTrue(r.stepsToReach(100.5).isEmpty());
  }

  @Test
  void bioesTrainingIsScoredInIob2() throws Exception {
    RunResult r =
        new TrainingRun(
                DATA,
                new RunSettings(
                    TINY,
                    TrainerConfig.builder().epochs(1).batchSize(16).build(),
                    TagScheme.BIOES,
                    LossSpec.crossEntropy(),
                    RunSettings.Selection.BEST_DEV_EPOCH,
                    0))
            .run();
    assertEquals(TagScheme.BIOES, ModelEvaluation.schemeOf(r.model()));
    assertEquals(DATA.test().tokenCount(), r.test().tokens());
    assertEquals(
        DATA.test().stats().entities(), r.test().overall().gold(), "gold chunks counted in IOB2");
  }

  /**
   * Issue 12: the CRF head trained with focal loss on its token marginals, mixed half and half with
   * the likelihood, on the synthetic corpus (BIOES constraints, two shards, 25 short epochs): the
   * loss falls and the tagger learns.
   */
  @Test
  void crfWithFocalLossOnItsMarginalsTrains() throws Exception {
    TokenClassifierConfig crf =
        TINY.toBuilder().crfHead(io.github.focal4j.models.TagConstraints.BIOES).build();
    RunSettings s =
        new RunSettings(
            crf,
            TrainerConfig.builder()
                .epochs(25)
                .batchSize(16)
                .shards(2)
                .optimizer(
                    io.github.focal4j.models.training.OptimizerConfig.Adam.withLearningRate(0.01))
                .build(),
            TagScheme.BIOES,
            LossSpec.parse("focal(gamma=2)"),
            RunSettings.Selection.LAST,
            0,
            0.5);
    List<Double> losses = new java.util.ArrayList<>();
    RunResult r =
        new TrainingRun(DATA, s)
            .threads(2)
            .addListener(
                new io.github.focal4j.models.training.TrainingListener() {
                  @Override
                  public void onEpoch(Epoch e) {
                    losses.add(e.meanLoss());
                  }
                })
            .run();
    assertEquals(25, losses.size());
    assertTrue(
        losses.get(24) < 0.5 * losses.get(0) && losses.get(4) < losses.get(0), "losses " + losses);
    // At this budget the likelihood alone (mu 1) reaches about 53 test F1 here.
    assertTrue(r.test().f1() > 40, "test F1 " + r.test().f1());
  }

  /**
   * The final dev scores are those of the best epoch, taken when it was scored (evaluation is
   * deterministic), and equal a fresh evaluation of the model the run returns. The rate is too high
   * for this model on purpose, so that the dev F1 falls after its best epoch (epoch 5 of 6 here).
   */
  @Test
  void finalDevScoresAreTheBestEpochsAndEqualAFreshEvaluation() throws Exception {
    RunSettings s =
        new RunSettings(
            TINY,
            TrainerConfig.builder()
                .epochs(6)
                .batchSize(16)
                .optimizer(
                    io.github.focal4j.models.training.OptimizerConfig.Adam.withLearningRate(0.1))
                .build(),
            TagScheme.IOB2,
            LossSpec.crossEntropy(),
            RunSettings.Selection.BEST_DEV_EPOCH,
            0);
    RunResult r = new TrainingRun(DATA, s).run();
    List<Double> curve = r.devCurve().stream().map(DevPoint::f1).toList();
    int best = r.training().best().orElseThrow().epoch();
    assertTrue(best < 5, "the test needs a best epoch before the last: dev F1 " + curve);
    assertEquals(curve.stream().mapToDouble(d -> d).max().orElseThrow(), r.dev().f1());
    assertEquals(ModelEvaluation.evaluate(r.model(), DATA.dev(), 1), r.dev());
  }

  @Test
  void experimentResultsDoNotDependOnHowManyRunsGoInParallel() {
    RunSettings base = settings(LossSpec.crossEntropy(), RunSettings.Selection.LAST, 5, 1);
    List<RunPlan> plans =
        LossComparison.plans(
            DATA,
            base,
            List.of(SeriesSpec.of(LossSpec.crossEntropy()), SeriesSpec.parse("focal(alpha=0.75)")),
            List.of(1L, 2L));
    List<RunSummary> parallel = new ExperimentRunner(2, 10).run(plans, new ExperimentListener() {});
    List<RunSummary> serial = new ExperimentRunner(1, 10).run(plans, new ExperimentListener() {});
    assertEquals(4, parallel.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(serial.get(i).f1(), parallel.get(i).f1(), plans.get(i).series());
      assertEquals(serial.get(i).devCurve(), parallel.get(i).devCurve());
    }
    assertNotEquals(
        parallel.get(0).devCurve(), parallel.get(1).devCurve(), "another seed, another run");
  }
}
