package io.github.focal4j.ner.cli;

import io.github.focal4j.models.training.TrainingListener;
import io.github.focal4j.ner.experiment.ExperimentListener;
import io.github.focal4j.ner.experiment.RunPlan;
import io.github.focal4j.ner.experiment.RunSummary;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of long work: a progress bar on stderr (steps done, loss, training tokens per second,
 * elapsed and remaining time) when stderr belongs to an interactive terminal, else — CI logs,
 * pipes, {@code --no-progress} — one log line per epoch or per finished run, never a stream of
 * updates.
 */
final class Progress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("io.github.focal4j.ner.progress");

  private final ProgressBar bar;
  private final long total;
  private final long startNanos = System.nanoTime();

  /**
   * @param task the bar's label
   * @param total the number of steps
   * @param enabled false for {@code --no-progress}
   */
  Progress(String task, long total, boolean enabled) {
    this.total = total;
    this.bar =
        enabled && interactive()
            ? new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .continuousUpdate()
                .build()
            : null;
  }

  /** Whether a bar can be drawn: a console is attached (stdin and stdout are terminals). */
  static boolean interactive() {
    return System.console() != null;
  }

  boolean hasBar() {
    return bar != null;
  }

  void stepTo(long done, String message) {
    if (bar != null) {
      bar.stepTo(done);
      bar.setExtraMessage(message);
    }
  }

  /** The remaining time estimated from the work done so far, as {@code 1m20s}. */
  String eta(long done) {
    if (done <= 0) {
      return "?";
    }
    long elapsed = System.nanoTime() - startNanos;
    return duration(Duration.ofNanos((long) ((double) elapsed / done * Math.max(0, total - done))));
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }

  /** Logs a line when there is no bar (the bar shows the same figures). */
  void log(String message) {
    if (bar == null) {
      LOG.info(message);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /** Progress of one training run: the bar per step, a line per epoch. */
  static TrainingListener forTraining(Progress p, int epochs) {
    return new TrainingListener() {
      @Override
      public void onStep(Step s) {
        p.stepTo(
            s.step(),
            String.format(
                Locale.ROOT,
                "epoch %d/%d, loss %.4f, %,.0f tok/s",
                s.epoch() + 1,
                epochs,
                s.loss(),
                s.tokensPerSecond()));
      }

      @Override
      public void onEpoch(Epoch e) {
        String dev =
            e.devScore().isPresent()
                ? String.format(Locale.ROOT, ", dev F1 %.2f", e.devScore().getAsDouble())
                : "";
        p.log(
            String.format(
                Locale.ROOT,
                "epoch %d/%d: mean loss %.4f%s, %,.0f training tokens/s",
                e.epoch() + 1,
                epochs,
                e.meanLoss(),
                dev,
                e.tokensPerSecond()));
      }
    };
  }

  /** Progress of an experiment: the bar over all runs' steps, a line per finished run. */
  static ExperimentListener forExperiment(Progress p) {
    AtomicLong done = new AtomicLong();
    AtomicLong finished = new AtomicLong();
    return new ExperimentListener() {
      @Override
      public void step(int index, TrainingListener.Step s) {
        long d = done.incrementAndGet();
        p.stepTo(
            d,
            String.format(
                Locale.ROOT,
                "runs done %d, loss %.4f, %,.0f tok/s",
                finished.get(),
                s.loss(),
                s.tokensPerSecond()));
      }

      @Override
      public void runFinished(int index, RunSummary r) {
        long n = finished.incrementAndGet();
        String what =
            r.failed()
                ? "failed: " + r.failure()
                : String.format(
                    Locale.ROOT,
                    "F1 %.2f, %d steps, %,.0f tok/s",
                    r.f1(),
                    r.steps(),
                    r.tokensPerSecond());
        p.log(
            String.format(
                Locale.ROOT,
                "run %d done (%d finished): %s seed %d%s: %s; ETA %s",
                index + 1,
                n,
                r.series(),
                r.seed(),
                Double.isNaN(r.x()) ? "" : " x=" + r.x(),
                what,
                p.eta(done.get())));
      }

      @Override
      public void runStarted(int index, int runs, RunPlan plan, long totalSteps) {
        // the bar's total is the sum of the budgets, set up front
      }
    };
  }
}
