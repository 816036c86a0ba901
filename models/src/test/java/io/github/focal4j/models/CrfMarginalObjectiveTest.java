package io.github.focal4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.Autograd;
import io.github.focal4j.autodiff.GradCheck;
import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
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
import io.github.focal4j.models.data.Batch;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import io.github.focal4j.models.training.OptimizerConfig;
import io.github.focal4j.models.training.Trainer;
import io.github.focal4j.models.training.TrainerConfig;
import io.github.focal4j.models.training.TrainingListener;
import io.github.focal4j.models.training.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Objective#crf}: a loss of the CRF's token marginals mixed with the sentence likelihood.
 */
class CrfMarginalObjectiveTest {

  private final List<Sentence> data = TinyCorpus.sentences(12, 1);
  private final Encoder encoder = Encoder.builder().lowercaseWords().fit(data);
  private static final MultiClassLoss FOCAL = FocalLoss.multiClass().gamma(2).build();

  private TokenClassifier crfModel(long seed) {
    return TokenClassifier.create(
        TinyCorpus.smallConfig().toBuilder().crfHead(TagConstraints.BIO).build(),
        encoder,
        new RandomSource(seed));
  }

  /** Every multi-class loss of loss-core, at non-default settings. */
  private static Map<String, MultiClassLoss> losses() {
    Map<String, MultiClassLoss> m =
        new java.util.LinkedHashMap<>(
            Map.of(
                "ce",
                CrossEntropyLoss.multiClass().build(),
                "focal",
                FOCAL,
                "focal-alpha",
                FocalLoss.multiClass().gamma(0.5).classAlpha(0.3, 1, 2, 1.5, 0.7).build(),
                "hard",
                HardTruncationLoss.multiClass().threshold(0.6).build(),
                "soft-softmax",
                SoftenedLoss.multiClass().k(2).build(),
                "soft-margin",
                SoftenedLoss.multiClass().k(2).weight(SoftenedLoss.MultiClassWeight.MARGIN).build(),
                "poly1",
                PolyLoss.multiClass().epsilon(1).build(),
                "poly-focal",
                PolyLoss.multiClass().gamma(2).epsilon(-0.5).build(),
                "focal-star",
                FocalStarLoss.multiClass().gamma(2).beta(1).build()));
    // The NLP losses: gold-class DSC is a function of p_t; one-vs-rest DSC and Tversky of every
    // class's
    // probability softmax(x)_c, which log-marginals give as well; MoM is its base's value
    // re-weighted by the tags.
    m.put(
        "dsc-gold",
        DiceLoss.multiClass()
            .selfAdjustingAlpha(0.5)
            .form(DiceLoss.MultiClassForm.GOLD_CLASS)
            .build());
    m.put("dsc", DiceLoss.multiClass().selfAdjustingAlpha(0.5).build());
    m.put(
        "tversky",
        TverskyLoss.multiClass().falsePositiveWeight(0.3).falseNegativeWeight(0.7).build());
    m.put("mom", MomLoss.multiClass().base(FOCAL).majorityClass(0).lambda(0.5).build());
    return m;
  }

  /**
   * Log-marginals are valid logits only if a loss depends on its logits through their softmax: then
   * {@code ℓ(log p) = ℓ(p)} exactly. Checked for every loss (value and gradient), and that the
   * stand-in for an impossible tag's −∞ changes nothing however far below it is.
   */
  @Test
  void everyLossSeesTheMarginalsThemselves() {
    SplittableRandom rng = new SplittableRandom(3);
    Tensor x = Tensor.uniform(rng, -3, 3, 6, 5).requiresGrad(true);
    IntTensor y = IntTensor.of(new int[] {0, 1, 2, 3, 4, 0}, 6);
    double[] withImpossible = Tensor.uniform(rng, -3, 3, 6, 5).logSoftmax(1).toArray();
    withImpossible[2] = Objective.CrfMarginal.IMPOSSIBLE_LOGIT; // row 0, class 2 (target 0)
    withImpossible[5 + 4] = Objective.CrfMarginal.IMPOSSIBLE_LOGIT;
    double[] further = withImpossible.clone();
    further[2] = -5000;
    further[9] = -1e6;
    for (Map.Entry<String, MultiClassLoss> l : losses().entrySet()) {
      MultiClassLoss loss = l.getValue();
      Tensor direct = loss.apply(x, y);
      Tensor viaLogP = loss.apply(x.logSoftmax(1), y);
      assertEquals(direct.item(), viaLogP.item(), 1e-12, l.getKey());
      assertArrayEquals(
          Autograd.grad(direct, List.of(x)).get(0).toArray(),
          Autograd.grad(viaLogP, List.of(x)).get(0).toArray(),
          1e-12,
          l.getKey() + " gradient");
      assertEquals(
          loss.apply(Tensor.of(further, 6, 5), y).item(),
          loss.apply(Tensor.of(withImpossible, 6, 5), y).item(),
          0.0,
          l.getKey() + " with an impossible tag");
    }
  }

