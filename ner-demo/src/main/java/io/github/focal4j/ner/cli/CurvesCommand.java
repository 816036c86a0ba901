package io.github.focal4j.ner.cli;

import io.github.focal4j.loss.BinaryLoss;
import io.github.focal4j.loss.CrossEntropyLoss;
import io.github.focal4j.loss.FocalLoss;
import io.github.focal4j.loss.HardTruncationLoss;
import io.github.focal4j.loss.LossType;
import io.github.focal4j.loss.SoftenedLoss;
import io.github.focal4j.ner.experiment.LossSpec;
import io.github.focal4j.ner.plot.ChartFiles;
import io.github.focal4j.ner.plot.Charts;
import io.github.focal4j.ner.plot.LossCurves;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curves}: the pictures of Su Jianlin's article, from loss-core. */
@Command(
    name = "curves",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "The binary losses against the logit x: loss and dL/dx for y = 1 and y = 0, computed by loss-core and the"
          + " autodiff (backward through the loss on a one-element logit, not a closed form).",
      "",
      "  --format csv        one loss (--loss, default ce): header 'x,loss_y1,grad_y1,loss_y0,grad_y0', numbers as"
          + " Java's Double.toString (full precision); to stdout or --out FILE.",
      "  --format png|svg    a figure (--out FILE): loss, dL/dx and the weight on cross-entropy (theta(m - p_t),"
          + " sigma(-K z), (1 - p_t)^gamma with z = (2y - 1)x) for y = 1 and y = 0; all of ce, hard, soft and focal"
          + " unless --loss names one. The loss flags apply to the losses that take them.",
      ""
    })
final class CurvesCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    CSV,
    PNG,
    SVG
  }

  @Spec CommandSpec spec;

  @Mixin LossOptions loss = new LossOptions();

  @Option(
      names = "--from",
      paramLabel = "A",
      description = "First logit (default: ${DEFAULT-VALUE}).")
  double from = -6;

  @Option(names = "--to", paramLabel = "B", description = "Last logit (default: ${DEFAULT-VALUE}).")
  double to = 6;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Number of points, ends included (default: ${DEFAULT-VALUE}).")
  int steps = 121;

  @Option(names = "--format", paramLabel = "FORMAT", description = "CSV (default), PNG or SVG.")
  Format format = Format.CSV;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Output file (required for PNG and SVG).")
  Path out;

  @Override
  public Integer call() throws IOException {
    double[] xs;
    try {
      xs = LossCurves.grid(from, to, steps);
    } catch (IllegalArgumentException e) {
      throw new Errors.UsageException(e.getMessage());
    }
    if (format == Format.CSV) {
      BinaryLoss l = loss.spec("ce").binary();
      StringWriter csv = new StringWriter();
      PrintWriter w = new PrintWriter(csv);
      w.print("x,loss_y1,grad_y1,loss_y0,grad_y0\n");
      for (LossCurves.Point p : LossCurves.compute(l, xs)) {
        w.print(
            p.x()
                + ","
                + p.lossY1()
                + ","
                + p.gradY1()
                + ","
                + p.lossY0()
                + ","
                + p.gradY0()
                + "\n");
      }
      w.flush();
      if (out != null) {
        TrainReport.writeText(csv.toString(), out);
      } else {
        spec.commandLine().getOut().print(csv);
        spec.commandLine().getOut().flush();
      }
      return ExitCodes.OK;
    }
    if (out == null) {
      throw new Errors.UsageException(
          "--format " + format.name().toLowerCase(Locale.ROOT) + " needs --out FILE");
    }
    List<LossSpec> specs = loss.loss != null ? List.of(loss.spec("ce")) : articleLosses();
    ChartFiles.write(
        figure(specs, xs),
        3,
        format == Format.PNG ? ChartFiles.Format.PNG : ChartFiles.Format.SVG,
        out);
    spec.commandLine().getOut().println("wrote " + out);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** ce, hard, soft and focal, each with the flags that apply to it. */
  private List<LossSpec> articleLosses() {
    List<LossSpec> out = new ArrayList<>();
    for (LossType<?> type :
        List.of(
            CrossEntropyLoss.TYPE, HardTruncationLoss.TYPE, SoftenedLoss.TYPE, FocalLoss.TYPE)) {
      out.add(loss.apply(LossSpec.builder(type.name()), false).build());
    }
    return out;
  }

  /** Six panels: loss, dL/dx and weight, for y = 1 (top) and y = 0 (bottom). */
  private static List<XYChart> figure(List<LossSpec> specs, double[] xs) {
    List<String> names = new ArrayList<>();
    List<double[]> l1 = new ArrayList<>();
    List<double[]> g1 = new ArrayList<>();
    List<double[]> l0 = new ArrayList<>();
    List<double[]> g0 = new ArrayList<>();
    List<double[]> w1 = new ArrayList<>();
    List<double[]> w0 = new ArrayList<>();
    for (LossSpec s : specs) {
      names.add(s.toString());
      List<LossCurves.Point> pts = LossCurves.compute(s.binary(), xs);
      l1.add(pts.stream().mapToDouble(LossCurves.Point::lossY1).toArray());
      g1.add(pts.stream().mapToDouble(LossCurves.Point::gradY1).toArray());
      l0.add(pts.stream().mapToDouble(LossCurves.Point::lossY0).toArray());
      g0.add(pts.stream().mapToDouble(LossCurves.Point::gradY0).toArray());
      double[] a = new double[xs.length];
      double[] b = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        a[i] = weight(s, xs[i]);
        b[i] = weight(s, -xs[i]);
      }
      w1.add(a);
      w0.add(b);
    }
    return List.of(
        Charts.lossCurves("loss, y = 1", "L(x)", xs, names, l1),
        Charts.lossCurves("dL/dx, y = 1 (autodiff)", "dL/dx", xs, names, g1),
        Charts.lossCurves("weight on cross-entropy, y = 1", "w(z), z = x", xs, names, w1),
        Charts.lossCurves("loss, y = 0", "L(x)", xs, names, l0),
        Charts.lossCurves("dL/dx, y = 0 (autodiff)", "dL/dx", xs, names, g0),
        Charts.lossCurves("weight on cross-entropy, y = 0", "w(z), z = -x", xs, names, w0));
  }

  /** The factor on cross-entropy at margin z (1 for cross-entropy and the losses without one). */
  private static double weight(LossSpec s, double z) {
    Object c = s.loss().config();
    if (c instanceof HardTruncationLoss.Config h) {
      return LossCurves.hardWeight(h.threshold(), z);
    } else if (c instanceof SoftenedLoss.Config soft) {
      return LossCurves.softWeight(soft.k(), z);
    } else if (c instanceof FocalLoss.Config f) {
      return LossCurves.focalWeight(f.gamma(), z);
    }
    return 1.0;
  }
}
