package io.github.focal4j.ner.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes one or more XChart charts, laid out in a grid, as one PNG or SVG file. Runs headless
 * ({@code java.awt.headless=true} is set before AWT loads), so it works on servers and in CI.
 */
public final class ChartFiles {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Image formats. */
  public enum Format {
    PNG,
    SVG;

    /**
     * The format of a name ({@code png}, {@code svg}, any case).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Format parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown image format '" + name + "'; expected png or svg", e);
      }
    }
  }

  private ChartFiles() {}

  /** Makes sure AWT runs headless; call before creating charts. */
  public static void headless() {
    // the static initializer did it
  }

  /**
   * Writes the charts in a grid of {@code columns} columns, each chart {@code width × height}
   * pixels, to {@code path} (replaced), creating parent folders.
   *
   * @throws IOException if the file cannot be written
   */
  public static void write(
      List<? extends Chart<?, ?>> charts, int columns, Format format, Path path)
      throws IOException {
    if (charts.isEmpty()) {
      throw new IllegalArgumentException("no chart to write");
    }
    int cols = Math.min(columns, charts.size());
    int rows = (charts.size() + cols - 1) / cols;
    int w = charts.get(0).getWidth();
    int h = charts.get(0).getHeight();
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(path)) {
      if (format == Format.PNG) {
        BufferedImage image = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
          g.setColor(java.awt.Color.WHITE);
          g.fillRect(0, 0, cols * w, rows * h);
          paint(charts, cols, w, h, g);
        } finally {
          g.dispose();
        }
        ImageIO.write(image, "png", out);
      } else {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(charts, cols, w, h, g);
        new SVGProcessor()
            .getDocument(g.getCommands(), new PageSize(0, 0, cols * w, rows * h))
            .writeTo(out);
      }
    }
  }

  private static void paint(
      List<? extends Chart<?, ?>> charts, int cols, int w, int h, Graphics2D g) {
    for (int i = 0; i < charts.size(); i++) {
      Graphics2D cell = (Graphics2D) g.create((i % cols) * w, (i / cols) * h, w, h);
      try {
        charts.get(i).paint(cell, w, h);
      } finally {
        cell.dispose();
      }
    }
  }
}
