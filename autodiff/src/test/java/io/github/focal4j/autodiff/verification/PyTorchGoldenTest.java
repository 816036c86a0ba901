package io.github.focal4j.autodiff.verification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.focal4j.autodiff.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * PyTorch (float64) as the oracle: replays every case written by {@code
 * tools/goldens/autodiff_goldens.py} — every op over several shapes, broadcasts, axes and tie
 * points, and 50 random compositions — and matches the output and every input gradient (for the
 * recorded random upstream gradient).
 *
 * <p>Criterion, per value: {@code |java − torch| ≤ 1e-10 · max(1, |torch|)}; a non-finite torch
 * value (±∞, NaN) must be matched exactly.
 */
class PyTorchGoldenTest {

  static final double TOLERANCE = 1e-10;
  static final String OPS_FILE = "/goldens/autodiff_ops.json";
  static final String COMPOSITIONS_FILE = "/goldens/autodiff_compositions.json";

  static JsonArray cases(String resource) {
    try (InputStream in = PyTorchGoldenTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing test resource "
                + resource
                + "; regenerate with /usr/bin/python3 tools/goldens/autodiff_goldens.py");
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return JsonParser.parseReader(r).getAsJsonObject().getAsJsonArray("cases");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyOpMatchesPyTorch() {
    return replay(cases(OPS_FILE));
  }

  @TestFactory
  Stream<DynamicTest> randomCompositionsMatchPyTorch() {
    return replay(cases(COMPOSITIONS_FILE));
  }

  private static Stream<DynamicTest> replay(JsonArray cases) {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement e : cases) {
      JsonObject c = e.getAsJsonObject();
      tests.add(DynamicTest.dynamicTest(c.get("id").getAsString(), () -> check(c)));
    }
    return tests.stream();
  }

  static void check(JsonObject c) {
    String id = c.get("id").getAsString();
    Expr expr = Expr.of(c.getAsJsonObject("expr"));
    JsonArray inputs = c.getAsJsonArray("inputs");
    Tensor[] leaves = new Tensor[inputs.size()];
    for (int i = 0; i < leaves.length; i++) {
      JsonObject in = inputs.get(i).getAsJsonObject();
      leaves[i] = Interpreter.tensor(in).requiresGrad(in.get("requiresGrad").getAsBoolean());
    }
    Tensor out = Interpreter.eval(expr, leaves);
    JsonObject expected = c.getAsJsonObject("output");
    assertArrayEquals(
        Interpreter.ints(expected.getAsJsonArray("shape")), out.shape(), id + ": output shape");
    assertClose(id + ": output", doubles(expected.getAsJsonArray("data")), out.toArray());

    if (out.requiresGrad()) {
      double[] up = doubles(c.getAsJsonArray("upstream"));
      out.backward(Tensor.of(up, out.shape()));
    }
    JsonArray grads = c.getAsJsonArray("grads");
    for (int i = 0; i < leaves.length; i++) {
      if (grads.get(i).isJsonNull()) {
        continue;
      }
      Tensor g = leaves[i].grad();
      double[] actual = g == null ? new double[leaves[i].numel()] : g.toArray();
      assertClose(
          id + ": gradient of input " + i + " in " + expr,
          doubles(grads.get(i).getAsJsonArray()),
          actual);
    }
  }

  static double[] doubles(JsonArray a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = Interpreter.parseDouble(a.get(i));
    }
    return v;
  }

  static void assertClose(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + ": element count");
    for (int i = 0; i < expected.length; i++) {
      double b = expected[i];
      double a = actual[i];
      boolean ok =
          Double.isFinite(b)
              ? Math.abs(a - b) <= TOLERANCE * Math.max(1.0, Math.abs(b))
              : Double.compare(a, b) == 0;
      if (!ok) {
        fail(
            what
                + ": element "
                + i
                + " is "
                + a
                + ", torch has "
                + b
                + " (|diff| "
                + Math.abs(a - b)
                + ")");
      }
    }
  }

  /** Every op of the interpreter is the root of at least one golden case; 50 compositions exist. */
  @Test
  void goldensCoverEveryOp() {
    Set<String> roots = new TreeSet<>();
    Set<String> inCompositions = new TreeSet<>();
    for (JsonElement e : cases(OPS_FILE)) {
      Expr.of(e.getAsJsonObject().getAsJsonObject("expr")).collectOps(roots);
    }
    JsonArray comps = cases(COMPOSITIONS_FILE);
    for (JsonElement e : comps) {
      Expr.of(e.getAsJsonObject().getAsJsonObject("expr")).collectOps(inCompositions);
    }
    Set<String> missing = new TreeSet<>(Interpreter.OPS);
    missing.removeAll(roots);
    assertTrue(missing.isEmpty(), "ops without a golden: " + missing);
    assertEquals(50, comps.size());
    Set<String> missingInCompositions = new TreeSet<>(Interpreter.OPS);
    missingInCompositions.removeAll(inCompositions);
    assertTrue(
        missingInCompositions.size() <= 5,
        "ops absent from the compositions: " + missingInCompositions);
  }
}
