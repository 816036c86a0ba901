package io.github.focal4j.models.training;

import com.google.common.base.Preconditions;
import io.github.focal4j.models.ops.Precision;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How to train, an immutable value. Everything here decides the result: the same config, seed,
 * model config and data give bit-identical parameters, whatever the number of threads (that is a
 * run-time setting of the {@link Trainer}, because each batch is split into a fixed number of
 * {@code shards} whose gradients are summed in shard order).
 *
 * @param epochs passes over the training data, ≥ 1
 * @param batchSize sentences per optimisation step, ≥ 1
 * @param optimizer the optimizer and its base learning rate
 * @param schedule factor on the learning rate per step
 * @param clipNorm maximal global gradient norm (&gt; 0, finite), or empty for no clipping
 * @param shards pieces each batch is split into for data-parallel gradients, ≥ 1 (2 uses both cores
 *     here)
 * @param seed the seed of data order and dropout (use the same seed for the model's initialisation)
 * @param patience with a dev evaluator: stop after this many epochs (≥ 1) without a better dev
 *     score; empty never stops early
 * @param emaDecay the decay (in (0, 1)) of an exponential moving average of the parameters that is
 *     scored on dev, kept as the best epoch and given as the trained model (see {@code
 *     ParameterAverage}), or empty to use the parameters as trained
 * @param precision what the training replicas' ops compute in ({@link Precision#FLOAT32}: the LSTM
 *     and the char CNN in float32 on the Vector API, with float64 parameters, gradients and
 *     optimizer state); results are bit-identical across thread counts in either
 */
public record TrainerConfig(
    int epochs,
    int batchSize,
    OptimizerConfig optimizer,
    LearningRateSchedule schedule,
    OptionalDouble clipNorm,
    int shards,
    long seed,
    OptionalInt patience,
    OptionalDouble emaDecay,
    Precision precision) {

  /**
   * @throws IllegalArgumentException naming the first invalid field and its value
   */
  public TrainerConfig {
    Preconditions.checkArgument(epochs >= 1, "epochs must be >= 1, got %s", epochs);
    Preconditions.checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
    Preconditions.checkArgument(optimizer != null, "optimizer must be set");
    Preconditions.checkArgument(schedule != null, "schedule must be set");
    Preconditions.checkArgument(
        clipNorm != null, "clipNorm must not be null (empty for no clipping)");
    clipNorm.ifPresent(
        v ->
            Preconditions.checkArgument(
                v > 0 && Double.isFinite(v),
                "clipNorm must be > 0 and finite (no clipping: leave it empty), got %s",
                v));
    Preconditions.checkArgument(
        shards >= 1 && shards <= 64, "shards must be in [1, 64], got %s", shards);
    Preconditions.checkArgument(
        patience != null, "patience must not be null (empty for no early stopping)");
    patience.ifPresent(
        v ->
            Preconditions.checkArgument(
                v >= 1, "patience must be >= 1 (no early stopping: leave it empty), got %s", v));
    Preconditions.checkArgument(
        emaDecay != null, "emaDecay must not be null (empty for no averaging)");
    emaDecay.ifPresent(
        v ->
            Preconditions.checkArgument(
                v > 0 && v < 1,
                "emaDecay must be in (0, 1) (no averaging: leave it empty), got %s",
                v));
    Preconditions.checkArgument(precision != null, "precision must be set");
  }

  /**
   * The reference training setup of the benchmarks: batches of 32 sentences shuffled each epoch,
   * Adam with learning rate 1e-3 and PyTorch's defaults, constant schedule, no clipping, 2 shards,
   * 10 epochs, seed 1, no early stopping, no parameter averaging, float64.
   */
  public static TrainerConfig reference() {
    return new TrainerConfig(
        10,
        32,
        OptimizerConfig.Adam.withLearningRate(1e-3),
        LearningRateSchedule.constant(),
        OptionalDouble.empty(),
        2,
        1L,
        OptionalInt.empty(),
        OptionalDouble.empty(),
        Precision.FLOAT64);
  }

  public static Builder builder() {
    return new Builder(reference());
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Fluent construction from the reference values; validation in {@link #build()}. */
  public static final class Builder {
    private int epochs;
    private int batchSize;
    private OptimizerConfig optimizer;
    private LearningRateSchedule schedule;
    private OptionalDouble clipNorm;
    private int shards;
    private long seed;
    private OptionalInt patience;
    private OptionalDouble emaDecay;
    private Precision precision;

    private Builder(TrainerConfig c) {
      epochs = c.epochs;
      batchSize = c.batchSize;
      optimizer = c.optimizer;
      schedule = c.schedule;
      clipNorm = c.clipNorm;
      shards = c.shards;
      seed = c.seed;
      patience = c.patience;
      emaDecay = c.emaDecay;
      precision = c.precision;
    }

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder optimizer(OptimizerConfig v) {
      optimizer = v;
      return this;
    }

    public Builder schedule(LearningRateSchedule v) {
      schedule = v;
      return this;
    }

    /** Clips the global gradient norm to {@code v} (&gt; 0, checked in {@link #build()}). */
    public Builder clipNorm(double v) {
      clipNorm = OptionalDouble.of(v);
      return this;
    }

    public Builder noClipping() {
      clipNorm = OptionalDouble.empty();
      return this;
    }

    public Builder shards(int v) {
      shards = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * Early stopping after {@code v} (≥ 1, checked in {@link #build()}) epochs without a better dev
     * score.
     */
    public Builder patience(int v) {
      patience = OptionalInt.of(v);
      return this;
    }

    public Builder noEarlyStopping() {
      patience = OptionalInt.empty();
      return this;
    }

    /**
     * Scores and keeps an exponential moving average of the parameters with this decay (in (0, 1),
     * checked in {@link #build()}).
     */
    public Builder emaDecay(double v) {
      emaDecay = OptionalDouble.of(v);
      return this;
    }

    public Builder noAveraging() {
      emaDecay = OptionalDouble.empty();
      return this;
    }

    /** What the training replicas' ops compute in; {@link Precision#FLOAT64} by default. */
    public Builder precision(Precision v) {
      precision = v;
      return this;
    }

    public TrainerConfig build() {
      return new TrainerConfig(
          epochs, batchSize, optimizer, schedule, clipNorm, shards, seed, patience, emaDecay,
          precision);
    }
  }
}
