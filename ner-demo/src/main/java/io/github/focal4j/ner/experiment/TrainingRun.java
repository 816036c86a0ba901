package io.github.focal4j.ner.experiment;

import io.github.focal4j.models.Objective;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import io.github.focal4j.models.training.DevEvaluator;
import io.github.focal4j.models.training.DivergenceException;
import io.github.focal4j.models.training.Trainer;
import io.github.focal4j.models.training.TrainingListener;
import io.github.focal4j.models.training.TrainingResult;
import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.eval.EvaluationResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One training run of the demo: fits a {@link TokenClassifier} on {@link NerData} with {@link
 * RunSettings}, scores the dev set during training (every {@code evalEvery} steps and at each epoch
 * end), and scores dev and test at the end.
 *
 * <pre>{@code
 * RunResult r = new TrainingRun(data, settings).threads(2).run();
 * r.test().f1();
 * }</pre>
 *
 * <p>Optional: checkpoints ({@link #checkpointTo}), resuming from one ({@link #resumeFrom}),
 * progress listeners, and {@link #requestStop()} from another thread (a signal handler), after
 * which {@link #run()} returns with {@link TrainingResult.Stop#STOP_REQUESTED} and a final
 * checkpoint. Not reusable: one run per instance.
 */
public final class TrainingRun {

  private final NerData data;
  private final RunSettings settings;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private int threads = 1;
  private Path checkpoint;
  private int checkpointEvery;
  private Path resumeFrom;
  private java.util.function.Consumer<DevPoint> devListener = p -> {};
  private volatile Trainer trainer;
  private volatile boolean stopRequested;

  /**
   * @param data the corpora; they are converted to the settings' tagging scheme
   */
  public TrainingRun(NerData data, RunSettings settings) {
    this.data = Objects.requireNonNull(data, "data").inScheme(settings.tagging());
    this.settings = settings;
  }

  /**
   * Worker threads of the trainer and of the dev and test evaluations (default 1); results do not
   * depend on it.
   */
  public TrainingRun threads(int n) {
    this.threads = n;
    return this;
  }

  public TrainingRun addListener(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /** Called with every dev score taken during training (on the training thread). */
  public TrainingRun onDevScore(java.util.function.Consumer<DevPoint> listener) {
    this.devListener = listener;
    return this;
  }

  /**
   * Checkpoints to {@code file} every {@code everySteps} steps (0: epoch ends only) and on stop.
   */
  public TrainingRun checkpointTo(Path file, int everySteps) {
    this.checkpoint = file;
    this.checkpointEvery = everySteps;
    return this;
  }

  /**
   * Continues the run saved in {@code file} (same data and settings) instead of starting afresh.
   */
  public TrainingRun resumeFrom(Path file) {
    this.resumeFrom = file;
    return this;
  }

  /**
   * Asks the run to stop after the current step (thread-safe); a checkpoint is written if
   * configured.
   */
  public void requestStop() {
    stopRequested = true;
    Trainer t = trainer;
    if (t != null) {
      t.requestStop();
    }
  }

  /**
   * Trains, then scores dev and test. The dev scores of the parameters the model ends with are
   * those taken at their epoch when there are any (the best epoch's, scored in this run), rather
   * than a second pass over dev.
   *
   * @throws io.github.focal4j.models.io.CheckpointException if the checkpoint to resume is invalid
   * @throws DivergenceException on a NaN or infinite loss, gradient or logit (the last checkpoint
   *     stays intact)
   * @throws IOException if the checkpoint cannot be read
   */
  public RunResult run() throws IOException {
    List<Sentence> train = ModelSentences.labeled(data.train());
    Trainer t;
    if (resumeFrom != null) {
      t =
          Trainer.resume(
              resumeFrom, objective(settings, lossFor(trainEncoderTags(resumeFrom), train)));
    } else {
      TokenClassifierConfig mc = settings.model();
      Encoder encoder = TokenClassifier.fitEncoder(mc, train);
      TokenClassifier model =
          TokenClassifier.create(mc, encoder, new RandomSource(settings.trainer().seed()));
      t =
          new Trainer(
              model,
              objective(settings, lossFor(encoder.tags().tags(), train)),
              settings.trainer());
    }
    t.threads(threads);
    if (checkpoint != null && checkpointEvery > 0) {
      t.checkpointTo(checkpoint, checkpointEvery);
    } else if (checkpoint != null) {
      t.checkpointTo(checkpoint); // this class's 0: epoch ends only
    }
    DevTracker tracker = new DevTracker(t.model(), data.dev());
    if (data.dev() != null) {
      t.addListener(tracker);
    }
    for (TrainingListener l : listeners) {
      t.addListener(l);
    }
    trainer = t;
    if (stopRequested) {
      t.requestStop();
    }
    DevEvaluator dev =
        data.dev() != null && settings.selection() == RunSettings.Selection.BEST_DEV_EPOCH
            ? tracker::epochScore
            : null;
    TrainingResult result = t.fit(train, dev);
    TokenClassifier model = t.model();
    EvaluationResult devResult =
        data.dev() == null
            ? null
            : tracker
                .heldBy(result)
                .orElseGet(() -> ModelEvaluation.evaluate(model, data.dev(), threads));
    EvaluationResult testResult =
        data.test() == null ? null : ModelEvaluation.evaluate(model, data.test(), threads);
    return new RunResult(settings, result, devResult, testResult, tracker.points(), model);
  }

  /**
   * The tag set stored in a checkpoint's model (to build a class-weighted loss before resuming).
   */
  private static List<String> trainEncoderTags(Path checkpoint) throws IOException {
    return io.github.focal4j.models.io.ModelFile.fromSections(
            checkpoint, io.github.focal4j.models.io.CheckpointFormat.read(checkpoint))
        .encoder()
        .tags()
        .tags();
  }

  private static Objective objective(RunSettings s, io.github.focal4j.loss.MultiClassLoss loss) {
    return s.mixesCrfMarginals()
        ? Objective.crf(loss, s.crfMix())
        : Objective.forHead(s.model().head(), loss);
  }

  private io.github.focal4j.loss.MultiClassLoss lossFor(List<String> tags, List<Sentence> train) {
    long[] counts = new long[tags.size()];
    java.util.Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < tags.size(); i++) {
      index.put(tags.get(i), i);
    }
    for (Sentence s : train) {
      for (String tag : s.tags()) {
        Integer i = index.get(tag);
        if (i != null) {
          counts[i]++;
        }
      }
    }
    return settings.loss().multiClass(tags, counts);
  }

  /** Dev F1 during training: every {@code evalEvery} steps and at each epoch end, once per step. */
  private final class DevTracker implements TrainingListener {
    private final TokenClassifier model;
    private final Corpus dev;
    private final List<DevPoint> points = new ArrayList<>();
    private final Map<Integer, EvaluationResult> epochResults = new HashMap<>();
    private long lastStep = -1;
    private EvaluationResult lastResult;

    DevTracker(TokenClassifier model, Corpus dev) {
      this.model = model;
      this.dev = dev;
    }

    @Override
    public void onStep(Step step) {
      if (settings.evalEvery() > 0 && step.step() % settings.evalEvery() == 0) {
        score(step.step(), step.epoch());
      }
    }

    @Override
    public void onEpoch(Epoch epoch) {
      if (settings.selection() == RunSettings.Selection.LAST) {
        score(trainer.step(), epoch.epoch());
      }
    }

    double epochScore(TokenClassifier m, int epoch) {
      double f1 = score(trainer.step(), epoch);
      epochResults.put(epoch, lastResult);
      return f1;
    }

    /**
     * The dev evaluation of the parameters the model holds after {@code fit}, if one was taken
     * during training: the best epoch's, when the trainer restored it (fit completed or stopped
     * early) and it was scored in this run (not before a resume). Evaluation is deterministic, so
     * scoring those parameters again would give the same result.
     */
    Optional<EvaluationResult> heldBy(TrainingResult result) {
      if (result.stop() == TrainingResult.Stop.STOP_REQUESTED || result.best().isEmpty()) {
        return Optional.empty();
      }
      return Optional.ofNullable(epochResults.get(result.best().get().epoch()));
    }

    private double score(long step, int epoch) {
      if (step != lastStep) {
        lastStep = step;
        lastResult = ModelEvaluation.evaluate(model, dev, threads);
        DevPoint p = new DevPoint(step, epoch, lastResult.f1());
        points.add(p);
        devListener.accept(p);
      }
      return lastResult.f1();
    }

    List<DevPoint> points() {
      return List.copyOf(points);
    }
  }
}
