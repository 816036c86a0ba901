package io.github.focal4j.ner.experiment;

import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.training.TrainingResult;
import io.github.focal4j.ner.eval.EvaluationResult;
import java.util.List;
import java.util.OptionalLong;

/**
 * The outcome of a {@link TrainingRun}.
 *
 * @param settings what was trained
 * @param training the trainer's figures (steps, epochs, training tokens and seconds, why it
 *     stopped)
 * @param dev conlleval's figures on the dev set at the end, or null without dev data
 * @param test conlleval's figures on the test set at the end, or null without test data
 * @param devCurve dev F1 during training, by step
 * @param model the trained model (its final parameters, as {@link RunSettings#selection()} chose)
 */
public record RunResult(
    RunSettings settings,
    TrainingResult training,
    EvaluationResult dev,
    EvaluationResult test,
    List<DevPoint> devCurve,
    TokenClassifier model) {

  public RunResult {
    devCurve = List.copyOf(devCurve);
  }

  /** The first step at which the dev F1 reached {@code target} (percent), if it did. */
  public OptionalLong stepsToReach(double target) {
    for (DevPoint p : devCurve) {
      if (p.f1() >= target) {
        return OptionalLong.of(p.step());
      }
    }
    return OptionalLong.empty();
  }

  /** The final test figures, or the dev figures when there is no test set. */
  public EvaluationResult heldOut() {
    return test != null ? test : dev;
  }
}
