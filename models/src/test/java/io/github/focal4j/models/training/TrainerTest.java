package io.github.focal4j.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.MultiClassLoss;
import io.github.focal4j.models.Objective;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TestLosses;
import io.github.focal4j.models.TinyCorpus;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import io.github.focal4j.models.io.CheckpointException;
import io.github.focal4j.models.io.SectionReader;
import io.github.focal4j.models.io.SectionWriter;
import io.github.focal4j.models.ops.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

  private final List<Sentence> data = TinyCorpus.sentences(23, 2);
  private final Encoder encoder = Encoder.builder().lowercaseWords().fit(data);
  private final TokenClassifierConfig modelConfig =
      TinyCorpus.smallConfig().toBuilder().dropout(0.3).build();
  private final TrainerConfig config =
      TrainerConfig.builder()
          .epochs(3)
          .batchSize(5)
          .seed(11)
          .shards(2)
          .clipNorm(1.0)
          .schedule(LearningRateSchedule.warmup(3, LearningRateSchedule.linearDecay(0.1)))
          .optimizer(OptimizerConfig.Adam.withLearningRate(0.01))
          .build();
  private final Objective objective = Objective.tokenLoss(TestLosses.CROSS_ENTROPY);

  private TokenClassifier fresh() {
    return TokenClassifier.create(modelConfig, encoder, new RandomSource(config.seed()));
  }

  private static List<double[]> values(TokenClassifier m) {
    return m.parameters().stream().map(Tensor::toArray).toList();
  }

  private static void assertBitIdentical(List<double[]> a, List<double[]> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), 0.0, "parameter " + i);
      for (int k = 0; k < a.get(i).length; k++) {
        assertEquals(
            Double.doubleToRawLongBits(a.get(i)[k]), Double.doubleToRawLongBits(b.get(i)[k]));
      }
    }
  }

  /** A reader of a checkpoint's {@code TRCF} section holding {@code bytes}. */
  private static SectionReader trcf(byte[] bytes) throws CheckpointException {
    return SectionReader.of(Path.of("t"), Map.of("TRCF", bytes), "TRCF");
  }

  @Test
  void resultsAreBitIdenticalForASeedWhateverTheThreadCount() {
    TokenClassifier one = fresh();
    new Trainer(one, objective, config).threads(1).fit(data, null);
    TokenClassifier two = fresh();
    new Trainer(two, objective, config).threads(2).fit(data, null);
    TokenClassifier twoAgain = fresh();
    new Trainer(twoAgain, objective, config).threads(2).fit(data, null);
    assertBitIdentical(values(one), values(two));
    assertBitIdentical(values(two), values(twoAgain));
    TokenClassifier otherSeed = TokenClassifier.create(modelConfig, encoder, new RandomSource(12));
    new Trainer(otherSeed, objective, config.toBuilder().seed(12).build()).fit(data, null);
    assertFalse(java.util.Arrays.equals(values(one).get(0), values(otherSeed).get(0)));
  }

  @Test
  void withoutADevEvaluatorThereIsNoBestEpochAndNoDevScore() {
    List<TrainingListener.Epoch> epochs = new ArrayList<>();
    TrainingResult r =
        new Trainer(fresh(), objective, config.toBuilder().epochs(2).build())
            .addListener(
                new TrainingListener() {
                  @Override
                  public void onEpoch(Epoch e) {
                    epochs.add(e);
                  }
                })
            .fit(data, null);
    assertTrue(r.best().isEmpty());
    assertEquals(2, epochs.size());
    for (TrainingListener.Epoch e : epochs) {
      assertTrue(
          e.devScore().isEmpty() && !e.improved() && Double.isFinite(e.meanLoss()), e.toString());
    }
  }

  @Test
  void shardedGradientEqualsTheFullBatchGradient() {
    // One step of SGD without momentum: the update is lr·g, so equal updates mean equal gradients.
    TrainerConfig sgd =
        config.toBuilder()
            .epochs(1)
            .batchSize(23)
            .noClipping()
            .schedule(LearningRateSchedule.constant())
            .optimizer(new OptimizerConfig.Sgd(1.0, 0.0, 0.0, OptimizerConfig.Nesterov.OFF, 0.0))
            .build();
    TokenClassifierConfig noDropout = modelConfig.toBuilder().dropout(0).build();
    List<List<double[]>> results = new ArrayList<>();
    for (int shards : new int[] {1, 2, 3}) {
      TokenClassifier m = TokenClassifier.create(noDropout, encoder, new RandomSource(1));
      new Trainer(m, objective, sgd.toBuilder().shards(shards).build()).fit(data, null);
      results.add(values(m));
    }
    for (int s = 1; s < 3; s++) {
      for (int i = 0; i < results.get(0).size(); i++) {
        assertArrayEquals(results.get(0).get(i), results.get(s).get(i), 1e-12, "parameter " + i);
      }
    }
  }

  @Test
  void interruptedAndResumedRunEndsBitIdenticalToAnUninterruptedOne(@TempDir Path dir)
      throws Exception {
    DevEvaluator dev =
        (m, epoch) -> -Math.abs(epoch - 1); // best at epoch 1: the model must end there
    TokenClassifier straight = fresh();
    TrainingResult full = new Trainer(straight, objective, config).fit(data, dev);
    assertEquals(1, full.best().orElseThrow().epoch());

    Path ckpt = dir.resolve("training.ckpt");
    TokenClassifier first = fresh();
    Trainer t1 = new Trainer(first, objective, config).checkpointTo(ckpt, 4);
    t1.addListener(
        new TrainingListener() {
          @Override
          public void onStep(Step s) {
            if (s.step() == 7) {
              t1.requestStop(); // mid-epoch 1 (5 batches per epoch)
            }
          }
        });
    TrainingResult partial = t1.fit(data, dev);
    assertEquals(TrainingResult.Stop.STOP_REQUESTED, partial.stop());
    assertEquals(7, partial.steps());

    Trainer t2 = Trainer.resume(ckpt, objective);
    assertEquals(7, t2.step());
    TrainingResult rest = t2.fit(data, dev);
    assertEquals(full.steps(), rest.steps());
    assertEquals(TrainingResult.Stop.COMPLETED, rest.stop());
    assertBitIdentical(values(straight), values(t2.model()));

    // Resuming from a periodic checkpoint (no stop request) works the same.
    Path ckpt2 = dir.resolve("periodic.ckpt");
    TokenClassifier other = fresh();
    Trainer t3 =
        new Trainer(other, objective, config.toBuilder().epochs(2).build()).checkpointTo(ckpt2, 3);
    t3.fit(data, dev);
    Trainer t4 = Trainer.resume(ckpt2, objective);
    assertEquals(10, t4.step());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> t4.fit(TinyCorpus.sentences(23, 3), dev));
    assertTrue(e.getMessage().contains("differs from the data"), e.getMessage());
  }

  @Test
  void nanLossStopsTrainingNamingTheStepAndKeepsTheLastCheckpoint(@TempDir Path dir)
      throws Exception {
    Path ckpt = dir.resolve("t.ckpt");
    MultiClassLoss bad = TestLosses.nanAfter(2 * 6); // 2 shards per step: NaN from step 7 on
    TokenClassifier m = fresh();
    Trainer t = new Trainer(m, Objective.tokenLoss(bad), config).threads(1).checkpointTo(ckpt, 5);
    DivergenceException e = assertThrows(DivergenceException.class, () -> t.fit(data, null));
    assertEquals(7, e.step());
    assertTrue(e.getMessage().contains("step 7") && e.getMessage().contains("NaN"), e.getMessage());
    for (Tensor p : m.parameters()) {
      for (double v : p.buffer()) {
        assertTrue(Double.isFinite(v));
      }
    }
    long mtime = Files.getLastModifiedTime(ckpt).toMillis();
    Trainer resumed = Trainer.resume(ckpt, objective);
    assertEquals(5, resumed.step());
    assertEquals(mtime, Files.getLastModifiedTime(ckpt).toMillis());
  }

  @Test
  void nonFiniteLogitsRefusedByTheLossAreADivergenceNamingTheStep(@TempDir Path dir)
      throws Exception {
    Path ckpt = dir.resolve("t.ckpt");
    MultiClassLoss bad =
        TestLosses.infiniteLogitsAfter(2 * 4); // 2 shards per step: infinite from step 5 on
    TokenClassifier m = fresh();
    Trainer t = new Trainer(m, Objective.tokenLoss(bad), config).threads(2).checkpointTo(ckpt, 3);
    DivergenceException e = assertThrows(DivergenceException.class, () -> t.fit(data, null));
    assertEquals(5, e.step());
    assertTrue(
        e.getMessage()
            .startsWith(
                "training diverged at step 5 (epoch 1, batch 5): the logits are not"
                    + " finite (CrossEntropyLoss: logits[0, 0, 0] (flat 0) is -Infinity; every logit must be finite"),
        e.getMessage());
    assertEquals(4, t.step());
    assertEquals(3, Trainer.resume(ckpt, objective).step());
  }

  @Test
  void earlyStoppingKeepsTheBestEpoch(@TempDir Path dir) throws Exception {
    double[] scores = {0.5, 0.7, 0.6, 0.65, 0.69, 0.9};
    List<double[]> atBest = new ArrayList<>();
    TokenClassifier m = fresh();
    Path ckpt = dir.resolve("es.ckpt");
    TrainingResult r =
        new Trainer(m, objective, config.toBuilder().epochs(6).patience(2).build())
            .checkpointTo(ckpt)
            .fit(
                data,
                (model, epoch) -> {
                  if (epoch == 1) {
                    atBest.addAll(values(model));
                  }
                  return scores[epoch];
                });
    assertEquals(TrainingResult.Stop.EARLY_STOPPED, r.stop());
    assertEquals(4, r.epochs());
    assertEquals(new BestEpoch(1, 0.7), r.best().orElseThrow());
    assertBitIdentical(atBest, values(m));
    // Resuming the checkpoint written after early stopping ends at once, with the best parameters.
    Trainer again = Trainer.resume(ckpt, objective);
    assertEquals(TrainingResult.Stop.EARLY_STOPPED, again.fit(data, (model, epoch) -> 0).stop());
    assertBitIdentical(atBest, values(again.model()));
  }

  @Test
  void clippingAndEarlyStoppingAreOffWhenEmptyAndZerosInTheCheckpoint() throws Exception {
    TrainerConfig off = config.toBuilder().noClipping().noEarlyStopping().build();
    assertEquals(java.util.OptionalDouble.empty(), off.clipNorm());
    assertEquals(java.util.OptionalInt.empty(), off.patience());
    SectionReader r = trcf(TrainerConfigCodec.write(off));
    r.readInt(); // epochs
    r.readInt(); // batchSize
    r.readInt(); // shards
    r.readLong(); // seed
    assertEquals(0.0, r.readDouble()); // clipNorm: 0 on file, as in the first checkpoints
    assertEquals(0, r.readInt()); // patience
    assertEquals(off, TrainerConfigCodec.read(trcf(TrainerConfigCodec.write(off))));
    assertEquals(config, TrainerConfigCodec.read(trcf(TrainerConfigCodec.write(config))));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> config.toBuilder().clipNorm(0).build());
    assertTrue(e.getMessage().contains("clipNorm must be > 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> config.toBuilder().patience(0).build());
    assertTrue(e.getMessage().contains("patience must be >= 1"), e.getMessage());
  }

  /** The parameter average, recomputed from the raw parameters a listener sees after each step. */
  private static final class ShadowAverage implements TrainingListener {
    final double decay;
    final TokenClassifier model;
    List<double[]> average;

    ShadowAverage(double decay, TokenClassifier model) {
      this.decay = decay;
      this.model = model;
    }

    @Override
    public void onStep(Step s) {
      List<double[]> raw = values(model);
      if (average == null) {
        average = raw;
        return;
      }
      for (int i = 0; i < raw.size(); i++) {
        double[] a = average.get(i);
        for (int k = 0; k < a.length; k++) {
          a[k] = decay * a[k] + (1 - decay) * raw.get(i)[k];
        }
      }
    }

    List<double[]> copy() {
      return average.stream().map(double[]::clone).toList();
    }
  }

  @Test
  void theParameterAverageIsWhatDevScoresWhatTheBestEpochKeepsAndWhatTheModelEndsWith() {
    TrainerConfig ema = config.toBuilder().emaDecay(0.8).build();
    TokenClassifier m = fresh();
    ShadowAverage shadow = new ShadowAverage(0.8, m);
    List<List<double[]>> scored = new ArrayList<>();
    List<List<double[]>> expected = new ArrayList<>();
    DevEvaluator dev =
        (model, epoch) -> {
          scored.add(values(model));
          expected.add(shadow.copy());
          return epoch == 1 ? 1 : 0; // best at epoch 1
        };
    Trainer t = new Trainer(m, objective, ema).addListener(shadow);
    t.fit(data, dev);
    assertEquals(3, scored.size());
    for (int e = 0; e < 3; e++) {
      assertBitIdentical(expected.get(e), scored.get(e));
    }
    assertBitIdentical(expected.get(1), values(m));

    // without a dev set the model ends with the last average, not the raw parameters
    TokenClassifier noDev = fresh();
    ShadowAverage s2 = new ShadowAverage(0.8, noDev);
    TokenClassifier raw = fresh();
    new Trainer(noDev, objective, ema).addListener(s2).fit(data, null);
    new Trainer(raw, objective, config).fit(data, null);
    assertBitIdentical(s2.average, values(noDev));
    assertFalse(java.util.Arrays.equals(values(raw).get(0), values(noDev).get(0)));
  }

  @Test
  void anInterruptedRunWithAveragingResumesBitIdentical(@TempDir Path dir) throws Exception {
    TrainerConfig ema = config.toBuilder().emaDecay(0.9).build();
    DevEvaluator dev = (m, epoch) -> epoch; // the last epoch is best
    TokenClassifier straight = fresh();
    new Trainer(straight, objective, ema).fit(data, dev);

    Path ckpt = dir.resolve("training.ckpt");
    Trainer t1 = new Trainer(fresh(), objective, ema).checkpointTo(ckpt, 4);
    t1.addListener(
        new TrainingListener() {
          @Override
          public void onStep(Step s) {
            if (s.step() == 7) {
              t1.requestStop();
            }
          }
        });
    assertEquals(TrainingResult.Stop.STOP_REQUESTED, t1.fit(data, dev).stop());
    Trainer t2 = Trainer.resume(ckpt, objective);
    assertEquals(ema, t2.config());
    t2.fit(data, dev);
    assertBitIdentical(values(straight), values(t2.model()));
  }

  @Test
  void averagingIsOffWhenEmptyAndItsDecayIsCheckedAndStored() throws Exception {
    assertEquals(java.util.OptionalDouble.empty(), TrainerConfig.reference().emaDecay());
    for (double bad : new double[] {0, 1, -0.5, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> config.toBuilder().emaDecay(bad).build());
      assertTrue(e.getMessage().contains("emaDecay must be in (0, 1)"), e.getMessage());
      assertTrue(e.getMessage().contains("got " + bad), e.getMessage());
    }
    TrainerConfig ema = config.toBuilder().emaDecay(0.999).build();
    byte[] on = TrainerConfigCodec.write(ema);
    byte[] off = TrainerConfigCodec.write(config);
    assertArrayEquals(off, java.util.Arrays.copyOf(on, off.length), "appended after the schedule");
    assertEquals(ema, TrainerConfigCodec.read(trcf(on)));
    byte[] foreign = new SectionWriter().writeString("swa").writeDouble(1).toByteArray();
    byte[] bad = java.util.Arrays.copyOf(off, off.length + foreign.length);
    System.arraycopy(foreign, 0, bad, off.length, foreign.length);
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> TrainerConfigCodec.read(trcf(bad)));
    assertTrue(e.getMessage().contains("unknown setting 'swa'"), e.getMessage());
  }

  @Test
  void precisionIsFloat64UnlessSetAndStoredAfterTheOtherSettings() throws Exception {
    assertEquals(Precision.FLOAT64, TrainerConfig.reference().precision());
    assertThrows(IllegalArgumentException.class, () -> config.toBuilder().precision(null).build());
    TrainerConfig f32 = config.toBuilder().emaDecay(0.9).precision(Precision.FLOAT32).build();
    byte[] off = TrainerConfigCodec.write(config.toBuilder().emaDecay(0.9).build());
    byte[] on = TrainerConfigCodec.write(f32);
    assertArrayEquals(off, java.util.Arrays.copyOf(on, off.length), "float64 writes nothing");
    assertEquals(f32, TrainerConfigCodec.read(trcf(on)));
    TrainerConfig noEma = config.toBuilder().precision(Precision.FLOAT32).build();
    assertEquals(noEma, TrainerConfigCodec.read(trcf(TrainerConfigCodec.write(noEma))));
    byte[] tail = new SectionWriter().writeString("precision").writeString("FLOAT16").toByteArray();
    byte[] bad = java.util.Arrays.copyOf(off, off.length + tail.length);
    System.arraycopy(tail, 0, bad, off.length, tail.length);
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> TrainerConfigCodec.read(trcf(bad)));
    assertTrue(e.getMessage().contains("unknown precision 'FLOAT16'"), e.getMessage());
  }

  @Test
  void wordDropoutChangesTrainingReproduciblyAndNotTheModelsShape() {
    TokenClassifierConfig wd = modelConfig.toBuilder().wordDropout(0.2).build();
    TokenClassifier a = TokenClassifier.create(wd, encoder, new RandomSource(config.seed()));
    TokenClassifier b = TokenClassifier.create(wd, encoder, new RandomSource(config.seed()));
    TokenClassifier plain = fresh();
    new Trainer(a, objective, config).threads(1).fit(data, null);
    new Trainer(b, objective, config).threads(2).fit(data, null);
    new Trainer(plain, objective, config).fit(data, null);
    assertBitIdentical(values(a), values(b));
    assertEquals(plain.namedParameters().keySet(), a.namedParameters().keySet());
    assertFalse(java.util.Arrays.equals(values(plain).get(0), values(a).get(0)));
  }

  @Test
  void configurationErrorsNameTheField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TrainerConfig.builder().batchSize(0).build());
    assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> OptimizerConfig.Adam.withLearningRate(-1));
    assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Trainer(fresh(), objective, config).fit(List.of(), null));
    assertTrue(e.getMessage().contains("no tokens"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Trainer(fresh(), objective, config).checkpointTo(Path.of("t.ckpt"), 0));
    assertTrue(e.getMessage().contains("checkpoint interval must be >= 1"), e.getMessage());
  }
}
