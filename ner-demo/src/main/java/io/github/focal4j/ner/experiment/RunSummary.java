package io.github.focal4j.ner.experiment;

import io.github.focal4j.ner.eval.EvaluationResult;
import java.util.List;

/**
 * What an experiment keeps of one run (not the model): the held-out figures (test, or dev when
 * there is no test set) in percent, the final dev F1, the steps to the target dev F1 and the dev
 * curve. A run that failed (diverged) has {@link #failure()} set and NaN figures.
 *
 * @param series the series label
 * @param x the sweep value
 * @param seed the seed
 * @param f1 held-out entity F1
 * @param precision held-out entity precision
 * @param recall held-out entity recall
 * @param outsideRecall held-out O-token recall
 * @param entityRecall held-out entity-token recall
 * @param devF1 final dev F1 (NaN without dev data)
 * @param stepsToTarget the first evaluated step with dev F1 ≥ the target, or -1 if never
 * @param steps optimisation steps done
 * @param seconds training time (no evaluation)
 * @param tokensPerSecond training tokens per second of training time
 * @param trainOutsideShare share of O tokens in the training data, in percent
 * @param devCurve dev F1 by step
 * @param failure why the run failed, or null
 */
public record RunSummary(
    String series,
    double x,
    long seed,
    double f1,
    double precision,
    double recall,
    double outsideRecall,
    double entityRecall,
    double devF1,
    long stepsToTarget,
    long steps,
    double seconds,
    double tokensPerSecond,
    double trainOutsideShare,
    List<DevPoint> devCurve,
    String failure) {

  public RunSummary {
    devCurve = List.copyOf(devCurve);
  }

  /** The summary of a finished run. */
  static RunSummary of(RunPlan plan, RunResult r, double targetF1) {
    EvaluationResult h = r.heldOut();
    double nan = Double.NaN;
    return new RunSummary(
        plan.series(),
        plan.x(),
        plan.seed(),
        h == null ? nan : h.f1(),
        h == null ? nan : h.precision(),
        h == null ? nan : h.recall(),
        h == null ? nan : h.confusion().outsideRecall(),
        h == null ? nan : h.confusion().entityRecall(),
        r.dev() == null ? nan : r.dev().f1(),
        r.stepsToReach(targetF1).orElse(-1),
        r.training().steps(),
        r.training().seconds(),
        r.training().tokensPerSecond(),
        100 * plan.data().train().stats().outsideShare(),
        r.devCurve(),
        null);
  }

  /** The summary of a run that failed with {@code why}. */
  public static RunSummary failed(RunPlan plan, String why) {
    double nan = Double.NaN;
    return new RunSummary(
        plan.series(),
        plan.x(),
        plan.seed(),
        nan,
        nan,
        nan,
        nan,
        nan,
        nan,
        -1,
        0,
        0,
        0,
        100 * plan.data().train().stats().outsideShare(),
        List.of(),
        why);
  }

  public boolean failed() {
    return failure != null;
  }
}
