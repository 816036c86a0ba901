package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV of {@code curves} (autodiff gradients) against the closed forms of the article's losses.
 */
class CurvesCommandTest {

  @TempDir Path dir;

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** Rows of x, loss_y1, grad_y1, loss_y0, grad_y0. */
  private static double[][] csv(String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals("x,loss_y1,grad_y1,loss_y0,grad_y0", lines.get(0));
    return lines.subList(1, lines.size()).stream()
        .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
        .toArray(double[][]::new);
  }

  /**
   * Checks every row: for y = 1 the closed forms {@code loss(x)} and {@code grad(x)}; for y = 0 the
   * mirror image L(x, 0) = (w0/w1)·L(−x, 1), dL/dx(x, 0) = −(w0/w1)·dL/dx(−x, 1).
   */
  private static void check(
      double[][] rows, DoubleBinaryOperator lossAndGrad, double w1, double w0) {
    for (double[] r : rows) {
      double x = r[0];
      assertClose(w1 * lossAndGrad.applyAsDouble(x, 0), r[1], "loss_y1 at " + x);
      assertClose(w1 * lossAndGrad.applyAsDouble(x, 1), r[2], "grad_y1 at " + x);
      assertClose(w0 * lossAndGrad.applyAsDouble(-x, 0), r[3], "loss_y0 at " + x);
      assertClose(-w0 * lossAndGrad.applyAsDouble(-x, 1), r[4], "grad_y0 at " + x);
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void crossEntropy() {
    double[][] rows =
        csv("curves", "--from", "-8", "--to", "8", "--steps", "161", "--format", "csv");
    assertEquals(161, rows.length);
    assertEquals(-8.0, rows[0][0]);
    assertEquals(8.0, rows[160][0]);
    assertEquals(0.0, rows[80][0], 1e-15);
    // L = softplus(-x), dL/dx = sigmoid(x) - 1
    check(rows, (x, which) -> which == 0 ? softplus(-x) : sigmoid(x) - 1, 1, 1);
  }

  @Test
  void hardTruncation() {
    double m = 0.7;
    double[][] rows =
        csv(
            "curves",
            "--loss",
            "hard",
            "--threshold",
            "0.7",
            "--from",
            "-5",
            "--to",
            "5",
            "--steps",
            "101");
    // lambda = [p_t <= m]: no loss and no gradient once the sample is right enough
    check(
        rows,
        (x, which) -> {
          double lambda = sigmoid(x) > m ? 0 : 1;
          return lambda * (which == 0 ? softplus(-x) : sigmoid(x) - 1);
        },
        1,
        1);
  }

  @Test
  void softenedLossGradientFlowsThroughTheWeight() {
    double k = 3;
    double[][] rows =
        csv("curves", "--loss", "soft", "--k", "3", "--from", "-6", "--to", "6", "--steps", "121");
    // L = sigma(-Kx)·softplus(-x); dL/dx = -K sigma(-Kx) sigma(Kx) softplus(-x) +
    // sigma(-Kx)(sigma(x) - 1)
    check(
        rows,
        (x, which) ->
            which == 0
                ? sigmoid(-k * x) * softplus(-x)
                : -k * sigmoid(-k * x) * sigmoid(k * x) * softplus(-x)
                    + sigmoid(-k * x) * (sigmoid(x) - 1),
        1,
        1);
  }

  @Test
  void focalWithAlpha() {
    double g = 2;
    double a = 0.25;
    double[][] rows =
        csv(
            "curves", "--loss", "focal", "--gamma", "2", "--alpha", "0.25", "--from", "-6", "--to",
            "6", "--steps", "61");
    // L = (1-p)^g (-log p); dL/dx = (1-p)^g (g p log p - (1 - p)); alpha on y = 1, 1 - alpha on y =
    // 0
    check(
        rows,
        (x, which) -> {
          double p = sigmoid(x);
          double w = Math.pow(1 - p, g);
          return which == 0 ? w * softplus(-x) : w * (g * p * -softplus(-x) - (1 - p));
        },
        a,
        1 - a);
  }

  @Test
  void softWithKOneIsFocalWithGammaOne() {
    double[][] soft = csv("curves", "--loss", "soft", "--k", "1", "--steps", "41");
    double[][] focal = csv("curves", "--loss", "focal", "--gamma", "1", "--steps", "41");
    for (int i = 0; i < soft.length; i++) {
      for (int c = 0; c < 5; c++) {
        assertClose(focal[i][c], soft[i][c], "column " + c + " row " + i);
      }
    }
  }

  @Test
  void csvToFileAndFigures() throws Exception {
    Path csv = dir.resolve("ce.csv");
    assertEquals(0, Cli.run("curves", "--out", csv.toString(), "--steps", "5").code());
    assertEquals(6, Files.readAllLines(csv).size());
    Path png = dir.resolve("curves.png");
    Cli.Result r =
        Cli.run("curves", "--format", "png", "--out", png.toString(), "--k", "4", "--gamma", "2");
    assertEquals(0, r.code(), r.toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(3 * 720, image.getWidth());
    assertEquals(2 * 480, image.getHeight());
    Path svg = dir.resolve("curves.svg");
    assertEquals(
        0, Cli.run("curves", "--format", "svg", "--out", svg.toString(), "--loss", "soft").code());
    String text = Files.readString(svg);
    assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
    assertTrue(text.contains("viewBox=\"0 0 2160 960\""), "six panels of 720×480");
  }

  @Test
  void perClassAlphaHasNoBinaryForm() {
    Cli.Result r = Cli.run("curves", "--class-balanced", "0.99");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--class-balanced applies to multi-class training only"), r.err());
  }
}
