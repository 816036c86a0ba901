package io.github.focal4j.models.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.focal4j.autodiff.Tensor;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Test helpers: PyTorch goldens (written by tools/goldens/models_goldens.py) and array comparison.
 */
public final class Golden {
  private Golden() {}

  public static JsonObject load(String name) {
    try (Reader r =
        new InputStreamReader(
            Golden.class.getResourceAsStream("/goldens/" + name), StandardCharsets.UTF_8)) {
      return JsonParser.parseReader(r).getAsJsonObject();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static double[] doubles(JsonObject o, String key) {
    JsonArray a = o.getAsJsonArray(key);
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsDouble();
    }
    return out;
  }

  public static int[] ints(JsonObject o, String key) {
    JsonArray a = o.getAsJsonArray(key);
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsInt();
    }
    return out;
  }

  /** Element-wise {@code |e - a| <= tol · max(1, |e|)}, naming the first offending index. */
  public static void assertClose(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(1.0, Math.abs(expected[i]));
      if (!(Math.abs(expected[i] - actual[i]) <= tol * scale)) {
        throw new AssertionError(
            what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
      }
    }
  }

  public static Tensor random(SplittableRandom rng, double scale, int... shape) {
    return Tensor.uniform(rng, -scale, scale, shape);
  }
}