  @Test
  void muOneIsTheLikelihoodBitForBit() {
    TokenClassifier m = crfModel(3);
    Batch b = encoder.batch(encoder.encodeAll(data.subList(0, 5)));
    Tensor nll = Objective.crfLikelihood().loss(m, b, null);
    Tensor viaMix = Objective.crf(FOCAL, 1.0).loss(m, b, null);
    assertEquals(nll.item(), viaMix.item(), 0.0);
  }

  @Test
  void theMixIsTheWeightedSumOfLikelihoodAndMarginalLossPerToken() {
    TokenClassifier m = crfModel(4);
    m.eval();
    Batch b = encoder.batch(encoder.encodeAll(data.subList(0, 5)));
    double nll = Objective.crfLikelihood().loss(m, b, null).item();
    double marginal = Objective.crf(FOCAL, 0).loss(m, b, null).item();
    assertEquals(
        0.3 * nll + 0.7 * marginal, Objective.crf(FOCAL, 0.3).loss(m, b, null).item(), 1e-12);
    // Cross-entropy on the marginals is −Σ_t log p(y_t | x) / tokens; focal's factor (1 − p_t)^γ ≤
    // 1 makes it
    // smaller; and each p(y_t | x) ≥ p(y | x), so on one sentence every token's term is at most the
    // sentence NLL.
    double ce = Objective.crf(TestLosses.CROSS_ENTROPY, 0).loss(m, b, null).item();
    assertTrue(marginal > 0 && marginal < ce, "focal " + marginal + " vs cross-entropy " + ce);
    Batch one = encoder.batch(encoder.encodeAll(data.subList(0, 1)));
    double sentenceNll = Objective.crfLikelihood().loss(m, one, null).item() * one.tokens();
    double ceOne = Objective.crf(TestLosses.CROSS_ENTROPY, 0).loss(m, one, null).item();
    assertTrue(ceOne > 0 && ceOne <= sentenceNll, ceOne + " vs " + sentenceNll);
  }

  @Test
  void shardsRecombineByTokenCounts() {
    TokenClassifier m = crfModel(5);
    m.eval();
    Objective o = Objective.crf(FOCAL, 0.5);
    Batch whole = encoder.batch(encoder.encodeAll(data.subList(0, 6)));
    Batch a = encoder.batch(encoder.encodeAll(data.subList(0, 2)));
    Batch c = encoder.batch(encoder.encodeAll(data.subList(2, 6)));
    double recombined =
        (o.loss(m, a, null).item() * a.tokens() + o.loss(m, c, null).item() * c.tokens())
            / whole.tokens();
    assertEquals(o.loss(m, whole, null).item(), recombined, 1e-12);
  }

  @Test
  void wholeModelGradientMatchesFiniteDifferences() {
    TokenClassifier m = crfModel(6);
    Batch b = encoder.batch(encoder.encodeAll(data.subList(0, 3)));
    List<Tensor> ps = new ArrayList<>(m.parameters());
    GradCheck.check(in -> Objective.crf(FOCAL, 0.5).loss(m, b, null), ps.toArray(new Tensor[0]))
        .assertWithin(1e-7, 1e-5);
  }

