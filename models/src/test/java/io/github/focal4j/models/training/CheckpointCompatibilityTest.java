package io.github.focal4j.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Objective;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TestLosses;
import io.github.focal4j.models.TinyCorpus;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written by earlier versions of the trainer stay readable and continue the same run:
 * {@code checkpoints/tiny-step7.ckpt} was written (version-1 container, sections CONF … PROG, BEST)
 * by the trainer before it was split into loop, data-parallel step, early stopping and progress
 * record, for the run below stopped at step 7. The trainer of today must write the same bytes for
 * that run, and resuming the old file must end bit-identical to an uninterrupted run.
 */
class CheckpointCompatibilityTest {

  private static final String RESOURCE = "/checkpoints/tiny-step7.ckpt";

  private final List<Sentence> data = TinyCorpus.sentences(23, 2);
  private final Encoder encoder = Encoder.builder().lowercaseWords().fit(data);
  private final TrainerConfig config =
      TrainerConfig.builder()
          .epochs(3)
          .batchSize(5)
          .seed(11)
          .shards(2)
          .clipNorm(1.0)
          .patience(2)
          .schedule(LearningRateSchedule.warmup(3, LearningRateSchedule.linearDecay(0.1)))
          .optimizer(OptimizerConfig.Adam.withLearningRate(0.01))
          .build();
  private final Objective objective = Objective.tokenLoss(TestLosses.CROSS_ENTROPY);
  private final DevEvaluator dev =
      (m, epoch) -> epoch == 0 ? 0.5 : 0.25; // best at epoch 0: BEST is written

  private TokenClassifier fresh() {
    return TokenClassifier.create(
        TinyCorpus.smallConfig().toBuilder().dropout(0.3).build(),
        encoder,
        new RandomSource(config.seed()));
  }

  private byte[] oldCheckpoint() throws Exception {
    try (InputStream in = getClass().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + RESOURCE);
      }
      return in.readAllBytes();
    }
  }

  private Path stoppedAtStep7(Path dir) {
    Path ckpt = dir.resolve("training.ckpt");
    Trainer t = new Trainer(fresh(), objective, config).threads(2).checkpointTo(ckpt, 4);
    t.addListener(
        new TrainingListener() {
          @Override
          public void onStep(Step s) {
            if (s.step() == 7) {
              t.requestStop();
            }
          }
        });
    assertEquals(TrainingResult.Stop.STOP_REQUESTED, t.fit(data, dev).stop());
    return ckpt;
  }

  @Test
  void theTrainerWritesTheSameBytesAsBefore(@TempDir Path dir) throws Exception {
    byte[] now = Files.readAllBytes(stoppedAtStep7(dir));
    assertArrayEquals(oldCheckpoint(), now, "the checkpoint of the reference run changed");
  }

  @Test
  void anOldCheckpointResumesToTheUninterruptedResult(@TempDir Path dir) throws Exception {
    TokenClassifier straight = fresh();
    TrainingResult full = new Trainer(straight, objective, config).fit(data, dev);
    Path old = dir.resolve("old.ckpt");
    Files.write(old, oldCheckpoint());
    Trainer resumed = Trainer.resume(old, objective);
    assertEquals(7, resumed.step());
    TrainingResult rest = resumed.fit(data, dev);
    assertEquals(full.stop(), rest.stop());
    assertEquals(full.steps(), rest.steps());
    assertEquals(full.best(), rest.best());
    assertEquals(0, rest.best().orElseThrow().epoch());
    List<Tensor> a = straight.parameters();
    List<Tensor> b = resumed.model().parameters();
    for (int i = 0; i < a.size(); i++) {
      double[] x = a.get(i).toArray();
      double[] y = b.get(i).toArray();
      for (int k = 0; k < x.length; k++) {
        assertEquals(
            Double.doubleToRawLongBits(x[k]), Double.doubleToRawLongBits(y[k]), "parameter " + i);
      }
    }
  }
}
