package io.github.focal4j.ner.plot;

import io.github.focal4j.ner.experiment.ExperimentReport;
import io.github.focal4j.ner.experiment.LossSpec;
import io.github.focal4j.ner.experiment.MeanStd;
import io.github.focal4j.ner.experiment.SeriesSpec;
import io.github.focal4j.ner.experiment.SeriesStats;
import io.github.focal4j.ner.experiment.Sweep;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The demo's charts (XChart): dev F1 against steps and final F1 per loss ({@code compare}), a
 * figure against the swept value ({@code sweep}), and the loss curves ({@code curves}). Means are
 * drawn as lines, ± one standard deviation over seeds as error bars.
 */
public final class Charts {

  private static final int WIDTH = 720;
  private static final int HEIGHT = 480;

  static {
    ChartFiles.headless();
  }

  private Charts() {}

  /**
   * Dev F1 against optimisation steps, one line per loss (mean over seeds, ± std), and the target.
   */
  public static XYChart devCurves(List<SeriesStats> rows, double targetF1) {
    XYChart chart =
        xy(
            "Dev entity F1 (mean ± std over seeds; dashed: target "
                + LossSpec.format(targetF1)
                + ")",
            "step",
            "dev F1 (%)");
    // The losses keep their colours in the final-F1 panel beside this one, whose legend names them;
    // a
    // legend here would only hide curves.
    chart.getStyler().setLegendVisible(false);
    double maxStep = 0;
    for (SeriesStats r : rows) {
      List<double[]> curve = r.meanCurve();
      if (curve.isEmpty()) {
        continue;
      }
      double[] x = new double[curve.size()];
      double[] y = new double[curve.size()];
      double[] e = new double[curve.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = curve.get(i)[0];
        y[i] = curve.get(i)[1];
        e[i] = curve.get(i)[2];
        maxStep = Math.max(maxStep, x[i]);
      }
      XYSeries s = chart.addSeries(r.series(), x, y, e);
      s.setMarker(SeriesMarkers.NONE);
    }
    if (maxStep > 0) {
      XYSeries t =
          chart.addSeries(
              "target " + LossSpec.format(targetF1),
              new double[] {0, maxStep},
              new double[] {targetF1, targetF1});
      t.setMarker(SeriesMarkers.NONE);
      t.setLineStyle(
          new java.awt.BasicStroke(
              1f,
              java.awt.BasicStroke.CAP_BUTT,
              java.awt.BasicStroke.JOIN_MITER,
              10f,
              new float[] {6f, 4f},
              0f));
      t.setLineColor(java.awt.Color.GRAY);
    }
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    return chart;
  }

  /**
   * Final held-out F1 per loss, mean ± std over seeds: one bar per loss, coloured and named (in the
   * legend) as in {@link #devCurves}.
   */
  public static CategoryChart finalF1(List<SeriesStats> rows, String heldOut) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Final " + heldOut + " entity F1 (mean ± std over seeds)")
            .xAxisTitle("")
            .yAxisTitle("F1 (%)")
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisTicksVisible(false);
    double min = 100;
    for (SeriesStats r : rows) {
      MeanStd f = r.f1();
      chart.addSeries(
          r.series(), List.of(" "), List.of(f.n() == 0 ? 0.0 : f.mean()), List.of(f.std()));
      if (f.n() > 0) {
        min = Math.min(min, f.mean() - f.std());
      }
    }
    chart.getStyler().setYAxisMin(Math.max(0, Math.floor(min / 10) * 10 - 10));
    chart.getStyler().setYAxisMax(100.0);
    return chart;
  }

  /** A figure of the sweep against the swept value, one line per series. */
  public static XYChart sweep(
      Sweep.Kind kind,
      List<SeriesStats> points,
      String metric,
      Function<SeriesStats, MeanStd> figure) {
    boolean imbalance = kind == Sweep.Kind.IMBALANCE;
    XYChart chart =
        xy(
            metric + " (mean ± std over seeds)",
            imbalance ? "O tokens in training data (%)" : kind.axis(),
            metric + " (%)");
    for (String s : ExperimentReport.seriesOf(points)) {
      List<Double> xs = ExperimentReport.xsOf(points);
      double[] x = new double[xs.size()];
      double[] y = new double[xs.size()];
      double[] e = new double[xs.size()];
      for (int i = 0; i < x.length; i++) {
        SeriesStats p = ExperimentReport.find(points, s, xs.get(i));
        x[i] = imbalance ? p.trainOutsideShare().mean() : xs.get(i);
        MeanStd m = figure.apply(p);
        y[i] = m.n() == 0 ? Double.NaN : m.mean();
        e[i] = m.std();
      }
      var line = chart.addSeries(s, x, y, e).setMarker(SeriesMarkers.CIRCLE);
      if (SeriesSpec.headGroupOf(s).equals("crf")) {
        line.setLineStyle(SeriesLines.DASH_DASH); // the CRF head's series apart from the softmax's
      }
    }
    // Beside the plot: inside, the legend hid the most telling points (the worst F1 at the far
    // end).
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return chart;
  }

  /** A chart of one quantity of the loss curves against the logit x, one line per named series. */
  public static XYChart lossCurves(
      String title, String yAxis, double[] x, List<String> names, List<double[]> ys) {
    XYChart chart = xy(title, "logit x", yAxis);
    for (int i = 0; i < names.size(); i++) {
      chart.addSeries(names.get(i), x, ys.get(i)).setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  private static XYChart xy(String title, String xAxis, String yAxis) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xAxis)
            .yAxisTitle(yAxis)
            .build();
    style(chart.getStyler());
    return chart;
  }

  /** Twelve distinguishable colours (Tableau 10, then black and olive), in series order. */
  private static final java.awt.Color[] PALETTE = {
    new java.awt.Color(0x4E79A7),
    new java.awt.Color(0xF28E2B),
    new java.awt.Color(0xE15759),
    new java.awt.Color(0x76B7B2),
    new java.awt.Color(0x59A14F),
    new java.awt.Color(0xEDC948),
    new java.awt.Color(0xB07AA1),
    new java.awt.Color(0xFF9DA7),
    new java.awt.Color(0x9C755F),
    new java.awt.Color(0xBAB0AC),
    java.awt.Color.BLACK,
    new java.awt.Color(0x808000)
  };

  private static void style(Styler s) {
    s.setSeriesColors(PALETTE);
    s.setLegendPosition(Styler.LegendPosition.InsideSE);
    s.setChartBackgroundColor(java.awt.Color.WHITE);
    s.setPlotBackgroundColor(java.awt.Color.WHITE);
    s.setLegendBackgroundColor(new java.awt.Color(255, 255, 255, 200));
    s.setChartTitleBoxVisible(false);
    s.setAntiAlias(true);
  }
}