  @Test
  void trainsATinyCorpusOnTwoShardsAndThreads() {
    for (double mu : new double[] {0.5, 0.0}) {
      TrainerConfig tc =
          TrainerConfig.builder()
              .epochs(40)
              .batchSize(4)
              .seed(5)
              .shards(2)
              .optimizer(OptimizerConfig.Adam.withLearningRate(0.03))
              .build();
      TokenClassifier m = crfModel(tc.seed());
      List<Double> losses = new ArrayList<>();
      TrainingResult r =
          new Trainer(m, Objective.crf(FOCAL, mu), tc)
              .threads(2)
              .addListener(
                  new TrainingListener() {
                    @Override
                    public void onEpoch(Epoch e) {
                      losses.add(e.meanLoss());
                    }
                  })
              .fit(data, null);
      assertEquals(TrainingResult.Stop.COMPLETED, r.stop());
      assertTrue(
          losses.get(losses.size() - 1) < 0.1 * losses.get(0), "mu " + mu + " losses " + losses);
      List<List<String>> tokens = data.stream().map(Sentence::tokens).toList();
      assertEquals(data.stream().map(Sentence::tags).toList(), m.predict(tokens), "mu " + mu);
    }
  }

  /**
   * The objective is code passed again on resume (as every loss is): a run on the marginal
   * objective interrupted mid-epoch and resumed ends bit-identical to an uninterrupted one, and the
   * thread count changes nothing.
   */
  @Test
  void interruptedAndResumedRunEndsBitIdentical(@TempDir Path dir) throws Exception {
    Objective o = Objective.crf(FOCAL, 0.5);
    TrainerConfig tc =
        TrainerConfig.builder()
            .epochs(2)
            .batchSize(4)
            .seed(9)
            .shards(2)
            .optimizer(OptimizerConfig.Adam.withLearningRate(0.01))
            .build();
    TokenClassifier straight = crfModel(tc.seed());
    new Trainer(straight, o, tc).threads(2).fit(data, null);
    TokenClassifier oneThread = crfModel(tc.seed());
    new Trainer(oneThread, o, tc).threads(1).fit(data, null);
    assertParametersBitIdentical(straight, oneThread);

    Path ckpt = dir.resolve("training.ckpt");
    Trainer t1 = new Trainer(crfModel(tc.seed()), o, tc).checkpointTo(ckpt, 2);
    t1.addListener(
        new TrainingListener() {
          @Override
          public void onStep(Step s) {
            if (s.step() == 4) {
              t1.requestStop(); // mid-epoch 2 (3 batches per epoch)
            }
          }
        });
    assertEquals(TrainingResult.Stop.STOP_REQUESTED, t1.fit(data, null).stop());
    Trainer t2 = Trainer.resume(ckpt, o);
    assertEquals(4, t2.step());
    assertEquals(TrainingResult.Stop.COMPLETED, t2.fit(data, null).stop());
    assertParametersBitIdentical(straight, t2.model());
  }

  private static void assertParametersBitIdentical(TokenClassifier a, TokenClassifier b) {
    List<Tensor> pa = a.parameters();
    List<Tensor> pb = b.parameters();
    for (int i = 0; i < pa.size(); i++) {
      double[] x = pa.get(i).toArray();
      double[] y = pb.get(i).toArray();
      for (int k = 0; k < x.length; k++) {
        assertEquals(
            Double.doubleToRawLongBits(x[k]), Double.doubleToRawLongBits(y[k]), "parameter " + i);
      }
    }
  }

  @Test
  void badInputIsAClearError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Objective.crf(FOCAL, 1.5));
    assertTrue(e.getMessage().contains("mu") && e.getMessage().contains("1.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Objective.crf(FOCAL, Double.NaN));
    assertTrue(e.getMessage().contains("mu") && e.getMessage().contains("NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Objective.crf(FOCAL, -0.1));
    assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
    TokenClassifier softmax =
        TokenClassifier.create(TinyCorpus.smallConfig(), encoder, new RandomSource(1));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Trainer(softmax, Objective.crf(FOCAL, 0.5), TrainerConfig.reference()));
    assertTrue(e.getMessage().contains("SOFTMAX"), e.getMessage());
    // A gold sequence the BIO constraints forbid (I- first) is refused, as by the likelihood, not
    // scored as −∞.
    Sentence bad = Sentence.of(List.of("Smith", "left"), List.of("I-PER", "O"));
    Batch b = encoder.batch(encoder.encodeAll(List.of(bad)));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Objective.crf(FOCAL, 0).loss(crfModel(2), b, null));
    assertTrue(
        e.getMessage().contains("sentence 0") && e.getMessage().contains("position 0"),
        e.getMessage());
  }
}
