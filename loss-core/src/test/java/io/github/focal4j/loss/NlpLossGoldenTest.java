package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.focal4j.autodiff.Autograd;
import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DSC, Tversky and MoM against PyTorch float64 autograd (tools/goldens/nlp_loss_goldens.py), both
 * implementations, values and gradients to 1e-10 (relative to max(1, |expected|)).
 */
class NlpLossGoldenTest {

  static final double TOL = 1e-10;

  static List<JsonObject> cases() {
    try (Reader r =
        new InputStreamReader(
            NlpLossGoldenTest.class.getResourceAsStream("/goldens/nlp_loss_goldens.json"),
            StandardCharsets.UTF_8)) {
      List<JsonObject> out = new ArrayList<>();
      for (JsonElement e : JsonParser.parseReader(r).getAsJsonObject().getAsJsonArray("cases")) {
        out.add(e.getAsJsonObject());
      }
      return out;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> goldens() {
    return cases().stream()
        .flatMap(
            c ->
                Stream.of(Implementation.values())
                    .map(
                        i ->
                            Arguments.of(
                                c.get("id").getAsInt()
                                    + " "
                                    + c.get("kind").getAsString()
                                    + " "
                                    + c.get("loss").getAsString()
                                    + " "
                                    + c.get("params")
                                    + " "
                                    + c.get("reduction").getAsString(),
                                c,
                                i)));
  }

  @Test
  void coversEveryLoss() {
    List<JsonObject> all = cases();
    assertTrue(all.size() >= 100, "golden cases: " + all.size());
    for (String loss : List.of("dsc", "tversky", "mom")) {
      for (String kind : List.of("binary", "multi")) {
        assertTrue(
            all.stream()
                .anyMatch(
                    c ->
                        c.get("loss").getAsString().equals(loss)
                            && c.get("kind").getAsString().equals(kind)),
            loss + " " + kind);
      }
    }
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("goldens")
  void matchesPyTorch(String name, JsonObject c, Implementation impl) {
    int[] shape = PyTorchGoldenTest.ints(c.getAsJsonArray("shape"));
    Tensor x =
        Tensor.of(PyTorchGoldenTest.doubles(c.getAsJsonArray("logits")), shape).requiresGrad(true);
    boolean binary = c.get("kind").getAsString().equals("binary");
    int[] tshape = binary ? shape : Arrays.copyOf(shape, shape.length - 1);
    Tensor mask = optional(c, "mask", tshape);
    Tensor weights = optional(c, "weights", tshape);
    if (mask == null && weights != null) {
      mask = Tensor.ones(tshape); // the 4-argument overload takes no null: all valid
    }
    Reduction reduction = Reduction.valueOf(c.get("reduction").getAsString());
    String loss = c.get("loss").getAsString();
    JsonObject p = c.getAsJsonObject("params");
    Tensor out;
    if (binary) {
      Tensor y = Tensor.of(PyTorchGoldenTest.doubles(c.getAsJsonArray("targets")), shape);
      out = FusedEqualsComposedTest.apply(binary(loss, p, impl, reduction), x, y, mask, weights);
    } else {
      IntTensor t = IntTensor.of(PyTorchGoldenTest.ints(c.getAsJsonArray("targets")), tshape);
      out = FusedEqualsComposedTest.apply(multi(loss, p, impl, reduction), x, t, mask, weights);
    }
    double[] r = new double[out.numel()];
    for (int i = 0; i < r.length; i++) {
      r[i] = reduction == Reduction.NONE ? 1 + (i % 5) / 4.0 : 1.0;
    }
    double[] value = out.toArray();
    double[] grad =
        Autograd.grad(out.mul(Tensor.of(r, out.shape())).sum(), List.of(x)).get(0).toArray();
    assertEquals(c.getAsJsonArray("value").size(), value.length, "value length");
    Compare.close(
        name + " value", value, PyTorchGoldenTest.doubles(c.getAsJsonArray("value")), TOL);
    Compare.close(name + " grad", grad, PyTorchGoldenTest.doubles(c.getAsJsonArray("grad")), TOL);
  }

  /** Maps a golden spec onto the public builders. */
  static BinaryLoss binary(String loss, JsonObject p, Implementation impl, Reduction reduction) {
    BinaryLossBuilder<?> b =
        switch (loss) {
          case "dsc" ->
              DiceLoss.binary()
                  .selfAdjustingAlpha(p.get("sa_alpha").getAsDouble())
                  .smooth(p.get("smooth").getAsDouble());
          case "tversky" ->
              TverskyLoss.binary()
                  .falsePositiveWeight(p.get("fp").getAsDouble())
                  .falseNegativeWeight(p.get("fn").getAsDouble())
                  .smooth(p.get("smooth").getAsDouble());
          case "mom" -> null;
          default -> throw new IllegalArgumentException(loss);
        };
    if (b == null) {
      String base = p.get("base").getAsString();
      JsonObject bp = p.getAsJsonObject("base_params");
      BinaryLoss baseLoss =
          base.equals("dsc")
              ? binary(base, bp, impl, reduction)
              : PyTorchGoldenTest.binary(base, bp, impl, reduction, Normalization.VALID_ELEMENTS);
      return MomLoss.binary()
          .base(baseLoss)
          .majorityClass(p.get("majority").getAsInt())
          .lambda(p.get("lambda").getAsDouble())
          .build();
    }
    if (p.has("alpha")) {
      b.alpha(p.get("alpha").getAsDouble());
    }
    return b.reduction(reduction).implementation(impl).build();
  }

  static MultiClassLoss multi(String loss, JsonObject p, Implementation impl, Reduction reduction) {
    MultiClassLossBuilder<?> b =
        switch (loss) {
          case "dsc" ->
              DiceLoss.multiClass()
                  .selfAdjustingAlpha(p.get("sa_alpha").getAsDouble())
                  .smooth(p.get("smooth").getAsDouble())
                  .form(
                      p.has("form") && p.get("form").getAsString().equals("gold")
                          ? DiceLoss.MultiClassForm.GOLD_CLASS
                          : DiceLoss.MultiClassForm.ONE_VS_REST);
          case "tversky" ->
              TverskyLoss.multiClass()
                  .falsePositiveWeight(p.get("fp").getAsDouble())
                  .falseNegativeWeight(p.get("fn").getAsDouble())
                  .smooth(p.get("smooth").getAsDouble());
          case "mom" -> null;
          default -> throw new IllegalArgumentException(loss);
        };
    if (b == null) {
      String base = p.get("base").getAsString();
      JsonObject bp = p.getAsJsonObject("base_params");
      MultiClassLoss baseLoss =
          base.equals("dsc")
              ? multi(base, bp, impl, reduction)
              : PyTorchGoldenTest.multi(
                  base, bp, impl, reduction, Normalization.VALID_ELEMENTS, -1);
      return MomLoss.multiClass()
          .base(baseLoss)
          .majorityClass(p.get("majority").getAsInt())
          .lambda(p.get("lambda").getAsDouble())
          .build();
    }
    if (p.has("class_alpha")) {
      b.classAlpha(PyTorchGoldenTest.doubles(p.getAsJsonArray("class_alpha")));
    }
    return b.reduction(reduction).implementation(impl).build();
  }

  private static Tensor optional(JsonObject c, String key, int[] shape) {
    JsonElement e = c.get(key);
    return e == null || e.isJsonNull()
        ? null
        : Tensor.of(PyTorchGoldenTest.doubles(e.getAsJsonArray()), shape);
  }
}
