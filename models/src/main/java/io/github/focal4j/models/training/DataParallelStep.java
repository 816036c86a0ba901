package io.github.focal4j.models.training;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.NonFiniteLogitException;
import io.github.focal4j.models.Objective;
import io.github.focal4j.models.Parallel;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.data.Batch;
import io.github.focal4j.models.data.EncodedSentence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * One data-parallel optimisation step of a {@link Trainer}: shard, run, reduce, check, clip,
 * update.
 *
 * <p>The batch's sentences, sorted by length (longest first, ties by data order), are dealt
 * round-robin to {@code shards} shards. Each shard runs forward and backward on its own {@link
 * TokenClassifier#replica() replica} (shared parameter values, own gradients) with dropout drawn
 * from {@link RandomSource#dropout(long, int)}, its loss weighted by its share of the batch's
 * tokens, so the sum over shards is the batch's mean loss per token. Shards run on up to {@code
 * threads} worker threads; their gradients are then summed in shard order ({@link ShardGradients}).
 * Nothing depends on which thread ran what.
 *
 * <p>A NaN or infinite loss or gradient norm, or logits the loss refuses as non-finite ({@link
 * NonFiniteLogitException}), throws {@link DivergenceException} before the parameters are touched.
 * Otherwise the gradient is clipped (if the configuration says so) and the optimizer updates the
 * parameters with the scheduled learning rate.
 *
 * <p>Owns its worker threads: {@link #close()} stops them.
 */
final class DataParallelStep implements AutoCloseable {

  /**
   * The figures of one step.
   *
   * @param loss the batch's mean loss per token
   * @param tokens real tokens in the batch
   * @param learningRate the rate used
   * @param gradientNorm the global gradient norm before clipping
   */
  record Outcome(double loss, int tokens, double learningRate, double gradientNorm) {}

  private final Objective objective;
  private final TrainerConfig config;
  private final RandomSource random;
  private final Optimizer optimizer;
  private final List<TokenClassifier> replicas = new ArrayList<>();
  private final List<List<Tensor>> replicaParams = new ArrayList<>();
  private final ShardGradients grads;
  private final int threads;
  private final ExecutorService pool;

  /**
   * Makes the shards' replicas of {@code model} (in its current training/evaluation mode, computing
   * in the configuration's precision) and, with more than one thread, the worker pool.
   *
   * @throws IllegalStateException when this JVM cannot compute in the configuration's precision
   */
  DataParallelStep(
      TokenClassifier model,
      Objective objective,
      TrainerConfig config,
      RandomSource random,
      Optimizer optimizer,
      List<String> names,
      List<Tensor> params,
      int threads) {
    this.objective = objective;
    this.config = config;
    this.random = random;
    this.optimizer = optimizer;
    for (int s = 0; s < config.shards(); s++) {
      TokenClassifier r = model.replica();
      r.setPrecision(config.precision());
      replicas.add(r);
      replicaParams.add(r.parameters());
    }
    this.grads = new ShardGradients(names, params);
    this.threads = threads;
    this.pool = threads > 1 ? Parallel.daemonPool(threads, "focal4j-trainer") : null;
  }

  /**
   * Trains on the sentences {@code data[idx[..]]} as step {@code progress.step() + 1}.
   *
   * @param progress where the run stands (names the step in a {@link DivergenceException}; its step
   *     number seeds the dropout)
   * @param totalSteps steps of the whole run, for the learning-rate schedule
   * @throws DivergenceException on a NaN/infinite loss, gradient norm or logit; the parameters are
   *     untouched
   */
  Outcome run(List<EncodedSentence> data, int[] idx, TrainingProgress progress, long totalSteps) {
    List<List<EncodedSentence>> parts = shard(data, idx);
    int tokens = 0;
    for (List<EncodedSentence> part : parts) {
      for (EncodedSentence e : part) {
        tokens += e.size();
      }
    }
    double loss = forwardBackward(parts, tokens, progress);
    double norm = grads.norm();
    if (!Double.isFinite(norm)) {
      grads.clear();
      throw divergence(progress, "the gradient norm is " + norm);
    }
    if (config.clipNorm().isPresent()) {
      double coef = GradientClipping.coefficient(norm, config.clipNorm().getAsDouble());
      if (coef < 1) {
        grads.scale(coef);
      }
    }
    double lr =
        config.optimizer().learningRate() * config.schedule().factor(progress.step(), totalSteps);
    optimizer.beginStep();
    Parallel.runAll(grads.updateTasks(optimizer, lr, pool == null ? 1 : threads), pool, "training");
    grads.clear();
    return new Outcome(loss, tokens, lr, norm);
  }

  /**
   * The batch's sentences, longest first (ties by position in the batch), dealt round-robin to the
   * shards.
   */
  private List<List<EncodedSentence>> shard(List<EncodedSentence> data, int[] idx) {
    int shards = config.shards();
    Integer[] sorted = new Integer[idx.length];
    for (int i = 0; i < idx.length; i++) {
      sorted[i] = i;
    }
    Arrays.sort(
        sorted,
        Comparator.comparingInt((Integer i) -> -data.get(idx[i]).size()).thenComparingInt(i -> i));
    List<List<EncodedSentence>> parts = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      parts.add(new ArrayList<>());
    }
    for (int k = 0; k < sorted.length; k++) {
      parts.get(k % shards).add(data.get(idx[sorted[k]]));
    }
    return parts;
  }

  /**
   * Forward and backward of every shard on its replica, then the gradients reduced in shard order;
   * returns the batch's loss.
   *
   * @throws DivergenceException if a shard's logits or the loss are not finite (the gradients are
   *     cleared)
   */
  private double forwardBackward(
      List<List<EncodedSentence>> parts, int batchTokens, TrainingProgress progress) {
    int shards = parts.size();
    double[] shardLoss = new double[shards];
    NonFiniteLogitException[] shardNonFinite = new NonFiniteLogitException[shards];
    List<Callable<Void>> work = new ArrayList<>();
    long stepIndex = progress.step();
    for (int s = 0; s < shards; s++) {
      if (parts.get(s).isEmpty()) {
        continue;
      }
      int shard = s;
      work.add(
          () -> {
            TokenClassifier replica = replicas.get(shard);
            Batch b = Batch.of(parts.get(shard));
            Tensor loss;
            try {
              loss = objective.loss(replica, b, random.dropout(stepIndex, shard));
            } catch (NonFiniteLogitException e) {
              // the loss refuses NaN/infinite logits before it can become NaN itself: the same
              // divergence
              shardNonFinite[shard] = e;
              shardLoss[shard] = Double.NaN;
              return null;
            }
            Tensor weighted = loss.mul((double) b.tokens() / batchTokens);
            shardLoss[shard] = weighted.item();
            if (Double.isFinite(shardLoss[shard]) && weighted.requiresGrad()) {
              weighted.backward();
            }
            return null;
          });
    }
    Parallel.runAll(work, pool, "training");
    double loss = 0;
    for (double l : shardLoss) {
      loss += l;
    }
    grads.reduce(replicas, replicaParams);
    for (NonFiniteLogitException e : shardNonFinite) {
      if (e != null) {
        grads.clear();
        throw divergence(progress, "the logits are not finite (" + e.getMessage() + ")");
      }
    }
    if (!Double.isFinite(loss)) {
      grads.clear();
      throw divergence(progress, "the loss is " + loss);
    }
    return loss;
  }

  private static DivergenceException divergence(TrainingProgress p, String what) {
    return new DivergenceException(p.step() + 1, p.epoch(), p.batchInEpoch(), what);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
