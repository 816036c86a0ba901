package io.github.focal4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Lengths;
import io.github.focal4j.models.data.Vocabulary;
import io.github.focal4j.models.ops.Packing;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayersTest {

  @Test
  void biLstmOnAPaddedBatchIgnoresPaddingInBothDirections() {
    SplittableRandom rng = new SplittableRandom(1);
    BiLstm lstm = new BiLstm(3, 4, rng);
    Tensor padded = Tensor.randn(rng, 2, 5, 3);
    Tensor mask = Lengths.of(5, 2).mask(5);
    Tensor out = lstm.forward(padded, mask);
    assertArrayEquals(new int[] {2, 5, 8}, out.shape());
    assertEquals(0.0, out.get(1, 3, 6)); // padding is zero
    // Sentence 1 alone (length 2, no padding) gives the same states: the backward direction started
    // at its
    // own last token, not at the padding.
    Tensor alone = lstm.forward(padded.slice(0, 1, 2).slice(1, 0, 2), Lengths.of(2).mask(2));
    assertArrayEquals(alone.toArray(), out.slice(0, 1, 2).slice(1, 0, 2).toArray(), 1e-15);
    // Changing padding values changes nothing.
    double[] noisy = padded.toArray();
    for (int t = 2; t < 5; t++) {
      for (int d = 0; d < 3; d++) {
        noisy[(5 + t) * 3 + d] = 1e3;
      }
    }
    assertArrayEquals(out.toArray(), lstm.forward(Tensor.of(noisy, 2, 5, 3), mask).toArray(), 0.0);
    Lengths l = Lengths.of(5, 2);
    assertArrayEquals(
        Packing.pack(out, l).toArray(), lstm.forward(Packing.pack(padded, l), l).toArray(), 0.0);
  }

  @Test
  void embeddingPaddingRowIsZeroAndGetsNoGradient() {
    Embedding e = new Embedding(5, 3, 0, new SplittableRandom(2));
    assertArrayEquals(new double[] {0, 0, 0}, e.weight().slice(0, 0, 1).toArray());
    Tensor out = e.forward(IntTensor.of(new int[] {3, 0, 3, 1}, 2, 2));
    assertArrayEquals(new int[] {2, 2, 3}, out.shape());
    out.sum().backward();
    double[] g = e.weight().gradBuffer();
    assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 0, 0, 0, 2, 2, 2, 0, 0, 0}, g);
    assertArrayEquals(new int[] {1, 3}, e.touchedRows("weight"));
    e.clearTouchedRows();
    assertArrayEquals(new int[] {}, e.touchedRows("weight"));
    e.eval();
    e.forward(new int[] {4});
    assertArrayEquals(new int[] {}, e.touchedRows("weight"), "eval mode records nothing");
  }

  @Test
  void dropoutIsIdentityInEvalAndSeededInTraining() {
    Dropout d = new Dropout(0.5);
    Tensor x = Tensor.ones(100);
    Tensor a = d.forward(x, new SplittableRandom(3));
    assertArrayEquals(a.toArray(), d.forward(x, new SplittableRandom(3)).toArray());
    for (double v : a.toArray()) {
      assertTrue(v == 0.0 || v == 2.0);
    }
    d.eval();
    assertSame(x, d.forward(x, null));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
  }

  @Test
  void wordDropoutReplacesIdsWithUnknownAtItsRateOnlyWhileTraining() {
    int[] ids = new int[20_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 2 + i % 50;
    }
    WordDropout d = new WordDropout(0.1);
    int[] a = d.forward(ids, new SplittableRandom(3));
    assertArrayEquals(a, d.forward(ids, new SplittableRandom(3)), "same stream, same ids");
    assertEquals(2 + 0, ids[0], "the input is not changed");
    SplittableRandom draws = new SplittableRandom(3);
    int replaced = 0;
    for (int i = 0; i < ids.length; i++) {
      boolean drop = draws.nextDouble() < 0.1; // one draw per id, in order
      assertEquals(drop ? Vocabulary.UNK : ids[i], a[i], "id " + i);
      replaced += drop ? 1 : 0;
    }
    assertTrue(replaced > 1800 && replaced < 2200, "about 10% replaced: " + replaced);
    assertSame(ids, new WordDropout(0).forward(ids, null), "p = 0 is the identity");
    d.eval();
    assertSame(ids, d.forward(ids, null), "eval mode is the identity");
    d.train();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> d.forward(ids, null));
    assertTrue(e.getMessage().contains("random generator"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new WordDropout(1.0));
    assertTrue(e.getMessage().contains("p must be in [0, 1), got 1.0"), e.getMessage());
  }

  @Test
  void initialisers() {
    Tensor q = Init.orthogonalBlocks(new SplittableRandom(4), 4, 6);
    assertArrayEquals(new int[] {24, 6}, q.shape());
    for (int blk = 0; blk < 4; blk++) {
      Tensor b = q.slice(0, blk * 6, blk * 6 + 6);
      Tensor eye = b.matmul(b.transpose(0, 1));
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          assertEquals(i == j ? 1.0 : 0.0, eye.get(i, j), 1e-12);
        }
      }
    }
    Tensor g = Init.glorotUniform(new SplittableRandom(5), 10, 30, 30, 10);
    double bound = Math.sqrt(6.0 / 40);
    for (double v : g.toArray()) {
      assertTrue(Math.abs(v) <= bound);
    }
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 0}, Init.lstmBias(2).toArray());
  }

  @Test
  void moduleNamesAreCheckedAndOrdered() {
    BiLstm lstm = new BiLstm(2, 3, new SplittableRandom(6));
    assertEquals(
        List.of(
            "forward.weightIh",
            "forward.weightHh",
            "forward.bias",
            "backward.weightIh",
            "backward.weightHh",
            "backward.bias"),
        List.copyOf(lstm.namedParameters().keySet()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lstm.touchedRows("forward.nope"));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
    BiLstm other = new BiLstm(2, 3, new SplittableRandom(7));
    other.copyParametersFrom(lstm);
    assertArrayEquals(lstm.parameters().get(1).toArray(), other.parameters().get(1).toArray());
    assertThrows(
        IllegalArgumentException.class,
        () -> other.copyParametersFrom(new BiLstm(2, 4, new SplittableRandom(8))));
  }
}
