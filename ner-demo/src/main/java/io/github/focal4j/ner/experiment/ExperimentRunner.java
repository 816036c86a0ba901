package io.github.focal4j.ner.experiment;

import io.github.focal4j.models.training.DivergenceException;
import io.github.focal4j.models.training.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the training runs of an experiment ({@code compare}, {@code sweep}), several at a time.
 *
 * <p>With {@code threads} cores, up to {@code threads} runs train side by side, each on one trainer
 * thread (independent runs scale better than one run's shards; a run's result never depends on its
 * thread count). A run that diverges is recorded as failed with the trainer's message and the
 * experiment goes on; any other error stops the experiment.
 */
public final class ExperimentRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

  private final int threads;
  private final double targetF1;

  /**
   * @param threads cores to use, ≥ 1
   * @param targetF1 the dev F1 (percent) whose first step each run records
   */
  public ExperimentRunner(int threads, double targetF1) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.targetF1 = targetF1;
  }

  /** The optimisation steps a plan will take at most: epochs × batches per epoch. */
  public static long budget(RunPlan plan) {
    int n = plan.data().train().size();
    int b = plan.settings().trainer().batchSize();
    return (long) plan.settings().trainer().epochs() * ((n + b - 1) / b);
  }

  /**
   * Runs every plan and returns their summaries in plan order.
   *
   * @throws UncheckedIOException or another runtime exception if a run fails other than by
   *     diverging
   */
  public List<RunSummary> run(List<RunPlan> plans, ExperimentListener listener) {
    int jobs = Math.max(1, Math.min(threads, plans.size()));
    int perRun = Math.max(1, threads / jobs);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            jobs,
            r -> {
              Thread t = new Thread(r, "focal4j-experiment");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<RunSummary>> futures = new ArrayList<>();
      for (int i = 0; i < plans.size(); i++) {
        int index = i;
        RunPlan plan = plans.get(i);
        futures.add(pool.submit(() -> runOne(index, plans.size(), plan, perRun, listener)));
      }
      List<RunSummary> out = new ArrayList<>();
      for (Future<RunSummary> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("experiment interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs one plan on the calling thread, one trainer thread, no listener: what a cluster task does
   * with its run. A run that diverges comes back as a failed summary, as in {@link #run(List,
   * ExperimentListener)}.
   *
   * @throws UncheckedIOException or another runtime exception if the run fails other than by
   *     diverging
   */
  public RunSummary runOne(RunPlan plan) {
    return runOne(0, 1, plan, 1, new ExperimentListener() {});
  }

  private RunSummary runOne(
      int index, int runs, RunPlan plan, int perRun, ExperimentListener listener) {
    listener.runStarted(index, runs, plan, budget(plan));
    RunSummary summary;
    try {
      RunResult r =
          new TrainingRun(plan.data(), plan.settings())
              .threads(perRun)
              .addListener(
                  new TrainingListener() {
                    @Override
                    public void onStep(Step step) {
                      listener.step(index, step);
                    }
                  })
              .run();
      summary = RunSummary.of(plan, r, targetF1);
    } catch (DivergenceException e) {
      LOG.warn("{} seed {}: {}", plan.series(), plan.seed(), e.getMessage());
      summary = RunSummary.failed(plan, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    listener.runFinished(index, summary);
    return summary;
  }
}
