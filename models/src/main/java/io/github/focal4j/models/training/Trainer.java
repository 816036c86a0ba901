package io.github.focal4j.models.training;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.NonFiniteLogitException;
import io.github.focal4j.models.Objective;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TokenClassifier;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of a {@link TokenClassifier}: epochs of shuffled batches, data-parallel
 * gradients, optional clipping, a learning-rate schedule, an optimizer, a dev evaluation per epoch
 * with early stopping, progress listeners, periodic checkpoints, resume, and a divergence guard.
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
 * <p><b>One step</b> ({@code DataParallelStep}). The batch's sentences, sorted by length (longest
 * first, ties by data order), are dealt round-robin to {@code shards} shards. Each shard runs
 * forward and backward on its own {@link TokenClassifier#replica() replica} (shared parameter
 * values, own gradients) with dropout drawn from {@link RandomSource#dropout(long, int)}, its loss
 * weighted by its share of the batch's tokens, so the sum over shards is the batch's mean loss per
 * token. Shards run on up to {@code threads} worker threads; their gradients are then summed in
 * shard order. Nothing depends on which thread ran what, so a run is reproducible bit for bit for a
 * given seed, whatever the thread count.
 *
 * <p><b>Divergence.</b> A NaN or infinite loss or gradient norm, or logits the loss refuses as
 * non-finite ({@link NonFiniteLogitException}), throws {@link DivergenceException} naming the step,
 * before the parameters are touched; the last checkpoint stays as it was.
 *
 * <p><b>Checkpoints and resume.</b> With {@link #checkpointTo(Path, int)}, every N steps, at the
 * end of each epoch and on {@link #requestStop()}, the whole state — model, trainer configuration,
 * optimizer moments, epoch, step, position in the epoch, early-stopping state ({@code
 * TrainingProgress}), best parameters — is written atomically to one file ({@link
 * CheckpointFormat}; sections {@code TRCF}, {@code OPTM}, {@code PROG}, {@code BEST} after the
 * model's, and {@code EMAV} with averaging). The data order and dropout streams are functions of
 * the seed and the counters, so {@link #resume(Path, Objective)} followed by {@link #fit} continues
 * exactly as if never interrupted.
 *
 * <p><b>Parameter averaging</b> ({@code ParameterAverage}). With {@link TrainerConfig#emaDecay()},
 * an exponential moving average of the parameters follows every step; it is what the dev evaluator
 * scores, what the best epoch keeps and what the model holds when {@link #fit} returns, while
 * training goes on from the raw parameters. A checkpoint holds both (section {@code EMAV}).
 *
 * <p><b>Early stopping</b> ({@code EarlyStopping}). When a dev evaluator is given, the model ends
 * with the parameters of its best epoch, and with a patience training stops after that many epochs
 * without a better dev score.
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final TokenClassifier model;
  private final Objective objective;
  private final TrainerConfig config;
  private final RandomSource random;
  private final EarlyStopping earlyStopping;
  private final List<String> names;
  private final List<Tensor> params;
  private final Optimizer optimizer;
  private final Optional<ParameterAverage> average;
  private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
  private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
  private Path checkpointFile;
  private OptionalInt checkpointEvery = OptionalInt.empty();
  private volatile boolean stopRequested;

  private TrainingProgress progress = TrainingProgress.start();
  private double[][]
      bestParams; // the parameters of progress.earlyStopping().best(), once there is one

  /**
   * @throws IllegalArgumentException if the objective does not fit the model's head
   */
  public Trainer(TokenClassifier model, Objective objective, TrainerConfig config) {
    Preconditions.checkArgument(
        model != null && objective != null && config != null, "null argument");
    Preconditions.checkArgument(
        objective.head() == model.config().head(),
        "the objective %s does not fit the %s head",
        objective,
        model.config().head());
    this.model = model;
    this.objective = objective;
    this.config = config;
    this.random = new RandomSource(config.seed());
    this.earlyStopping = new EarlyStopping(config.patience());
    Map<String, Tensor> named = model.namedParameters();
    this.names = List.copyOf(named.keySet());
    this.params = List.copyOf(named.values());
    this.optimizer = config.optimizer().create(params);
    this.average =
        config.emaDecay().isPresent()
            ? Optional.of(new ParameterAverage(config.emaDecay().getAsDouble(), params))
            : Optional.empty();
  }

  /**
   * Worker threads for shards and optimizer updates (default: min(2, processors)); results do not
   * depend on it.
   */
  public Trainer threads(int n) {
    Preconditions.checkArgument(n >= 1, "threads must be >= 1, got %s", n);
    this.threads = n;
    return this;
  }

  /**
   * Checkpoints the whole training state to {@code file} at the end of each epoch and on {@link
   * #requestStop()}.
   */
  public Trainer checkpointTo(Path file) {
    Preconditions.checkArgument(file != null, "checkpoint file must not be null");
    this.checkpointFile = file;
    this.checkpointEvery = OptionalInt.empty();
    return this;
  }

  /**
   * Checkpoints the whole training state to {@code file} every {@code everySteps} (≥ 1) steps, at
   * the end of each epoch and on {@link #requestStop()}.
   */
  public Trainer checkpointTo(Path file, int everySteps) {
    Preconditions.checkArgument(
        everySteps >= 1,
        "checkpoint interval must be >= 1 step, got %s (epoch ends only:" + " checkpointTo(file))",
        everySteps);
    checkpointTo(file);
    this.checkpointEvery = OptionalInt.of(everySteps);
    return this;
  }

  public Trainer addListener(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Asks a running {@link #fit} to stop after the current step (thread-safe, e.g. from a signal
   * handler); it writes a checkpoint if checkpointing is on and returns {@link
   * TrainingResult.Stop#STOP_REQUESTED}.
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
    return progress.step();
  }

  /**
   * Trains on {@code train} (labeled; empty sentences are skipped), from the current state.
   *
   * @param dev scores the model after each epoch, or null
   * @throws DivergenceException on a NaN/infinite loss, gradient or logit
   * @throws IllegalArgumentException if the data holds no tokens, a tag unknown to the model, or
   *     (after a resume) differs from the data the checkpoint was trained on
   * @throws UncheckedIOException if a checkpoint cannot be written
   */
  public TrainingResult fit(List<Sentence> train, DevEvaluator dev) {
    List<EncodedSentence> data = encode(train);
    long fp = fingerprint(data);
    Preconditions.checkArgument(
        progress.dataFingerprint().isEmpty() || progress.dataFingerprint().getAsLong() == fp,
        "the training data differs from the data this checkpoint was trained on (fingerprint %s vs %s)",
        Long.toHexString(fp),
        Long.toHexString(progress.dataFingerprint().orElse(0)));
    progress = progress.withDataFingerprint(fp);
    if (progress.earlyStopping().stopped()) {
      restoreBest(); // resumed from a checkpoint written after early stopping
      return result(TrainingResult.Stop.EARLY_STOPPED, 0, 0);
    }
    Batcher batcher = new Batcher(data.size(), config.batchSize());
    long totalSteps = (long) config.epochs() * batcher.batchesPerEpoch();
    model.train();
    long runTokens = 0;
    long runNanos = 0;
    try (DataParallelStep stepper =
        new DataParallelStep(model, objective, config, random, optimizer, names, params, threads)) {
      while (progress.epoch() < config.epochs()) {
        int[] order = batcher.shuffledOrder(random.shuffle(progress.epoch()));
        while (progress.batchInEpoch() < batcher.batchesPerEpoch()) {
          if (stopRequested) {
            saveCheckpoint();
            return result(TrainingResult.Stop.STOP_REQUESTED, runTokens, runNanos);
          }
          long t0 = System.nanoTime();
          TrainingProgress before = progress;
          DataParallelStep.Outcome done =
              stepper.run(data, batcher.batch(order, before.batchInEpoch()), before, totalSteps);
          progress = before.afterStep(done.loss(), done.tokens());
          average.ifPresent(ParameterAverage::update);
          runNanos += System.nanoTime() - t0;
          runTokens += done.tokens();
          if (!listeners.isEmpty()) {
            TrainingListener.Step event =
                new TrainingListener.Step(
                    before.epoch(),
                    before.batchInEpoch(),
                    batcher.batchesPerEpoch(),
                    progress.step(),
                    totalSteps,
                    done.loss(),
                    done.tokens(),
                    runTokens / (runNanos * 1e-9),
                    done.learningRate(),
                    done.gradientNorm());
            for (TrainingListener l : listeners) {
              l.onStep(event);
            }
          }
          if (checkpointFile != null
              && checkpointEvery.isPresent()
              && progress.step() % checkpointEvery.getAsInt() == 0) {
            saveCheckpoint();
          }
        }
        endEpoch(dev, runNanos > 0 ? runTokens / (runNanos * 1e-9) : 0);
        if (progress.earlyStopping().stopped()) {
          LOG.info(
              "early stopping after epoch {}: no dev improvement for {} epochs",
              progress.epoch(),
              progress.earlyStopping().badEpochs());
          break;
        }
      }
      if (bestParams != null) {
        restoreBest();
      } else {
        average.ifPresent(ParameterAverage::swap); // no dev: the model ends with the average
      }
      return result(
          progress.earlyStopping().stopped()
              ? TrainingResult.Stop.EARLY_STOPPED
              : TrainingResult.Stop.COMPLETED,
          runTokens,
          runNanos);
    }
  }

  /** The non-empty sentences, encoded. */
  private List<EncodedSentence> encode(List<Sentence> train) {
    List<Sentence> nonEmpty = new ArrayList<>();
    for (Sentence s : train) {
      if (s.size() > 0) {
        nonEmpty.add(s);
      }
    }
    Preconditions.checkArgument(!nonEmpty.isEmpty(), "the training data has no tokens");
    return new ArrayList<>(model.encoder().encodeAll(nonEmpty));
  }

  /**
   * Closes the epoch in progress: dev evaluation and early stopping, listeners, checkpoint; the
   * progress moves to the next epoch.
   */
  private void endEpoch(DevEvaluator dev, double tokensPerSecond) {
    int finished = progress.epoch();
    boolean improved = false;
    OptionalDouble devScore = OptionalDouble.empty();
    EarlyStopping.State after;
    if (dev != null) {
      average.ifPresent(ParameterAverage::swap);
      double score = dev.score(model, finished);
      devScore = OptionalDouble.of(score);
      model.train();
      improved = progress.earlyStopping().isImprovedBy(score);
      after = earlyStopping.afterEpoch(progress.earlyStopping(), finished, score);
      if (improved) {
        bestParams = copyParameters();
      }
      average.ifPresent(ParameterAverage::swap);
    } else {
      after = earlyStopping.afterEpochWithoutDev(progress.earlyStopping());
    }
    double meanLoss = progress.epochMeanLoss();
    progress = progress.nextEpoch(after);
    for (TrainingListener l : listeners) {
      l.onEpoch(
          new TrainingListener.Epoch(finished, meanLoss, devScore, improved, tokensPerSecond));
    }
    if (checkpointFile != null) {
      saveCheckpoint();
    }
  }

  private TrainingResult result(TrainingResult.Stop stop, long tokens, long nanos) {
    return new TrainingResult(
        stop,
        progress.epoch(),
        progress.step(),
        tokens,
        nanos * 1e-9,
        progress.earlyStopping().best());
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

  /**
   * Order-sensitive 64-bit hash of the encoded training data, to refuse resuming on other data;
   * never 0.
   */
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
    sections.put("PROG", TrainingProgressCodec.write(progress));
    if (bestParams != null) {
      sections.put("BEST", ModelFile.parameters(named(bestParams)));
    }
    if (average.isPresent() && average.get().started()) {
      sections.put("EMAV", ModelFile.parameters(named(average.get().values())));
    }
    try {
      CheckpointFormat.write(checkpointFile, sections);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write checkpoint " + checkpointFile + ": " + e.getMessage(), e);
    }
    for (TrainingListener l : listeners) {
      l.onCheckpoint(checkpointFile, progress.step());
    }
  }

  /**
   * A trainer in the state saved in {@code checkpoint} (model, configuration, optimizer, progress);
   * continue with {@link #fit} on the same training data. Checkpointing continues to the same file
   * at epoch ends only until {@link #checkpointTo} says otherwise.
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
    TrainingProgress progress = TrainingProgressCodec.read(p);
    if (progress.step() != t.optimizer.steps()) {
      throw p.malformed(
          "holds an inconsistent position (epoch "
              + progress.epoch()
              + ", batch "
              + progress.batchInEpoch()
              + ", step "
              + progress.step()
              + ", optimizer step "
              + t.optimizer.steps()
              + ")");
    }
    t.progress = progress;
    if (sections.containsKey("BEST")) {
      t.bestParams = t.readValues(checkpoint, sections, "BEST");
    }
    if (sections.containsKey("EMAV")) {
      if (t.average.isEmpty()) {
        throw new CheckpointException(
            checkpoint, "holds a parameter average (EMAV) but its configuration has no emaDecay");
      }
      t.average.get().restore(t.readValues(checkpoint, sections, "EMAV"));
    }
    t.checkpointFile = checkpoint;
    return t;
  }

  /** {@code values} (in parameter order) named and shaped like the parameters. */
  private Map<String, Tensor> named(double[][] values) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), Tensor.of(values[i], params.get(i).shape()));
    }
    return out;
  }

  /** A checkpoint's section of parameter values (written by {@link #named}), in parameter order. */
  private double[][] readValues(Path checkpoint, Map<String, byte[]> sections, String tag)
      throws CheckpointException {
    Map<String, Tensor> read = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      read.put(names.get(i), Tensor.zeros(params.get(i).shape()));
    }
    ModelFile.readParameters(checkpoint, sections, tag, read);
    double[][] out = new double[names.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = read.get(names.get(i)).buffer();
    }
    return out;
  }
}
