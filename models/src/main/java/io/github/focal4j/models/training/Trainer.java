package io.github.focal4j.models.training;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.NonFiniteLogitException;
import io.github.focal4j.models.Objective;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.data.Batch;
import io.github.focal4j.models.data.Batcher;
import io.github.focal4j.models.data.EncodedSentence;
import io.github.focal4j.models.data.Sentence;
import io.github.focal4j.models.io.CheckpointException;
import io.github.focal4j.models.io.CheckpointFormat;
import io.github.focal4j.models.io.ModelFile;
import io.github.focal4j.models.io.SectionReader;
import io.github.focal4j.models.io.SectionWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of a {@link TokenClassifier}: epochs of shuffled batches, data-parallel gradients,
 * optional clipping, a learning-rate schedule, an optimizer, a dev evaluation per epoch with early stopping,
 * progress listeners, periodic checkpoints, resume, and a divergence guard.
 *
 * <pre>{@code
 * TrainerConfig tc = TrainerConfig.builder().epochs(20).patience(5).seed(7).build();
 * TokenClassifier model = TokenClassifier.create(modelConfig, encoder, new RandomSource(tc.seed()));
 * Trainer trainer = new Trainer(model, Objective.tokenLoss(loss), tc).threads(2)
 *     .checkpointTo(Path.of("run/training.ckpt"), 500)
 *     .addListener(new TrainingListener() { ... });
 * TrainingResult r = trainer.fit(trainSentences, (m, epoch) -> conllF1(m.predict(devTokens), devTags));
 * // after a crash:  Trainer.resume(Path.of("run/training.ckpt"), Objective.tokenLoss(loss)).fit(trainSentences, dev)
 * }</pre>
 *
 * <p><b>One step.</b> The batch's sentences, sorted by length (longest first, ties by data order), are dealt
 * round-robin to {@code shards} shards. Each shard runs forward and backward on its own
 * {@link TokenClassifier#replica() replica} (shared parameter values, own gradients) with dropout drawn from
 * {@link RandomSource#dropout(long, int)}, its loss weighted by its share of the batch's tokens, so the sum
 * over shards is the batch's mean loss per token. Shards run on up to {@code threads} worker threads; their
 * gradients are then summed in shard order. Nothing depends on which thread ran what, so a run is
 * reproducible bit for bit for a given seed, whatever the thread count.
 *
 * <p><b>Divergence.</b> A NaN or infinite loss or gradient norm, or logits the loss refuses as non-finite
 * ({@link NonFiniteLogitException}), throws {@link DivergenceException} naming the step, before the parameters
 * are touched; the last checkpoint stays as it was.
 *
 * <p><b>Checkpoints and resume.</b> With {@link #checkpointTo(Path, int)}, every N steps, at the end of each
 * epoch and on {@link #requestStop()}, the whole state — model, trainer configuration, optimizer moments,
 * epoch, step, position in the epoch, early-stopping state, best parameters — is written atomically to one
 * file ({@link CheckpointFormat}; sections {@code TRCF}, {@code OPTM}, {@code PROG}, {@code BEST} after the
 * model's). The data order and dropout streams are functions of the seed and the counters, so
 * {@link #resume(Path, Objective)} followed by {@link #fit} continues exactly as if never interrupted.
 *
 * <p>When a dev evaluator is given, the model ends with the parameters of its best epoch.
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final TokenClassifier model;
  private final Objective objective;
  private final TrainerConfig config;
  private final RandomSource random;
  private final List<String> names;
  private final List<Tensor> params;
  private final Optimizer optimizer;
  private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
  private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
  private Path checkpointFile;
  private int checkpointEvery;
  private volatile boolean stopRequested;

  // Progress: everything a checkpoint must carry besides parameters and optimizer state.
  private int epoch;
  private int batchInEpoch;
  private long step;
  private double bestScore = Double.NaN;
  private int bestEpoch = -1;
  private int badEpochs;
  private boolean earlyStopped;
  private long dataFingerprint;
  private double epochLossSum;
  private long epochTokens;
  private double[][] bestParams;

  /**
   * @throws IllegalArgumentException if the objective does not fit the model's head
   */
  public Trainer(TokenClassifier model, Objective objective, TrainerConfig config) {
    Preconditions.checkArgument(model != null && objective != null && config != null, "null argument");
    Preconditions.checkArgument(objective.head() == model.config().head(),
        "the objective %s does not fit the %s head", objective, model.config().head());
    this.model = model;
    this.objective = objective;
    this.config = config;
    this.random = new RandomSource(config.seed());
    Map<String, Tensor> named = model.namedParameters();
    this.names = List.copyOf(named.keySet());
    this.params = List.copyOf(named.values());
    this.optimizer = config.optimizer().create(params);
  }

  /** Worker threads for shards and optimizer updates (default: min(2, processors)); results do not depend on it. */
  public Trainer threads(int n) {
    Preconditions.checkArgument(n >= 1, "threads must be >= 1, got %s", n);
    this.threads = n;
    return this;
  }

  /**
   * Checkpoints the whole training state to {@code file} every {@code everySteps} steps (0: only at epoch ends
   * and on {@link #requestStop()}).
   */
  public Trainer checkpointTo(Path file, int everySteps) {
    Preconditions.checkArgument(file != null, "checkpoint file must not be null");
    Preconditions.checkArgument(everySteps >= 0, "checkpoint interval must be >= 0, got %s", everySteps);
    this.checkpointFile = file;
    this.checkpointEvery = everySteps;
    return this;
  }

  public Trainer addListener(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Asks a running {@link #fit} to stop after the current step (thread-safe, e.g. from a signal handler); it
   * writes a checkpoint if checkpointing is on and returns {@link TrainingResult.Stop#STOP_REQUESTED}.
   */
  public void requestStop() {
    stopRequested = true;
  }

  public TokenClassifier model() {
    return model;
  }

  public TrainerConfig config() {
    return config;
  }

  /** Optimisation steps done so far (including before a resume). */
  public long step() {
    return step;
  }

  /**
   * Trains on {@code train} (labeled; empty sentences are skipped), from the current state.
   *
   * @param dev scores the model after each epoch, or null
   * @throws DivergenceException on a NaN/infinite loss, gradient or logit
   * @throws IllegalArgumentException if the data holds no tokens, a tag unknown to the model, or (after a
   *     resume) differs from the data the checkpoint was trained on
   * @throws UncheckedIOException if a checkpoint cannot be written
   */
  public TrainingResult fit(List<Sentence> train, DevEvaluator dev) {
    List<EncodedSentence> data = new ArrayList<>();
    List<Sentence> nonEmpty = new ArrayList<>();
    for (Sentence s : train) {
      if (s.size() > 0) {
        nonEmpty.add(s);
      }
    }
    Preconditions.checkArgument(!nonEmpty.isEmpty(), "the training data has no tokens");
    data.addAll(model.encoder().encodeAll(nonEmpty));
    long fp = fingerprint(data);
    Preconditions.checkArgument(dataFingerprint == 0 || dataFingerprint == fp,
        "the training data differs from the data this checkpoint was trained on (fingerprint %s vs %s)",
        Long.toHexString(fp), Long.toHexString(dataFingerprint));
    dataFingerprint = fp;
    if (earlyStopped) {
      restoreBest(); // resumed from a checkpoint written after early stopping
      return result(TrainingResult.Stop.EARLY_STOPPED, 0, 0);
    }
    Batcher batcher = new Batcher(data.size(), config.batchSize());
    long totalSteps = (long) config.epochs() * batcher.batchesPerEpoch();
    model.train();
    List<TokenClassifier> replicas = new ArrayList<>();
    List<List<Tensor>> replicaParams = new ArrayList<>();
    for (int s = 0; s < config.shards(); s++) {
      TokenClassifier r = model.replica();
      replicas.add(r);
      replicaParams.add(r.parameters());
    }
    ShardGradients grads = new ShardGradients(names, params);
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "focal4j-trainer");
      t.setDaemon(true);
      return t;
    }) : null;
    long runTokens = 0;
    long runNanos = 0;
    try {
      while (epoch < config.epochs()) {
        int[] order = batcher.shuffledOrder(random.shuffle(epoch));
        while (batchInEpoch < batcher.batchesPerEpoch()) {
          if (stopRequested) {
            saveCheckpoint();
            return result(TrainingResult.Stop.STOP_REQUESTED, runTokens, runNanos);
          }
          long t0 = System.nanoTime();
          int[] idx = batcher.batch(order, batchInEpoch);
          TrainingListener.Step done = trainStep(data, idx, replicas, replicaParams, grads, pool, totalSteps);
          runNanos += System.nanoTime() - t0;
          runTokens += done.tokens();
          if (!listeners.isEmpty()) {
            TrainingListener.Step event = new TrainingListener.Step(done.epoch(), done.batch(),
                batcher.batchesPerEpoch(), done.step(), totalSteps, done.loss(), done.tokens(),
                runTokens / (runNanos * 1e-9), done.learningRate(), done.gradientNorm());
            for (TrainingListener l : listeners) {
              l.onStep(event);
            }
          }
          if (checkpointFile != null && checkpointEvery > 0 && step % checkpointEvery == 0) {
            saveCheckpoint();
          }
        }
        boolean improved = false;
        double score = Double.NaN;
        if (dev != null) {
          score = dev.score(model, epoch);
          model.train();
          improved = Double.isNaN(bestScore) || score > bestScore;
          if (improved) {
            bestScore = score;
            bestEpoch = epoch;
            badEpochs = 0;
            bestParams = copyParameters();
          } else {
            badEpochs++;
          }
        }
        double meanLoss = epochTokens == 0 ? Double.NaN : epochLossSum / epochTokens;
        int finished = epoch;
        epoch++;
        batchInEpoch = 0;
        epochLossSum = 0;
        epochTokens = 0;
        earlyStopped = dev != null && config.patience() > 0 && badEpochs >= config.patience();
        double tps = runNanos > 0 ? runTokens / (runNanos * 1e-9) : 0;
        for (TrainingListener l : listeners) {
          l.onEpoch(new TrainingListener.Epoch(finished, meanLoss, score, improved, tps));
        }
        if (checkpointFile != null) {
          saveCheckpoint();
        }
        if (earlyStopped) {
          LOG.info("early stopping after epoch {}: no dev improvement for {} epochs", finished + 1, badEpochs);
          break;
        }
      }
      restoreBest();
      return result(earlyStopped ? TrainingResult.Stop.EARLY_STOPPED : TrainingResult.Stop.COMPLETED, runTokens,
          runNanos);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /** One optimisation step; returns its figures (throughput and batches per epoch left to the caller). */
  private TrainingListener.Step trainStep(List<EncodedSentence> data, int[] idx, List<TokenClassifier> replicas,
      List<List<Tensor>> replicaParams, ShardGradients grads, ExecutorService pool, long totalSteps) {
    int shards = config.shards();
    Integer[] sorted = new Integer[idx.length];
    for (int i = 0; i < idx.length; i++) {
      sorted[i] = i;
    }
    java.util.Arrays.sort(sorted, Comparator.comparingInt((Integer i) -> -data.get(idx[i]).size())
        .thenComparingInt(i -> i));
    List<List<EncodedSentence>> parts = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      parts.add(new ArrayList<>());
    }
    int tokens = 0;
    for (int k = 0; k < sorted.length; k++) {
      EncodedSentence e = data.get(idx[sorted[k]]);
      parts.get(k % shards).add(e);
      tokens += e.size();
    }
    double[] shardLoss = new double[shards];
    NonFiniteLogitException[] shardNonFinite = new NonFiniteLogitException[shards];
    List<Callable<Void>> work = new ArrayList<>();
    long stepIndex = step;
    int batchTokens = tokens;
    for (int s = 0; s < shards; s++) {
      if (parts.get(s).isEmpty()) {
        continue;
      }
      int shard = s;
      work.add(() -> {
        TokenClassifier replica = replicas.get(shard);
        Batch b = Batch.of(parts.get(shard));
        Tensor loss;
        try {
          loss = objective.loss(replica, b, random.dropout(stepIndex, shard));
        } catch (NonFiniteLogitException e) {
          // the loss refuses NaN/infinite logits before it can become NaN itself: the same divergence
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
    run(work, pool);
    double loss = 0;
    for (double l : shardLoss) {
      loss += l;
    }
    grads.reduce(replicas, replicaParams);
    for (NonFiniteLogitException e : shardNonFinite) {
      if (e != null) {
        grads.clear();
        throw new DivergenceException(step + 1, epoch, batchInEpoch, "the logits are not finite (" + e.getMessage()
            + ")");
      }
    }
    if (!Double.isFinite(loss)) {
      grads.clear();
      throw new DivergenceException(step + 1, epoch, batchInEpoch, "the loss is " + loss);
    }
    double norm = grads.norm();
    if (!Double.isFinite(norm)) {
      grads.clear();
      throw new DivergenceException(step + 1, epoch, batchInEpoch, "the gradient norm is " + norm);
    }
    if (config.clipNorm() > 0) {
      double coef = GradientClipping.coefficient(norm, config.clipNorm());
      if (coef < 1) {
        grads.scale(coef);
      }
    }
    double lr = config.optimizer().learningRate() * config.schedule().factor(step, totalSteps);
    optimizer.beginStep();
    run(grads.updateTasks(optimizer, lr, pool == null ? 1 : threads), pool);
    grads.clear();
    step++;
    int batch = batchInEpoch++;
    epochLossSum += loss * tokens;
    epochTokens += tokens;
    return new TrainingListener.Step(epoch, batch, 0, step, totalSteps, loss, tokens, Double.NaN, lr, norm);
  }

  private static void run(List<Callable<Void>> tasks, ExecutorService pool) {
    if (pool == null || tasks.size() <= 1) {
      for (Callable<Void> t : tasks) {
        try {
          t.call();
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return;
    }
    try {
      List<Future<Void>> fs = pool.invokeAll(tasks);
      for (Future<Void> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("training interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private TrainingResult result(TrainingResult.Stop stop, long tokens, long nanos) {
    return new TrainingResult(stop, epoch, step, tokens, nanos * 1e-9, bestScore, bestEpoch);
  }

  private double[][] copyParameters() {
    double[][] out = new double[params.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = params.get(i).buffer().clone();
    }
    return out;
  }

  private void restoreBest() {
    if (bestParams != null) {
      for (int i = 0; i < bestParams.length; i++) {
        System.arraycopy(bestParams[i], 0, params.get(i).buffer(), 0, bestParams[i].length);
      }
    }
  }

  /** Order-sensitive 64-bit hash of the encoded training data, to refuse resuming on other data. */
  private static long fingerprint(List<EncodedSentence> data) {
    long h = 0x9E3779B97F4A7C15L ^ data.size();
    for (EncodedSentence s : data) {
      for (int[] a : new int[][] {s.words(), s.chars(), s.tags()}) {
        for (int v : a) {
          h = (h ^ v) * 0x100000001B3L;
        }
        h = Long.rotateLeft(h, 17) + a.length;
      }
    }
    return h == 0 ? 1 : h;
  }

  // ------------------------------------------------------------------ checkpoints

  /** Writes the whole training state now (requires {@link #checkpointTo}). */
  public void saveCheckpoint() {
    if (checkpointFile == null) {
      return;
    }
    Map<String, byte[]> sections = new LinkedHashMap<>(ModelFile.sections(model));
    sections.put("TRCF", TrainerConfigCodec.write(config));
    SectionWriter opt = new SectionWriter();
    optimizer.save(opt);
    sections.put("OPTM", opt.toByteArray());
    sections.put("PROG", new SectionWriter().writeInt(epoch).writeInt(batchInEpoch).writeLong(step)
        .writeDouble(bestScore).writeInt(bestEpoch).writeInt(badEpochs).writeBoolean(earlyStopped)
        .writeLong(dataFingerprint).writeDouble(epochLossSum).writeLong(epochTokens).toByteArray());
    if (bestParams != null) {
      Map<String, Tensor> best = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        best.put(names.get(i), Tensor.of(bestParams[i], params.get(i).shape()));
      }
      sections.put("BEST", ModelFile.parameters(best));
    }
    try {
      CheckpointFormat.write(checkpointFile, sections);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + checkpointFile + ": " + e.getMessage(), e);
    }
    for (TrainingListener l : listeners) {
      l.onCheckpoint(checkpointFile, step);
    }
  }

  /**
   * A trainer in the state saved in {@code checkpoint} (model, configuration, optimizer, progress); continue
   * with {@link #fit} on the same training data. Checkpointing continues to the same file with interval 0
   * until {@link #checkpointTo} says otherwise.
   *
   * @param objective the training objective (losses are code, not data, so they are passed again)
   * @throws CheckpointException if the file is not a valid training checkpoint
   */
  public static Trainer resume(Path checkpoint, Objective objective) throws IOException {
    Map<String, byte[]> sections = CheckpointFormat.read(checkpoint);
    TokenClassifier model = ModelFile.fromSections(checkpoint, sections);
    TrainerConfig config = TrainerConfigCodec.read(SectionReader.of(checkpoint, sections, "TRCF"));
    Trainer t;
    try {
      t = new Trainer(model, objective, config);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(checkpoint, "cannot resume: " + e.getMessage(), e);
    }
    t.optimizer.load(SectionReader.of(checkpoint, sections, "OPTM"));
    SectionReader p = SectionReader.of(checkpoint, sections, "PROG");
    t.epoch = p.readInt();
    t.batchInEpoch = p.readInt();
    t.step = p.readLong();
    t.bestScore = p.readDouble();
    t.bestEpoch = p.readInt();
    t.badEpochs = p.readInt();
    t.earlyStopped = p.readBoolean();
    t.dataFingerprint = p.readLong();
    t.epochLossSum = p.readDouble();
    t.epochTokens = p.readLong();
    p.expectEnd();
    if (t.epoch < 0 || t.batchInEpoch < 0 || t.step < 0 || t.step != t.optimizer.steps()) {
      throw p.malformed("holds an inconsistent position (epoch " + t.epoch + ", batch " + t.batchInEpoch + ", step "
          + t.step + ", optimizer step " + t.optimizer.steps() + ")");
    }
    if (sections.containsKey("BEST")) {
      Map<String, Tensor> best = new LinkedHashMap<>();
      for (int i = 0; i < t.names.size(); i++) {
        best.put(t.names.get(i), Tensor.zeros(t.params.get(i).shape()));
      }
      ModelFile.readParameters(checkpoint, sections, "BEST", best);
      t.bestParams = new double[t.names.size()][];
      for (int i = 0; i < t.names.size(); i++) {
        t.bestParams[i] = best.get(t.names.get(i)).buffer();
      }
    }
    t.checkpointFile = checkpoint;
    return t;
  }
}
