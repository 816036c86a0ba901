package io.github.focal4j.models.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TinyCorpus;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.data.Encoder;
import org.junit.jupiter.api.Test;

/**
 * Which path this JVM takes: the surefire run with {@code --add-modules jdk.incubator.vector} sets
 * {@code focal4j.test.expectVectorKernels} and must get the float32 path; the run without it must
 * get a clear refusal naming the flag.
 */
class VectorPathTest {

  private static final boolean EXPECT_VECTOR =
      Boolean.getBoolean("focal4j.test.expectVectorKernels");

  @Test
  void theFloat32PathIsOnExactlyWhenTheVectorApiIsThere() {
    assertEquals(
        EXPECT_VECTOR, FloatTagger.isSupported(), FloatTagger.unsupportedReason().toString());
    assertEquals(!EXPECT_VECTOR, FloatTagger.unsupportedReason().isPresent());
  }

  @Test
  void withoutTheVectorApiTheFactorySaysWhichFlagItNeeds() {
    Encoder encoder =
        TokenClassifier.fitEncoder(TinyCorpus.smallConfig(), TinyCorpus.sentences(20, 1));
    TokenClassifier m =
        TokenClassifier.create(TinyCorpus.smallConfig(), encoder, new RandomSource(1));
    FloatTagger.prepare(); // starts the compilation with the module, does nothing without it
    if (EXPECT_VECTOR) {
      assertFalse(
          FloatTagger.of(m)
              .predict(java.util.List.of(java.util.List.of("Bob", "left")), 1)
              .isEmpty());
    } else {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> FloatTagger.of(m));
      assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }
  }
}
