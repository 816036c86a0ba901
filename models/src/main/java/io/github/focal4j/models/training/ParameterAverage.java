package io.github.focal4j.models.training;

import io.github.focal4j.autodiff.Tensor;
import java.util.List;

/**
 * An exponential moving average of the parameters (Polyak averaging; PyTorch's {@code
 * AveragedModel} with {@code get_ema_multi_avg_fn(decay)}, Keras' {@code use_ema}): after each
 * step, {@code avg ← decay·avg + (1 − decay)·θ}, starting from the parameters after the first step.
 * The {@link Trainer} swaps the average in to score and keep a model, and back out to go on
 * training the raw parameters.
 */
final class ParameterAverage {

  private final double decay;
  private final List<Tensor> params;
  private double[][] average; // null before the first step

  /**
   * @param decay in (0, 1), checked by {@link TrainerConfig}
   */
  ParameterAverage(double decay, List<Tensor> params) {
    this.decay = decay;
    this.params = params;
  }

  /** Folds the parameters after a step into the average. */
  void update() {
    if (average == null) {
      average = new double[params.size()][];
      for (int i = 0; i < average.length; i++) {
        average[i] = params.get(i).buffer().clone();
      }
      return;
    }
    for (int i = 0; i < average.length; i++) {
      double[] a = average[i];
      double[] p = params.get(i).buffer();
      for (int k = 0; k < a.length; k++) {
        a[k] = decay * a[k] + (1 - decay) * p[k];
      }
    }
  }

  /** Whether a step has been averaged yet (else there is nothing to swap). */
  boolean started() {
    return average != null;
  }

  /** Exchanges the parameters' values with the average's; calling it twice restores both. */
  void swap() {
    if (average == null) {
      return;
    }
    for (int i = 0; i < average.length; i++) {
      double[] p = params.get(i).buffer();
      double[] a = average[i];
      for (int k = 0; k < a.length; k++) {
        double t = p[k];
        p[k] = a[k];
        a[k] = t;
      }
    }
  }

  /** The average's arrays, for checkpoints (live, not copies); null before the first step. */
  double[][] values() {
    return average;
  }

  /** Continues from a checkpoint's average (arrays of the parameters' lengths, taken over). */
  void restore(double[][] values) {
    this.average = values;
  }
}
