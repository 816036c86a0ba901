package io.github.focal4j.benchmarks.models;

import io.github.focal4j.loss.CrossEntropyLoss;
import io.github.focal4j.models.Objective;
import io.github.focal4j.models.RandomSource;
import io.github.focal4j.models.Tagger;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Sentence;
import io.github.focal4j.models.inference.FloatTagger;
import io.github.focal4j.models.ops.Precision;
import io.github.focal4j.models.training.Trainer;
import io.github.focal4j.models.training.TrainerConfig;
import io.github.focal4j.models.training.TrainingListener;
import io.github.focal4j.ner.data.ConllReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Training and inference throughput of the reference model ({@link
 * TokenClassifierConfig#reference()}, {@link TrainerConfig#reference()}: batches of 32 shuffled
 * sentences, Adam 1e-3) on CoNLL-2003 train — the Java half of
 * benchmarks/reference-side-by-side.sh, measured like benchmarks/pytorch/reference_tagger.py:
 * warm-up batches, then the time of the next batches; tokens are real (non-padding) tokens.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.github.focal4j.benchmarks.models.TrainThroughput \
 *       [--train FILE] [--threads 2] [--warmup-batches 30] [--batches 150] [--inference-sentences 3000] [--epoch] [--precision float64|float32]
 * </pre>
 *
 * {@code --epoch} trains one full epoch instead (for the memory measurement). Inference runs on the
 * same threads, in float32 ({@code FloatTagger}, PyTorch's default dtype; needs {@code
 * --add-modules jdk.incubator.vector}, as the launcher passes) and in float64. Prints {@code
 * key=value} lines.
 */
public final class TrainThroughput {

  public static void main(String[] args) throws Exception {
    Path train = Path.of("../shared/data/conll2003/train.txt");
    int threads = 2;
    int warmup = 30;
    int batches = 150;
    int inference = 3000;
    boolean epoch = false;
    Precision precision = Precision.FLOAT64;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--train" -> train = Path.of(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--warmup-batches" -> warmup = Integer.parseInt(args[++i]);
        case "--batches" -> batches = Integer.parseInt(args[++i]);
        case "--inference-sentences" -> inference = Integer.parseInt(args[++i]);
        case "--epoch" -> epoch = true;
        case "--precision" -> precision = Precision.valueOf(args[++i].toUpperCase(Locale.ROOT));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!Files.exists(train)) {
      System.err.println("no training data at " + train + " (use --train FILE)");
      System.exit(2);
    }
    List<Sentence> data =
        new ConllReader()
            .read(train).sentences().stream().map(s -> Sentence.of(s.tokens(), s.tags())).toList();
    TokenClassifierConfig mc = TokenClassifierConfig.reference();
    TrainerConfig tc = TrainerConfig.reference().toBuilder().epochs(1).precision(precision).build();
    Encoder encoder = TokenClassifier.fitEncoder(mc, data);
    TokenClassifier model = TokenClassifier.create(mc, encoder, new RandomSource(tc.seed()));
    System.out.printf(
        Locale.ROOT,
        "sentences=%d words=%d chars=%d tags=%d parameters=%d threads=%d precision=%s%n",
        data.size(),
        encoder.words().size(),
        encoder.chars().size(),
        encoder.tags().size(),
        model.parameterCount(),
        threads,
        tc.precision());

    Trainer trainer =
        new Trainer(model, Objective.tokenLoss(CrossEntropyLoss.multiClass().build()), tc)
            .threads(threads);
    int first = warmup;
    int last = epoch ? Integer.MAX_VALUE : warmup + batches;
    long[] t0 = {0};
    long[] tokens = {0};
    double[] elapsed = {0};
    trainer.addListener(
        new TrainingListener() {
          @Override
          public void onStep(Step s) {
            if (s.step() == first) {
              t0[0] = System.nanoTime();
            } else if (s.step() > first) {
              tokens[0] += s.tokens();
              elapsed[0] = (System.nanoTime() - t0[0]) * 1e-9;
            }
            if (s.step() >= last) {
              trainer.requestStop();
            }
          }
        });
    trainer.fit(data, null);
    System.out.printf(
        Locale.ROOT,
        "train_tokens=%d train_seconds=%.3f train_tokens_per_second=%.1f%n",
        tokens[0],
        elapsed[0],
        tokens[0] / elapsed[0]);

    List<List<String>> sentences =
        data.subList(0, Math.min(inference, data.size())).stream().map(Sentence::tokens).toList();
    // Inference on `threads` threads, as PyTorch's: float32 (PyTorch's default dtype) where the JVM
    // has the Vector API, and the model's own float64 path.
    if (FloatTagger.isSupported()) {
      printInference("inference", FloatTagger.of(model), sentences, threads);
    } else {
      System.err.println("no float32 path: " + FloatTagger.unsupportedReason().orElseThrow());
    }
    printInference("inference_float64", model, sentences, threads);
    System.out.printf(Locale.ROOT, "peak_rss_mib=%.1f%n", peakRssMib());
  }

  /** Tokens/s of {@code tagger} on the sentences, after a warm-up on the first 300 of them. */
  private static void printInference(
      String key, Tagger tagger, List<List<String>> sentences, int threads) {
    tagger.predict(sentences.subList(0, Math.min(300, sentences.size())), threads); // warm-up
    long n = sentences.stream().mapToLong(List::size).sum();
    long s0 = System.nanoTime();
    tagger.predict(sentences, threads);
    double sec = (System.nanoTime() - s0) * 1e-9;
    System.out.printf(
        Locale.ROOT,
        "%s_tokens=%d %s_seconds=%.3f %s_tokens_per_second=%.1f%n",
        key,
        n,
        key,
        sec,
        key,
        n / sec);
  }

  /** VmHWM of this process (Linux), or NaN. */
  static double peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (Exception e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
