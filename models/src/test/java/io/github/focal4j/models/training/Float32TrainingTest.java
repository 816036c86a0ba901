package io.github.focal4j.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Module;
import io.github.focal4j.models.Objective;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TestLosses;
import io.github.focal4j.models.TinyCorpus;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import io.github.focal4j.models.ops.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training with {@link TrainerConfig#precision()} {@link Precision#FLOAT32}: reproducible, close to
 * float64, and refused with the missing module's name where the JVM has no Vector API. Runs in the
 * surefire executions with and without {@code jdk.incubator.vector}.
 */
class Float32TrainingTest {

  private final List<Sentence> data = TinyCorpus.sentences(23, 2);
  private final Encoder encoder = Encoder.builder().lowercaseWords().fit(data);
  private final TokenClassifierConfig modelConfig =
      TinyCorpus.smallConfig().toBuilder().dropout(0.3).build();
  private final TrainerConfig float64 =
      TrainerConfig.builder()
          .epochs(3)
          .batchSize(5)
          .seed(11)
          .shards(2)
          .optimizer(OptimizerConfig.Adam.withLearningRate(0.01))
          .build();
  private final TrainerConfig float32 = float64.toBuilder().precision(Precision.FLOAT32).build();
  private final Objective objective = Objective.tokenLoss(TestLosses.CROSS_ENTROPY);

  private TokenClassifier fresh() {
    return TokenClassifier.create(modelConfig, encoder, new RandomSource(float64.seed()));
  }

  private static double[] flat(TokenClassifier m) {
    return m.parameters().stream()
        .map(Tensor::toArray)
        .flatMapToDouble(java.util.Arrays::stream)
        .toArray();
  }

  @Test
  void float32TrainsBitIdenticallyWhateverTheThreadsAndCloseToFloat64() {
    assumeTrue(
        Precision.FLOAT32.unavailable().isEmpty(), "needs --add-modules jdk.incubator.vector");
    TokenClassifier one = fresh();
    new Trainer(one, objective, float32).threads(1).fit(data, null);
    TokenClassifier two = fresh();
    new Trainer(two, objective, float32).threads(2).fit(data, null);
    TokenClassifier reference = fresh();
    new Trainer(reference, objective, float64).threads(2).fit(data, null);
    double[] a = flat(one);
    double[] b = flat(two);
    double[] r = flat(reference);
    assertArrayEquals(a, b, 0.0, "float32 training with 1 and 2 threads");
    assertFalse(java.util.Arrays.equals(a, r), "float32 training is not the float64 one");
    double worst = 0;
    double moved = 0;
    double[] start = flat(fresh());
    for (int i = 0; i < r.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - r[i]));
      moved = Math.max(moved, Math.abs(r[i] - start[i]));
    }
    assertTrue(worst < 1e-3 * moved, "largest difference " + worst + ", largest step " + moved);
    assertEquals(Precision.FLOAT64, one.precision(), "the trained model keeps its own precision");
  }

  /**
   * The SHA-256 of the parameters' bits after {@link #float32} training of {@link #fresh()}: the
   * same with 512- and 256-bit vectors (the surefire executions with and without {@code
   * -XX:MaxVectorSize=32} both check it; also measured with {@code -XX:UseAVX=2} and on JDK 25),
   * since every float32 product sums its terms in ascending order with fused multiply-adds in every
   * block shape. A change that alters float32 training's arithmetic on purpose updates it here; the
   * reported float32 figures then no longer reproduce.
   */
  private static final String FLOAT32_TRAINED_SHA256 =
      "648f08e57c361d31efa32bc1a51493439fa7d44c8fecaa21225baba824731176";

  @Test
  void float32TrainingGivesTheSameBitsAtEveryVectorWidth() throws Exception {
    assumeTrue(
        Precision.FLOAT32.unavailable().isEmpty(), "needs --add-modules jdk.incubator.vector");
    TokenClassifier m = fresh();
    new Trainer(m, objective, float32).threads(2).fit(data, null);
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    java.nio.ByteBuffer bits = java.nio.ByteBuffer.allocate(8);
    for (double x : flat(m)) {
      sha.update(bits.clear().putLong(Double.doubleToRawLongBits(x)).array());
    }
    String got = java.util.HexFormat.of().formatHex(sha.digest());
    assertEquals(FLOAT32_TRAINED_SHA256, got);
  }

  @Test
  void precisionReachesEveryLayerAndEveryReplica() {
    assumeTrue(
        Precision.FLOAT32.unavailable().isEmpty(), "needs --add-modules jdk.incubator.vector");
    TokenClassifier m = fresh();
    m.setPrecision(Precision.FLOAT32);
    for (Module layer : List.of(m, m.replica())) {
      assertEquals(Precision.FLOAT32, layer.precision());
      layer.children().values().forEach(c -> assertEquals(Precision.FLOAT32, c.precision()));
    }
  }

  @Test
  void withoutTheVectorApiFloat32IsRefusedBeforeAnyStepNamingTheModule() {
    assumeFalse(Precision.FLOAT32.unavailable().isEmpty(), "runs where the Vector API is absent");
    TokenClassifier m = fresh();
    double[] before = flat(m);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new Trainer(m, objective, float32).threads(2).fit(data, null));
    assertTrue(
        e.getMessage().contains("FLOAT32") && e.getMessage().contains("jdk.incubator.vector"),
        e.getMessage());
    assertArrayEquals(before, flat(m), 0.0, "no parameter changed");
  }
}
