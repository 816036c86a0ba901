package io.github.focal4j.ner.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one series at one point (one loss in a comparison, one loss and value in a sweep),
 * summarised over seeds: mean ± std of each figure over the runs that finished, and the steps to
 * the target dev F1 over the runs that reached it.
 *
 * @param series the series label
 * @param x the sweep value (NaN in a comparison)
 * @param runs the runs, one per seed
 */
public record SeriesStats(String series, double x, List<RunSummary> runs) {

  public SeriesStats {
    runs = List.copyOf(runs);
  }

  private List<RunSummary> finished() {
    return runs.stream().filter(r -> !r.failed()).toList();
  }

  private MeanStd over(ToDoubleFunction<RunSummary> f) {
    return MeanStd.of(finished().stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).toArray());
  }

  public MeanStd f1() {
    return over(RunSummary::f1);
  }

  public MeanStd precision() {
    return over(RunSummary::precision);
  }

  public MeanStd recall() {
    return over(RunSummary::recall);
  }

  public MeanStd outsideRecall() {
    return over(RunSummary::outsideRecall);
  }

  public MeanStd entityRecall() {
    return over(RunSummary::entityRecall);
  }

  public MeanStd devF1() {
    return over(RunSummary::devF1);
  }

  public MeanStd trainOutsideShare() {
    return over(RunSummary::trainOutsideShare);
  }

  /** Steps to the target over the runs that reached it ({@code n} is how many did). */
  public MeanStd stepsToTarget() {
    return MeanStd.of(
        finished().stream()
            .filter(r -> r.stepsToTarget() >= 0)
            .mapToDouble(RunSummary::stepsToTarget)
            .toArray());
  }

  /**
   * The F1 difference to {@code reference}, paired by seed: mean ± std over the seeds both finished
   * of {@code f1(this, seed) − f1(reference, seed)}. Seeds are shared by every row of an
   * experiment, so the pairing removes the variation that comes from the seed (initialisation, data
   * order) rather than from the loss.
   */
  public MeanStd f1DeltaTo(SeriesStats reference) {
    List<Double> d = new ArrayList<>();
    for (RunSummary r : finished()) {
      for (RunSummary q : reference.finished()) {
        if (q.seed() == r.seed() && !Double.isNaN(r.f1()) && !Double.isNaN(q.f1())) {
          d.add(r.f1() - q.f1());
        }
      }
    }
    return MeanStd.of(d);
  }

  /** Runs that failed (diverged). */
  public int failures() {
    return runs.size() - finished().size();
  }

  /**
   * The dev curve averaged over the finished runs at the steps all of them evaluated (runs with the
   * same data and budget evaluate at the same steps).
   *
   * @return per step: {step, mean F1, std F1}
   */
  public List<double[]> meanCurve() {
    List<RunSummary> ok = finished();
    List<double[]> out = new ArrayList<>();
    if (ok.isEmpty()) {
      return out;
    }
    for (DevPoint p : ok.get(0).devCurve()) {
      double[] ys = new double[ok.size()];
      boolean everywhere = true;
      for (int i = 0; i < ok.size() && everywhere; i++) {
        double y = Double.NaN;
        for (DevPoint q : ok.get(i).devCurve()) {
          if (q.step() == p.step()) {
            y = q.f1();
            break;
          }
        }
        everywhere = !Double.isNaN(y);
        ys[i] = y;
      }
      if (everywhere) {
        MeanStd m = MeanStd.of(ys);
        out.add(new double[] {p.step(), m.mean(), m.std()});
      }
    }
    return out;
  }

  /**
   * The runs' summaries grouped by series and x, in first-seen order.
   *
   * @throws IllegalArgumentException for two runs of one series and x with the same seed: the same
   *     run twice, which the statistics would count as two seeds
   */
  public static List<SeriesStats> group(List<RunSummary> runs) {
    List<SeriesStats> out = new ArrayList<>();
    List<RunSummary> left = new ArrayList<>(runs);
    while (!left.isEmpty()) {
      RunSummary first = left.get(0);
      List<RunSummary> same =
          left.stream()
              .filter(
                  r -> r.series().equals(first.series()) && Double.compare(r.x(), first.x()) == 0)
              .toList();
      Set<Long> seeds = new HashSet<>();
      for (RunSummary r : same) {
        if (!seeds.add(r.seed())) {
          throw new IllegalArgumentException(
              first.series()
                  + (Double.isNaN(first.x()) ? "" : " at " + LossSpec.format(first.x()))
                  + ": two runs with seed "
                  + r.seed()
                  + "; the same run twice would count as two seeds");
        }
      }
      out.add(new SeriesStats(first.series(), first.x(), same));
      left.removeAll(same);
    }
    return out;
  }
}
