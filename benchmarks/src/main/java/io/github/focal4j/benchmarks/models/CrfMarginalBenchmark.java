package io.github.focal4j.benchmarks.models;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.FocalLoss;
import io.github.focal4j.loss.MultiClassLoss;
import io.github.focal4j.models.Objective;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.TagConstraints;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.data.Batch;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Lengths;
import io.github.focal4j.models.data.Sentence;
import io.github.focal4j.models.ops.CrfMarginals;
import io.github.focal4j.models.ops.CrfNll;
import io.github.focal4j.models.ops.TransitionMask;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CRF head's training step with a loss of its marginals ({@link Objective#crf}) against the
 * likelihood alone, at the shapes of {@code --preset conll}: batches of 16 sentences of
 * CoNLL-2003-like lengths (1 to 40 tokens, mean about 14), 17 BIOES tags (4 entity types) with
 * BIOES constraints. One invocation is one forward and backward pass.
 *
 * <ul>
 *   <li>{@code headNll}: {@link CrfNll} alone (the likelihood's step);
 *   <li>{@code headMarginalFocal}: {@link CrfMarginals} + focal (γ = 2) on the log-marginals (μ =
 *       0);
 *   <li>{@code headMixedFocal}: μ = 0.5, both terms from one forward–backward pass ({@link
 *       CrfMarginals#applyWithLikelihood}), as {@code Objective.crf(focal, 0.5)} computes them;
 *       {@code headMixedFocalTwoOps}: the same with {@link CrfNll} and {@link CrfMarginals} run
 *       apart;
 *   <li>{@code modelNll} / {@code modelMixedFocal}: the whole training step of the conll model
 *       (words 100, char CNN 30×50, casing 8, BiLSTM 200+200, CRF) on one batch, through {@link
 *       Objective} — the figure the target (≤ 1.5× the likelihood's step) is about.
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar CrfMarginalBenchmark -f 1 -wi 10 -i 10}
 * (the marginal op's first iterations are several times slower until the JIT has compiled its
 * recursions: keep the ten warm-up iterations; {@code -prof gc} shows its saved weights, about 1.8
 * MB per step at these shapes); a smoke run: {@code ... CrfMarginalBenchmark -f 1 -wi 1 -i 1 -w 1s
 * -r 1s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class CrfMarginalBenchmark {

  private static final String[] TYPES = {"PER", "LOC", "ORG", "MISC"};
  private static final int BATCH = 16;

  private final MultiClassLoss focal = FocalLoss.multiClass().gamma(2).build();
  private Lengths lengths;
  private int[] tags;
  private IntTensor tagTensor;
  private TransitionMask mask;
  private Tensor emissions;
  private Tensor transitions;
  private Tensor start;
  private Tensor end;
  private TokenClassifier model;
  private Batch batch;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(2026);
    List<String> tagNames = new ArrayList<>(List.of("O"));
    for (String t : TYPES) {
      for (String p : new String[] {"B-", "I-", "E-", "S-"}) {
        tagNames.add(p + t);
      }
    }
    int c = tagNames.size();
    mask = TransitionMask.bioes(tagNames);
    List<Sentence> sentences = new ArrayList<>();
    for (int b = 0; b < BATCH; b++) {
      sentences.add(sentence(rng, 1 + rng.nextInt(27) + rng.nextInt(14)));
    }
    int[] lens = sentences.stream().mapToInt(s -> s.tokens().size()).toArray();
    lengths = Lengths.of(lens);
    Encoder encoder = Encoder.builder().lowercaseWords().fit(sentences);
    batch = encoder.batch(encoder.encodeAll(sentences));
    tags = batch.packedTagIds().buffer().clone();
    int n = lengths.total();
    emissions = Tensor.uniform(rng, -2, 2, n, c).requiresGrad(true);
    transitions = Tensor.uniform(rng, -0.5, 0.5, c, c).requiresGrad(true);
    start = Tensor.uniform(rng, -0.5, 0.5, c).requiresGrad(true);
    end = Tensor.uniform(rng, -0.5, 0.5, c).requiresGrad(true);
    // Remap the encoder's tag ids onto this op-level tag order (both are BIOES sequences, so any
    // valid one).
    List<String> encoderTags = encoder.tags().tags();
    for (int i = 0; i < tags.length; i++) {
      tags[i] = tagNames.indexOf(encoderTags.get(tags[i]));
    }
    tagTensor = IntTensor.of(tags, tags.length);
    TokenClassifierConfig config =
        TokenClassifierConfig.builder()
            .wordDim(100)
            .minWordCount(1)
            .charCnn(30, 50, 3)
            .casingDim(8)
            .hiddenSize(200)
            .dropout(0.5)
            .crfHead(TagConstraints.BIOES)
            .build();
    model = TokenClassifier.create(config, encoder, new RandomSource(1));
  }

  /** A sentence of random words with a valid BIOES tagging. */
  private static Sentence sentence(SplittableRandom rng, int len) {
    List<String> tokens = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    int t = 0;
    while (t < len) {
      int span = rng.nextInt(6) == 0 ? Math.min(len - t, 1 + rng.nextInt(3)) : 0;
      if (span == 0) {
        tokens.add("w" + rng.nextInt(500));
        tags.add("O");
        t++;
        continue;
      }
      String type = TYPES[rng.nextInt(TYPES.length)];
      for (int k = 0; k < span; k++) {
        tokens.add("E" + rng.nextInt(300));
        tags.add((span == 1 ? "S-" : k == 0 ? "B-" : k == span - 1 ? "E-" : "I-") + type);
      }
      t += span;
    }
    return Sentence.of(tokens, tags);
  }

  private void zeroGrads() {
    emissions.zeroGrad();
    transitions.zeroGrad();
    start.zeroGrad();
    end.zeroGrad();
  }

  private Tensor nll() {
    return CrfNll.apply(emissions, lengths, tags, transitions, start, end, mask)
        .sum()
        .div(lengths.total());
  }

  private Tensor marginalFocal() {
    Tensor logits =
        CrfMarginals.apply(emissions, lengths, transitions, start, end, mask)
            .maximum(Tensor.scalar(Objective.CrfMarginal.IMPOSSIBLE_LOGIT));
    return focal.apply(logits, tagTensor);
  }

  @Benchmark
  public double headNll() {
    zeroGrads();
    Tensor l = nll();
    l.backward();
    return emissions.gradBuffer()[0];
  }

  @Benchmark
  public double headMarginalFocal() {
    zeroGrads();
    Tensor l = marginalFocal();
    l.backward();
    return emissions.gradBuffer()[0];
  }

  @Benchmark
  public double headMixedFocal() {
    zeroGrads();
    CrfMarginals.WithLikelihood both =
        CrfMarginals.applyWithLikelihood(emissions, lengths, tags, transitions, start, end, mask);
    Tensor logits =
        both.logMarginals().maximum(Tensor.scalar(Objective.CrfMarginal.IMPOSSIBLE_LOGIT));
    Tensor l =
        both.nll().sum().div(lengths.total()).mul(0.5).add(focal.apply(logits, tagTensor).mul(0.5));
    l.backward();
    return emissions.gradBuffer()[0];
  }

  @Benchmark
  public double headMixedFocalTwoOps() {
    zeroGrads();
    Tensor l = nll().mul(0.5).add(marginalFocal().mul(0.5));
    l.backward();
    return emissions.gradBuffer()[0];
  }

  @Benchmark
  public double modelNll() {
    return modelStep(Objective.crfLikelihood());
  }

  @Benchmark
  public double modelMixedFocal() {
    return modelStep(Objective.crf(focal, 0.5));
  }

  private double modelStep(Objective objective) {
    model.zeroGrad();
    Tensor l = objective.loss(model, batch, new SplittableRandom(7));
    l.backward();
    return l.item();
  }
}
