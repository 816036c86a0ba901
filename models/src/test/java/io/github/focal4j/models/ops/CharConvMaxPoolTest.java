package io.github.focal4j.models.ops;

import static io.github.focal4j.models.ops.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.focal4j.autodiff.Autograd;
import io.github.focal4j.autodiff.GradCheck;
import io.github.focal4j.autodiff.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CharConvMaxPoolTest {

  /**
   * Lookup, zero padding, one window at a time through matmul, max over the word: autodiff
   * primitives only.
   */
  static Tensor composed(Tensor table, int[] chars, int[] offs, Tensor weight, Tensor bias) {
    int f = weight.size(0);
    int e = weight.size(1);
    int w = weight.size(2);
    int half = (w - 1) / 2;
    Tensor wMat = weight.reshape(f, e * w).transpose(0, 1); // [E·w, F], column index e·w + k
    Tensor[] out = new Tensor[offs.length - 1];
    for (int wd = 0; wd < out.length; wd++) {
      int len = offs[wd + 1] - offs[wd];
      int[] ids = java.util.Arrays.copyOfRange(chars, offs[wd], offs[wd + 1]);
      Tensor x = table.indexSelect(0, ids); // [L, E]
      Tensor padded =
          Tensor.concat(0, Tensor.zeros(half, e), x, Tensor.zeros(half, e))
              .transpose(0, 1); // [E, L+w-1]
      Tensor[] positions = new Tensor[len];
      for (int p = 0; p < len; p++) {
        Tensor window = padded.slice(1, p, p + w).reshape(1, e * w); // [1, E·w], index e·w + k
        positions[p] = window.matmul(wMat).add(bias);
      }
      out[wd] = Tensor.concat(0, positions).max(0, true);
    }
    return Tensor.concat(0, out);
  }

  @Test
  void gradientsMatchFiniteDifferencesAndTheComposedGraph() {
    SplittableRandom rng = new SplittableRandom(8);
    int[] chars = {1, 2, 3, 4, 5, 5, 2, 1, 3};
    int[] offs = {0, 3, 4, 9};
    Tensor[] in = {
      Golden.random(rng, 1, 6, 3).requiresGrad(true),
      Golden.random(rng, 1, 4, 3, 3).requiresGrad(true),
      Golden.random(rng, 1, 4).requiresGrad(true)
    };
    GradCheck.check(t -> CharConvMaxPool.apply(t[0], chars, offs, t[1], t[2]), in)
        .assertWithin(1e-8, 1e-6);
    Tensor fused = CharConvMaxPool.apply(in[0], chars, offs, in[1], in[2]);
    Tensor ref = composed(in[0], chars, offs, in[1], in[2]);
    assertClose(ref.toArray(), fused.toArray(), 1e-9, "y");
    Tensor g = Golden.random(rng, 1, 3, 4);
    List<Tensor> gf = Autograd.grad(fused.mul(g).sum(), List.of(in));
    List<Tensor> gr = Autograd.grad(ref.mul(g).sum(), List.of(in));
    for (int k = 0; k < 3; k++) {
      assertClose(gr.get(k).toArray(), gf.get(k).toArray(), 1e-9, "gradient " + k);
    }
  }

  @Test
  void matchesPyTorchConv1dWithMaskedMaxPool() {
    matchesPyTorch(Precision.FLOAT64, 1e-9);
  }

  @Test
  void float32MatchesPyTorchsFloat64GoldenToFloatPrecision() {
    assumeTrue(
        Precision.FLOAT32.unavailable().isEmpty(), "needs --add-modules jdk.incubator.vector");
    matchesPyTorch(Precision.FLOAT32, 1e-5);
  }

  /**
   * FLOAT32 agrees with FLOAT64 to float32's precision, outputs and gradients, with one-character
   * words and a filter count that is not a whole number of vectors.
   */
  @Test
  void float32MatchesFloat64ToFloatPrecision() {
    assumeTrue(
        Precision.FLOAT32.unavailable().isEmpty(), "needs --add-modules jdk.incubator.vector");
    SplittableRandom rng = new SplittableRandom(12);
    int v = 40;
    int[] lengths = {1, 7, 3, 12, 1, 5, 9, 2, 4, 6};
    int[] offs = new int[lengths.length + 1];
    for (int i = 0; i < lengths.length; i++) {
      offs[i + 1] = offs[i] + lengths[i];
    }
    int[] chars = rng.ints(offs[lengths.length], 0, v).toArray();
    for (int[] shape : new int[][] {{30, 30, 3}, {5, 3, 5}}) {
      Tensor[] in = {
        Golden.random(rng, 1, v, shape[1]).requiresGrad(true),
        Golden.random(rng, 0.3, shape[0], shape[1], shape[2]).requiresGrad(true),
        Golden.random(rng, 1, shape[0]).requiresGrad(true)
      };
      Tensor f64 = CharConvMaxPool.apply(in[0], chars, offs, in[1], in[2]);
      Tensor f32 = CharConvMaxPool.apply(in[0], chars, offs, in[1], in[2], Precision.FLOAT32);
      String at = " (F=" + shape[0] + ", E=" + shape[1] + ", w=" + shape[2] + ")";
      assertClose(f64.toArray(), f32.toArray(), 1e-5, "y" + at);
      Tensor g = Golden.random(rng, 1, lengths.length, shape[0]);
      List<Tensor> g64 = Autograd.grad(f64.mul(g).sum(), List.of(in));
      List<Tensor> g32 = Autograd.grad(f32.mul(g).sum(), List.of(in));
      String[] names = {"d table", "d weight", "d bias"};
      for (int k = 0; k < 3; k++) {
        assertClose(g64.get(k).toArray(), g32.get(k).toArray(), 1e-5, names[k] + at);
      }
    }
  }

  private static void matchesPyTorch(Precision precision, double tol) {
    JsonObject c = Golden.load("charcnn.json").getAsJsonObject("case");
    JsonArray words = c.getAsJsonArray("words");
    int[] offs = new int[words.size() + 1];
    int[] chars = new int[0];
    for (int i = 0; i < words.size(); i++) {
      JsonArray wd = words.get(i).getAsJsonArray();
      int[] grown = java.util.Arrays.copyOf(chars, chars.length + wd.size());
      for (int j = 0; j < wd.size(); j++) {
        grown[chars.length + j] = wd.get(j).getAsInt();
      }
      chars = grown;
      offs[i + 1] = chars.length;
    }
    int v = c.get("alphabet").getAsInt();
    int e = c.get("dim").getAsInt();
    int f = c.get("filters").getAsInt();
    int w = c.get("width").getAsInt();
    Tensor table = Tensor.of(Golden.doubles(c, "embedding"), v, e).requiresGrad(true);
    Tensor weight = Tensor.of(Golden.doubles(c, "weight"), f, e, w).requiresGrad(true);
    Tensor bias = Tensor.of(Golden.doubles(c, "bias"), f).requiresGrad(true);
    Tensor y = CharConvMaxPool.apply(table, chars, offs, weight, bias, precision);
    assertClose(Golden.doubles(c, "y"), y.toArray(), tol, "y");
    List<Tensor> g =
        Autograd.grad(
            y.mul(Tensor.of(Golden.doubles(c, "grad_output"), words.size(), f)).sum(),
            List.of(table, weight, bias));
    assertClose(Golden.doubles(c, "grad_embedding"), g.get(0).toArray(), tol, "grad_embedding");
    assertClose(Golden.doubles(c, "grad_weight"), g.get(1).toArray(), tol, "grad_weight");
    assertClose(Golden.doubles(c, "grad_bias"), g.get(2).toArray(), tol, "grad_bias");
  }

  @Test
  void badInputsAreNamed() {
    Tensor table = Tensor.zeros(4, 2);
    Tensor weight = Tensor.zeros(3, 2, 3);
    Tensor bias = Tensor.zeros(3);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CharConvMaxPool.apply(table, new int[] {1, 9}, new int[] {0, 2}, weight, bias));
    assertTrue(e.getMessage().contains("character id 9 at position 1"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CharConvMaxPool.apply(table, new int[] {1}, new int[] {0, 0, 1}, weight, bias));
    assertTrue(e.getMessage().contains("word 0 has no characters"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CharConvMaxPool.apply(
                    table, new int[] {1}, new int[] {0, 1}, Tensor.zeros(3, 2, 2), bias));
    assertTrue(e.getMessage().contains("w odd"), e.getMessage());
  }
}
