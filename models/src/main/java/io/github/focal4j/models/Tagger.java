package io.github.focal4j.models;

import com.google.common.base.Preconditions;
import io.github.focal4j.models.data.Batch;
import io.github.focal4j.models.data.EncodedSentence;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Lengths;
import io.github.focal4j.models.data.Sentence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Tokenised sentences to tags: a trained {@link TokenClassifier} (float64, the scores training
 * reports) or its {@link io.github.focal4j.models.inference.FloatTagger} (float32, for throughput).
 * Both share {@link #predict(List, int)}, which batches, encodes and spreads the work over threads.
 */
public interface Tagger {

  /** Most sentences in a batch of {@link #predict(List, int)}. */
  int PREDICT_BATCH = 64;

  /**
   * Most tokens in a batch of {@link #predict(List, int)} (a longer sentence is a batch alone): it
   * bounds the work space of a batch of long sentences.
   */
  int PREDICT_BATCH_TOKENS = 1024;

  /** The vocabularies and tag set the model was trained with. */
  Encoder encoder();

  /**
   * A function from batches to their predicted tag ids, packed ({@link Batch#lengths()}), for use
   * by one thread at a time. Each call gives a new one; they may run concurrently.
   */
  Function<Batch, int[]> newBatchTagger();

  /**
   * Tags of tokenised sentences (empty sentences give empty lists), in their order. The sentences
   * are sorted by length and tagged in batches of consecutive ones in that order, up to {@value
   * #PREDICT_BATCH} sentences and {@value #PREDICT_BATCH_TOKENS} tokens, so that a batch's
   * sentences end at about the same step (the recurrent products then run on full blocks of rows
   * for most of their steps; the models README has the measurement); the batches are shared out
   * over {@code threads} threads, each with its own {@link #newBatchTagger()}. The tags do not
   * depend on the thread count or on which sentences share a batch.
   *
   * @param threads ≥ 1; more threads than batches are not started
   * @throws IllegalArgumentException for threads &lt; 1
   */
  default List<List<String>> predict(List<List<String>> sentences, int threads) {
    Preconditions.checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    Encoder encoder = encoder();
    int n = sentences.size();
    PredictBatches plan = PredictBatches.of(sentences, PREDICT_BATCH, PREDICT_BATCH_TOKENS);
    int[] order = plan.order();
    int[] starts = plan.starts();
    int batches = plan.count();
    @SuppressWarnings("unchecked")
    List<String>[] out = new List[n];
    AtomicInteger next = new AtomicInteger();
    // The loop only hands out batches: HotSpot compiles a loop that runs long inside one call on
    // the spot, with all it inlines, and it compiled this lambda five times over when the batch's
    // work was written out in it (C2 time the two tagging threads wait for at start-up)
    Callable<Void> worker =
        () -> {
          Function<Batch, int[]> tagger = newBatchTagger();
          for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
            tagBatch(sentences, order, starts[b], starts[b + 1], encoder, tagger, out);
          }
          return null;
        };
    int workers = Math.min(threads, batches);
    ExecutorService pool = workers > 1 ? Parallel.daemonPool(workers, "focal4j-predict") : null;
    try {
      Parallel.runAll(Collections.nCopies(Math.max(1, workers), worker), pool, "prediction");
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return List.of(out);
  }

  /**
   * Tags the sentences {@code order[from .. to)} as one batch into {@code out}, at their indices in
   * {@code sentences}.
   */
  private static void tagBatch(
      List<List<String>> sentences,
      int[] order,
      int from,
      int to,
      Encoder encoder,
      Function<Batch, int[]> tagger,
      List<String>[] out) {
    List<EncodedSentence> chunk = new ArrayList<>(to - from);
    for (int k = from; k < to; k++) {
      chunk.add(encoder.encode(Sentence.unlabeled(sentences.get(order[k]))));
    }
    Batch batch = encoder.batch(chunk);
    int[] ids = tagger.apply(batch);
    for (int k = from; k < to; k++) {
      out[order[k]] = tagsOf(ids, batch.lengths(), k - from, encoder);
    }
  }

  /** The tags of row {@code row} of a batch, from its packed predicted ids. */
  private static List<String> tagsOf(int[] ids, Lengths lengths, int row, Encoder encoder) {
    String[] tags = new String[lengths.length(row)];
    int offset = lengths.offset(row);
    for (int t = 0; t < tags.length; t++) {
      tags[t] = encoder.tags().tag(ids[offset + t]);
    }
    return List.of(tags);
  }
}
