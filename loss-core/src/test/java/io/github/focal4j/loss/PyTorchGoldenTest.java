package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
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
 * Every loss, option and edge case against PyTorch float64 autograd
 * (tools/goldens/loss_goldens.py), both implementations, values and gradients to 1e-10 (relative to
 * max(1, |expected|)).
 */
class PyTorchGoldenTest {

  static final double TOL = 1e-10;

  static List<JsonObject> cases() {
    try (Reader r =
        new InputStreamReader(
            PyTorchGoldenTest.class.getResourceAsStream("/goldens/loss_goldens.json"),
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
  void coversEveryLossAndOption() {
    List<JsonObject> all = cases();
    assertTrue(all.size() >= 200, "golden cases: " + all.size());
    for (String loss : List.of("ce", "hard", "soft", "focal", "flstar", "poly")) {
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
    int[] shape = ints(c.getAsJsonArray("shape"));
    Tensor x = Tensor.of(doubles(c.getAsJsonArray("logits")), shape).requiresGrad(true);
    Tensor givenMask = optional(c, "mask");
    Tensor weights = optional(c, "weights");
    int[] elementShape =
        c.get("kind").getAsString().equals("binary")
            ? shape
            : Arrays.copyOf(shape, shape.length - 1);
    Tensor mask =
        givenMask == null && weights != null
            ? Tensor.ones(elementShape)
            : givenMask; // weights need one
    Reduction reduction = Reduction.valueOf(c.get("reduction").getAsString());
    Normalization normalization = Normalization.valueOf(c.get("normalization").getAsString());
    JsonObject p = c.getAsJsonObject("params");
    Tensor out;
    if (c.get("kind").getAsString().equals("binary")) {
      Tensor y = Tensor.of(doubles(c.getAsJsonArray("targets")), shape);
      out =
          FusedEqualsComposedTest.apply(
              binary(c.get("loss").getAsString(), p, impl, reduction, normalization),
              x,
              y,
              mask,
              weights);
    } else {
      int[] tshape = Arrays.copyOf(shape, shape.length - 1);
      IntTensor t = IntTensor.of(ints(c.getAsJsonArray("targets")), tshape);
      JsonElement bg = c.get("background");
      out =
          FusedEqualsComposedTest.apply(
              multi(
                  c.get("loss").getAsString(),
                  p,
                  impl,
                  reduction,
                  normalization,
                  bg == null || bg.isJsonNull() ? -1 : bg.getAsInt()),
              x,
              t,
              mask,
              weights);
    }
    double[] r = new double[out.numel()];
    for (int i = 0; i < r.length; i++) {
      r[i] = reduction == Reduction.NONE ? 1 + (i % 5) / 4.0 : 1.0;
    }
    double[] value = out.toArray();
    double[] grad =
        Autograd.grad(out.mul(Tensor.of(r, out.shape())).sum(), List.of(x)).get(0).toArray();
    assertEquals(c.getAsJsonArray("value").size(), value.length, "value length");
    Compare.close(name + " value", value, doubles(c.getAsJsonArray("value")), TOL);
    Compare.close(name + " grad", grad, doubles(c.getAsJsonArray("grad")), TOL);
  }

  /** Maps a golden spec onto the public builders (the same mapping a CLI would make from flags). */
  static BinaryLoss binary(
      String loss, JsonObject p, Implementation impl, Reduction reduction, Normalization norm) {
    double alpha = p.has("alpha") ? p.get("alpha").getAsDouble() : Double.NaN;
    WeightGradient wg = p.has("detached") ? WeightGradient.DETACHED : WeightGradient.FULL;
    BinaryLossBuilder<?> b =
        switch (loss) {
          case "ce" -> CrossEntropyLoss.binary().labelSmoothing(get(p, "smoothing", 0));
          case "hard" -> HardTruncationLoss.binary().threshold(get(p, "threshold", 0.5));
          case "soft" -> SoftenedLoss.binary().k(get(p, "k", 1)).weightGradient(wg);
          case "focal" -> {
            FocalLoss.Binary f =
                FocalLoss.binary()
                    .gamma(get(p, "gamma", 2))
                    .labelSmoothing(get(p, "smoothing", 0))
                    .weightGradient(wg);
            yield p.has("reduced") ? f.reducedThreshold(p.get("reduced").getAsDouble()) : f;
          }
          case "flstar" -> FocalStarLoss.binary().gamma(get(p, "gamma", 1)).beta(get(p, "beta", 0));
          case "poly" -> PolyLoss.binary().epsilon(get(p, "epsilon", 1)).gamma(get(p, "gamma", 0));
          default -> throw new IllegalArgumentException(loss);
        };
    if (!Double.isNaN(alpha)) {
      b.alpha(alpha);
    }
    return b.reduction(reduction).normalization(norm).implementation(impl).build();
  }

  static MultiClassLoss multi(
      String loss,
      JsonObject p,
      Implementation impl,
      Reduction reduction,
      Normalization norm,
      int background) {
    WeightGradient wg = p.has("detached") ? WeightGradient.DETACHED : WeightGradient.FULL;
    MultiClassLossBuilder<?> b =
        switch (loss) {
          case "ce" -> CrossEntropyLoss.multiClass().labelSmoothing(get(p, "smoothing", 0));
          case "hard" -> HardTruncationLoss.multiClass().threshold(get(p, "threshold", 0.5));
          case "soft" ->
              SoftenedLoss.multiClass()
                  .k(get(p, "k", 1))
                  .weightGradient(wg)
                  .weight(
                      p.has("weight") && p.get("weight").getAsString().equals("margin")
                          ? SoftenedLoss.MultiClassWeight.MARGIN
                          : SoftenedLoss.MultiClassWeight.SOFTMAX);
          case "focal" -> {
            FocalLoss.MultiClass f =
                FocalLoss.multiClass()
                    .gamma(get(p, "gamma", 2))
                    .labelSmoothing(get(p, "smoothing", 0))
                    .weightGradient(wg);
            yield p.has("reduced") ? f.reducedThreshold(p.get("reduced").getAsDouble()) : f;
          }
          case "flstar" ->
              FocalStarLoss.multiClass().gamma(get(p, "gamma", 1)).beta(get(p, "beta", 0));
          case "poly" ->
              PolyLoss.multiClass().epsilon(get(p, "epsilon", 1)).gamma(get(p, "gamma", 0));
          default -> throw new IllegalArgumentException(loss);
        };
    if (p.has("class_alpha")) {
      b.classAlpha(doubles(p.getAsJsonArray("class_alpha")));
    }
    if (background >= 0) {
      b.backgroundClass(background);
    }
    return b.reduction(reduction).normalization(norm).implementation(impl).build();
  }

  private static double get(JsonObject p, String key, double fallback) {
    return p.has(key) ? p.get(key).getAsDouble() : fallback;
  }

  private static Tensor optional(JsonObject c, String key) {
    JsonElement e = c.get(key);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    int[] shape = ints(c.getAsJsonArray("shape"));
    if (c.get("kind").getAsString().equals("multi")) {
      shape = Arrays.copyOf(shape, shape.length - 1);
    }
    return Tensor.of(doubles(e.getAsJsonArray()), shape);
  }

  static double[] doubles(JsonArray a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).getAsDouble();
    }
    return d;
  }

  static int[] ints(JsonArray a) {
    int[] d = new int[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).getAsInt();
    }
    return d;
  }
}
