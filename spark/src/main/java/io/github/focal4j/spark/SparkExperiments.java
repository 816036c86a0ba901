package io.github.focal4j.spark;

import io.github.focal4j.ner.cli.ExperimentPlans;
import io.github.focal4j.ner.experiment.DevPoint;
import io.github.focal4j.ner.experiment.ExperimentRunner;
import io.github.focal4j.ner.experiment.RunPlan;
import io.github.focal4j.ner.experiment.RunSummary;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Function1;
import scala.Function2;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * The runs of {@code compare} and {@code sweep} as Spark tasks, one per run. A task gets the
 * command line and its run's index, series, value and seed; the executor rebuilds the plans from
 * the command line once per JVM ({@link ExperimentPlans#rebuild}), checks that its plan is the
 * driver's, runs it on one thread and sends back its summary. Whatever a run throws comes back as
 * that run's failure, so one bad run never costs the others.
 */
final class SparkExperiments {

  /** What a task is told: its run. */
  record Task(int index, String series, double x, long seed) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A {@link RunSummary} as plain values, or the run's error. */
  record Outcome(
      int index,
      String series,
      double x,
      long seed,
      double[] figures,
      long[] counts,
      long[] curveSteps,
      int[] curveEpochs,
      double[] curveF1,
      String error)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    static Outcome of(int index, RunSummary s) {
      List<DevPoint> c = s.devCurve();
      long[] steps = new long[c.size()];
      int[] epochs = new int[c.size()];
      double[] f1 = new double[c.size()];
      for (int i = 0; i < c.size(); i++) {
        steps[i] = c.get(i).step();
        epochs[i] = c.get(i).epoch();
        f1[i] = c.get(i).f1();
      }
      return new Outcome(
          index,
          s.series(),
          s.x(),
          s.seed(),
          new double[] {
            s.f1(),
            s.precision(),
            s.recall(),
            s.outsideRecall(),
            s.entityRecall(),
            s.devF1(),
            s.seconds(),
            s.tokensPerSecond(),
            s.trainOutsideShare()
          },
          new long[] {s.stepsToTarget(), s.steps()},
          steps,
          epochs,
          f1,
          s.failure());
    }

    static Outcome failed(Task t, String error) {
      return new Outcome(
          t.index(), t.series(), t.x(), t.seed(), null, null, null, null, null, error);
    }

    RunSummary summary(RunPlan plan) {
      if (figures == null) {
        return RunSummary.failed(plan, error);
      }
      List<DevPoint> curve = new ArrayList<>(curveSteps.length);
      for (int i = 0; i < curveSteps.length; i++) {
        curve.add(new DevPoint(curveSteps[i], curveEpochs[i], curveF1[i]));
      }
      double[] f = figures;
      return new RunSummary(
          series, x, seed, f[0], f[1], f[2], f[3], f[4], f[5], counts[0], counts[1], f[6], f[7],
          f[8], curve, error);
    }
  }

  /** Plans rebuilt on this JVM, by command line (the last few). */
  private static final Map<List<String>, List<RunPlan>> PLANS =
      new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, List<RunPlan>> eldest) {
          return size() > 2;
        }
      };

  private SparkExperiments() {}

  /**
   * Runs the plans at the indices {@code which} as Spark tasks, one each, and hands each summary to
   * {@code finished} on the driver as its task ends (Spark's job result handler, called one at a
   * time).
   */
  static void run(
      SparkSession session,
      List<String> args,
      List<RunPlan> plans,
      List<Integer> which,
      double targetF1,
      BiConsumer<Integer, RunSummary> finished) {
    if (which.isEmpty()) {
      return;
    }
    List<Task> tasks = new ArrayList<>(which.size());
    for (int i : which) {
      RunPlan p = plans.get(i);
      tasks.add(new Task(i, p.series(), p.x(), p.seed()));
    }
    ArrayList<String> line = new ArrayList<>(args);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    jsc.setJobDescription("focal4j: " + tasks.size() + " training runs");
    JavaRDD<Task> rdd = jsc.parallelize(tasks, tasks.size());
    Function1<scala.collection.Iterator<Task>, Outcome> runPartition =
        (Function1<scala.collection.Iterator<Task>, Outcome> & Serializable)
            it -> runTask(line, it.next(), targetF1);
    Function2<Object, Outcome, BoxedUnit> handler =
        (partition, o) -> {
          finished.accept(o.index(), o.summary(plans.get(o.index())));
          return BoxedUnit.UNIT;
        };
    session
        .sparkContext()
        .runJob(rdd.rdd(), runPartition, handler, ClassTag$.MODULE$.apply(Outcome.class));
  }

  /** On an executor: one run. Never throws. */
  static Outcome runTask(List<String> args, Task t, double targetF1) {
    try {
      List<RunPlan> plans = plans(args);
      if (t.index() >= plans.size()) {
        return Outcome.failed(
            t,
            "the executor planned "
                + plans.size()
                + " runs, the driver more (are the data"
                + " files the same on every machine?)");
      }
      RunPlan p = plans.get(t.index());
      if (!p.series().equals(t.series())
          || Double.compare(p.x(), t.x()) != 0
          || p.seed() != t.seed()) {
        return Outcome.failed(
            t,
            "the executor planned run "
                + t.index()
                + " as "
                + p.series()
                + " x="
                + p.x()
                + " seed "
                + p.seed()
                + ", the driver as "
                + t.series()
                + " x="
                + t.x()
                + " seed "
                + t.seed()
                + " (are the data files the same on every machine?)");
      }
      return Outcome.of(t.index(), new ExperimentRunner(1, targetF1).runOne(p));
    } catch (RuntimeException | Error e) {
      String m = e.getMessage();
      return Outcome.failed(t, e.getClass().getSimpleName() + (m == null ? "" : ": " + m.strip()));
    }
  }

  private static List<RunPlan> plans(List<String> args) {
    synchronized (PLANS) {
      List<RunPlan> p = PLANS.get(args);
      if (p == null) {
        p = ExperimentPlans.rebuild(args);
        PLANS.put(List.copyOf(args), p);
      }
      return p;
    }
  }
}
