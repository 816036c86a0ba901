package io.github.focal4j.models.ops;

import static io.github.focal4j.models.ops.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import io.github.focal4j.autodiff.Autograd;
import io.github.focal4j.autodiff.GradCheck;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Lengths;
import io.github.focal4j.models.ops.LstmSequence.Direction;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LstmSequenceTest {

  /** The same LSTM composed from autodiff primitives, one token at a time. */
  static Tensor composed(
      Tensor x, Lengths lengths, Direction dir, Tensor wIh, Tensor wHh, Tensor bias) {
    int h = wHh.size(1);
    Tensor wIhT = wIh.transpose(0, 1);
    Tensor wHhT = wHh.transpose(0, 1);
    Tensor[] rows = new Tensor[lengths.total()];
    for (int b = 0; b < lengths.batchSize(); b++) {
      Tensor hPrev = Tensor.zeros(1, h);
      Tensor cPrev = Tensor.zeros(1, h);
      for (int t = 0; t < lengths.length(b); t++) {
        int row = lengths.offset(b) + (dir == Direction.FORWARD ? t : lengths.length(b) - 1 - t);
        Tensor a = x.slice(0, row, row + 1).matmul(wIhT).add(hPrev.matmul(wHhT)).add(bias);
        Tensor i = a.slice(1, 0, h).sigmoid();
        Tensor f = a.slice(1, h, 2 * h).sigmoid();
        Tensor g = a.slice(1, 2 * h, 3 * h).tanh();
        Tensor o = a.slice(1, 3 * h, 4 * h).sigmoid();
        cPrev = f.mul(cPrev).add(i.mul(g));
        hPrev = o.mul(cPrev.tanh());
        rows[row] = hPrev;
      }
    }
    return Tensor.concat(0, rows);
  }

  private static Tensor[] inputs(SplittableRandom rng, Lengths lengths, int d, int h) {
    return new Tensor[] {
      Golden.random(rng, 1.0, lengths.total(), d).requiresGrad(true),
      Golden.random(rng, 0.7, 4 * h, d).requiresGrad(true),
      Golden.random(rng, 0.7, 4 * h, h).requiresGrad(true),
      Golden.random(rng, 0.5, 4 * h).requiresGrad(true)
    };
  }

  @ParameterizedTest
  @EnumSource(Direction.class)
  void gradientsMatchFiniteDifferences(Direction dir) {
    Lengths lengths = Lengths.of(2, 0, 4, 1, 3);
    Tensor[] in = inputs(new SplittableRandom(1), lengths, 3, 2);
    GradCheck.check(t -> LstmSequence.apply(t[0], lengths, dir, t[1], t[2], t[3]), in)
        .assertWithin(1e-8, 1e-6);
  }

  @ParameterizedTest
  @EnumSource(Direction.class)
  void matchesTheComposedGraphToOneInABillion(Direction dir) {
    Lengths lengths = Lengths.of(3, 5, 1, 5, 2, 4);
    Tensor[] in = inputs(new SplittableRandom(2), lengths, 4, 3);
    Tensor gOut = Golden.random(new SplittableRandom(3), 1.0, lengths.total(), 3);
    Tensor fused = LstmSequence.apply(in[0], lengths, dir, in[1], in[2], in[3]);
    Tensor ref = composed(in[0], lengths, dir, in[1], in[2], in[3]);
    assertClose(ref.toArray(), fused.toArray(), 1e-9, "h");
    List<Tensor> params = List.of(in);
    List<Tensor> gf = Autograd.grad(fused.mul(gOut).sum(), params);
    List<Tensor> gr = Autograd.grad(ref.mul(gOut).sum(), params);
    String[] names = {"dx", "dW_ih", "dW_hh", "db"};
    for (int k = 0; k < 4; k++) {
      assertClose(gr.get(k).toArray(), gf.get(k).toArray(), 1e-9, names[k]);
    }
  }

  @Test
  void matchesPyTorchBidirectionalLstmWithCopiedWeights() {
    matchesPyTorch(Precision.FLOAT64, 1e-9);
  }

  @Test
  void float32MatchesPyTorchsFloat64GoldenToFloatPrecision() {
    assumeTrue(
        Precision.FLOAT32.unavailable().isEmpty(), "needs --add-modules jdk.incubator.vector");
    matchesPyTorch(Precision.FLOAT32, 1e-5);
  }

  private static void matchesPyTorch(Precision precision, double tol) {
    JsonObject c = Golden.load("lstm.json").getAsJsonObject("case");
    Lengths lengths = Lengths.of(Golden.ints(c, "lengths"));
    int d = c.get("input_size").getAsInt();
    int h = c.get("hidden_size").getAsInt();
    Tensor x = Tensor.of(Golden.doubles(c, "x"), lengths.total(), d).requiresGrad(true);
    Tensor gOut = Tensor.of(Golden.doubles(c, "grad_output"), lengths.total(), 2 * h);
    Tensor[][] w = new Tensor[2][];
    Tensor[] outs = new Tensor[2];
    String[] dirs = {"forward", "backward"};
    for (int k = 0; k < 2; k++) {
      JsonObject p = c.getAsJsonObject(dirs[k]);
      w[k] =
          new Tensor[] {
            Tensor.of(Golden.doubles(p, "weight_ih"), 4 * h, d).requiresGrad(true),
            Tensor.of(Golden.doubles(p, "weight_hh"), 4 * h, h).requiresGrad(true),
            Tensor.of(Golden.doubles(p, "bias"), 4 * h).requiresGrad(true)
          };
      outs[k] =
          LstmSequence.apply(
              x, lengths, Direction.values()[k], w[k][0], w[k][1], w[k][2], precision);
    }
    Tensor y = Tensor.concat(1, outs);
    assertClose(Golden.doubles(c, "y"), y.toArray(), tol, "y");
    List<Tensor> params = List.of(x, w[0][0], w[0][1], w[0][2], w[1][0], w[1][1], w[1][2]);
    List<Tensor> g = Autograd.grad(y.mul(gOut).sum(), params);
    assertClose(Golden.doubles(c, "grad_x"), g.get(0).toArray(), tol, "grad_x");
    for (int k = 0; k < 2; k++) {
      JsonObject p = c.getAsJsonObject(dirs[k]);
      assertClose(
          Golden.doubles(p, "grad_weight_ih"),
          g.get(1 + 3 * k).toArray(),
          tol,
          dirs[k] + " grad_weight_ih");
      assertClose(
          Golden.doubles(p, "grad_weight_hh"),
          g.get(2 + 3 * k).toArray(),
          tol,
          dirs[k] + " grad_weight_hh");
      assertClose(
          Golden.doubles(p, "grad_bias"), g.get(3 + 3 * k).toArray(), tol, dirs[k] + " grad_bias");
    }
  }

  /**
   * FLOAT32 agrees with FLOAT64 to float32's precision, outputs and gradients, on shapes whose
   * widths are not multiples of the vector length (padding), with empty and one-token sentences.
   */
  @ParameterizedTest
  @EnumSource(Direction.class)
  void float32MatchesFloat64ToFloatPrecision(Direction dir) {
    assumeTrue(
        Precision.FLOAT32.unavailable().isEmpty(), "needs --add-modules jdk.incubator.vector");
    for (int[] shape : new int[][] {{3, 2}, {37, 13}, {130, 100}}) {
      Lengths lengths = Lengths.of(7, 0, 12, 1, 9, 9, 3, 12, 5, 2);
      SplittableRandom rng = new SplittableRandom(shape[0]);
      Tensor[] in = inputs(rng, lengths, shape[0], shape[1]);
      for (int k = 1; k < 4; k++) { // PyTorch's init scale, so the gates are not saturated
        in[k] = Golden.random(rng, 1 / Math.sqrt(shape[1]), in[k].shape()).requiresGrad(true);
      }
      Tensor gOut = Golden.random(rng, 1.0, lengths.total(), shape[1]);
      Tensor f64 = LstmSequence.apply(in[0], lengths, dir, in[1], in[2], in[3]);
      Tensor f32 = LstmSequence.apply(in[0], lengths, dir, in[1], in[2], in[3], Precision.FLOAT32);
      String at = " (D=" + shape[0] + ", H=" + shape[1] + ")";
      assertClose(f64.toArray(), f32.toArray(), 1e-5, "h" + at);
      List<Tensor> params = List.of(in);
      List<Tensor> g64 = Autograd.grad(f64.mul(gOut).sum(), params);
      List<Tensor> g32 = Autograd.grad(f32.mul(gOut).sum(), params);
      String[] names = {"dx", "dW_ih", "dW_hh", "db"};
      for (int k = 0; k < 4; k++) {
        assertClose(g64.get(k).toArray(), g32.get(k).toArray(), 1e-4, names[k] + at);
      }
    }
  }

  @Test
  void float32WithoutTheVectorApiSaysWhichModuleToAdd() {
    assumeFalse(Precision.FLOAT32.unavailable().isEmpty(), "runs where the Vector API is absent");
    Lengths lengths = Lengths.of(2, 1);
    Tensor[] in = inputs(new SplittableRandom(5), lengths, 3, 2);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                LstmSequence.apply(
                    in[0], lengths, Direction.FORWARD, in[1], in[2], in[3], Precision.FLOAT32));
    assertTrue(
        e.getMessage().contains("FLOAT32") && e.getMessage().contains("jdk.incubator.vector"),
        e.getMessage());
  }

  @Test
  void mismatchedShapesAreNamed() {
    Lengths lengths = Lengths.of(2, 1);
    Tensor[] in = inputs(new SplittableRandom(4), lengths, 3, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LstmSequence.apply(
                    Tensor.zeros(4, 3), lengths, Direction.FORWARD, in[1], in[2], in[3]));
    assertTrue(
        e.getMessage().contains("x [4, 3]") && e.getMessage().contains("expected [3, D]"),
        e.getMessage());
  }
}
