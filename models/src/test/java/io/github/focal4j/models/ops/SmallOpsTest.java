package io.github.focal4j.models.ops;

import static io.github.focal4j.models.ops.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.Autograd;
import io.github.focal4j.autodiff.GradCheck;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Lengths;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmallOpsTest {

  @Test
  void affineMatchesMatmulPlusBias() {
    SplittableRandom rng = new SplittableRandom(9);
    Tensor x = Golden.random(rng, 1, 2, 3, 4).requiresGrad(true);
    Tensor w = Golden.random(rng, 1, 5, 4).requiresGrad(true);
    Tensor b = Golden.random(rng, 1, 5).requiresGrad(true);
    GradCheck.check(t -> Affine.apply(t[0], t[1], t[2]), x, w, b).assertWithin(1e-8, 1e-6);
    Tensor fused = Affine.apply(x, w, b);
    Tensor ref = x.matmul(w.transpose(0, 1)).add(b);
    assertArrayEquals(new int[] {2, 3, 5}, fused.shape());
    assertClose(ref.toArray(), fused.toArray(), 1e-12, "y");
    List<Tensor> gf = Autograd.grad(fused.sum(), List.of(x, w, b));
    List<Tensor> gr = Autograd.grad(ref.sum(), List.of(x, w, b));
    for (int k = 0; k < 3; k++) {
      assertClose(gr.get(k).toArray(), gf.get(k).toArray(), 1e-12, "gradient " + k);
    }
  }

  @Test
  void lookupGradientSkipsThePaddingRowAndUnusedRows() {
    Tensor table = Tensor.of(new double[] {0, 0, 1, 2, 3, 4, 5, 6}, 4, 2).requiresGrad(true);
    Tensor y = Lookup.apply(table, new int[] {2, 0, 2, 1}, 0);
    assertArrayEquals(new double[] {3, 4, 0, 0, 3, 4, 1, 2}, y.toArray());
    double[] g =
        Autograd.grad(
                y.mul(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2)).sum(), List.of(table))
            .get(0)
            .toArray();
    assertArrayEquals(new double[] {0, 0, 7, 8, 6, 8, 0, 0}, g);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Lookup.apply(table, new int[] {1, 4}, 0));
    assertTrue(e.getMessage().contains("id 4 at position 1"), e.getMessage());
  }

  @Test
  void packAndUnpackAreInverseAndZeroThePadding() {
    Lengths lengths = Lengths.of(2, 0, 3);
    assertEquals(5, lengths.total());
    assertEquals(3, lengths.maxLength());
    Tensor packed = Golden.random(new SplittableRandom(10), 1, 5, 2).requiresGrad(true);
    Tensor padded = Packing.unpack(packed, lengths, 4);
    assertArrayEquals(new int[] {3, 4, 2}, padded.shape());
    assertEquals(0.0, padded.get(0, 2, 1));
    assertEquals(packed.get(2, 0), padded.get(2, 0, 0));
    assertArrayEquals(packed.toArray(), Packing.pack(padded, lengths).toArray());
    GradCheck.check(t -> Packing.pack(Packing.unpack(t[0], lengths, 4).mul(2.0), lengths), packed)
        .assertWithin(1e-8, 1e-6);
    assertEquals(lengths, Lengths.fromMask(lengths.mask(4)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Lengths.fromMask(Tensor.of(new double[] {1, 0, 1}, 1, 3)));
    assertTrue(e.getMessage().contains("row 0"), e.getMessage());
  }
}
