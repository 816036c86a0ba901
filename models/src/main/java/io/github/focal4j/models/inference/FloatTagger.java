package io.github.focal4j.models.inference;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Head;
import io.github.focal4j.models.Tagger;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.TokenClassifierConfig;
import io.github.focal4j.models.data.Batch;
import io.github.focal4j.models.data.Encoder;
import io.github.focal4j.models.data.Lengths;
import io.github.focal4j.models.lanes.FloatLanes;
import io.github.focal4j.models.lanes.VectorSupport;
import io.github.focal4j.models.layers.Crf;
import io.github.focal4j.models.ops.ArgMax;
import io.github.focal4j.models.ops.RunningSentences;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * A trained {@link TokenClassifier}'s forward pass in float32 on the Vector API, for tagging
 * throughput: the same tags as the model's own float64 {@link TokenClassifier#predictIds} on all
 * but the rarest near-ties (the tests hold it to ≥ 99.99 % of tokens), at a fraction of the cost.
 *
 * <p>What it computes differently (all exact in real arithmetic):
 *
 * <ul>
 *   <li>The word embedding's share of the LSTM input projection, plus its bias, is precomputed for
 *       every vocabulary word ({@code [V, 8H]} floats, both directions) when that table fits a
 *       quarter of the heap, as is the casing embedding's; then only the character features are
 *       multiplied per token.
 *   <li>The character convolution uses per-character tables of the filter taps, so a position costs
 *       {@code width} vector adds.
 *   <li>A token's whole input row (word, casing and character shares) is kept the first time it is
 *       computed ({@link InputRowCache}), so a token met again costs a copy.
 *   <li>Matrix products are register-blocked fused multiply-adds on weights laid out once as column
 *       panels ({@link FloatLanes#panels}); σ and tanh use a polynomial exp (the same bits on every
 *       run); widths are padded to whole vectors with zero weights.
 *   <li>The CRF head's Viterbi runs on the model's own float64 decoder.
 * </ul>
 *
 * <p>Thread-safe, and a snapshot of the model's parameters when it was made (later training of the
 * model does not change it); its only changing state is that cache, whose rows are the ones it
 * would compute. Needs the Vector API: see {@link #isSupported()}.
 */
public final class FloatTagger implements Tagger {

  private final Encoder encoder;
  private final Optional<Crf> crf;
  private final int hidden;
  private final int hp;
  private final int gates;
  private final int wordDim;
  private final float[] wordEmbedding;
  private final float[] wordWeightsT;
  // wordWeightsT's rows as arrays, for wordRow: building the table from them ran twice as fast
  // (before C2 compiles it) as indexing the flat matrix, which the per-token product needs
  private final float[][] wordWeightRows;
  private final float[] biasRow;
  private final Optional<Future<float[]>> wordTable;
  private final Optional<float[]> casingTable;
  private final Optional<CharPart> chars;
  private final float[][] recurrentPanels;
  private final int classes;
  private final int cp;
  private final float[] outputPanels;
  private final float[] outputBias;
  private final Optional<InputRowCache> rowCache;

  /**
   * The character CNN as tables: taps {@code [width][vocab][fp]}, bias {@code [fp]}, projection
   * {@code [filters, 8hp]} as panels.
   */
  private record CharPart(
      float[] taps, int vocab, int width, int filters, int fp, float[] bias, float[] projection) {}

  private FloatTagger(
      TokenClassifier model,
      long tableBudgetBytes,
      long cacheBudgetBytes,
      Function<Callable<float[]>, Future<float[]>> tableBuilder) {
    TokenClassifierConfig config = model.config();
    Map<String, Tensor> p = model.namedParameters();
    this.encoder = model.encoder();
    this.crf = config.head() == Head.CRF ? Optional.of(snapshot(model.crf())) : Optional.empty();
    this.hidden = config.hiddenSize();
    this.hp = FloatLanes.roundUp(hidden);
    this.gates = 4 * hp;
    int both = 2 * gates;
    int wordDim = config.wordDim();
    int charDim = config.charFeatures().map(TokenClassifierConfig.CharFeatures::filters).orElse(0);
    double[][] wih = {
      param(p, "lstm.forward.weightIh").buffer(), param(p, "lstm.backward.weightIh").buffer()
    };
    double[][] bias = {
      param(p, "lstm.forward.bias").buffer(), param(p, "lstm.backward.bias").buffer()
    };
    int d = config.featureSize();

    // Word share of the input projection, bias folded in: table[v] = W_ih[:, words]·emb[v] + b,
    // when the table fits the budget; otherwise computed per token from the same weights.
    this.wordDim = wordDim;
    this.wordEmbedding =
        toFloat(param(p, "words.weight").buffer()); // the parameters as they are now
    this.wordWeightsT = projectionT(wih, d, 0, wordDim);
    this.wordWeightRows = new float[wordDim][];
    for (int e = 0; e < wordDim; e++) {
      wordWeightRows[e] = Arrays.copyOfRange(wordWeightsT, e * 2 * gates, (e + 1) * 2 * gates);
    }
    this.biasRow = new float[both];
    for (int dir = 0; dir < 2; dir++) {
      for (int j = 0; j < 4 * hidden; j++) {
        biasRow[column(dir, j)] = (float) bias[dir][j];
      }
    }
    long tableBytes = 4L * (wordEmbedding.length / wordDim) * both;
    this.wordTable =
        tableBytes <= tableBudgetBytes
            ? Optional.of(tableBuilder.apply(this::wordTable))
            : Optional.empty();

    this.chars = config.charFeatures().map(f -> charPart(p, f, wih, d, wordDim));
    this.casingTable =
        config.casingDim().stream()
            .mapToObj(dim -> casingTable(param(p, "casing.weight"), wih, d, wordDim + charDim))
            .findFirst();
    this.recurrentPanels =
        new float[][] {
          FloatLanes.panels(recurrentT(param(p, "lstm.forward.weightHh")), hidden, gates),
          FloatLanes.panels(recurrentT(param(p, "lstm.backward.weightHh")), hidden, gates)
        };

    // Output layer, transposed: [2hp, cp].
    double[] wo = param(p, "output.weight").buffer(); // [C, 2H]
    this.classes = param(p, "output.bias").size(0);
    this.cp = FloatLanes.roundUp(classes);
    float[] outputT = new float[2 * hp * cp];
    for (int c = 0; c < classes; c++) {
      for (int dir = 0; dir < 2; dir++) {
        for (int u = 0; u < hidden; u++) {
          outputT[(dir * hp + u) * cp + c] = (float) wo[c * 2 * hidden + dir * hidden + u];
        }
      }
    }
    this.outputPanels = FloatLanes.panels(outputT, 2 * hp, cp);
    this.outputBias = Arrays.copyOf(toFloat(param(p, "output.bias").buffer()), cp);

    // Without characters, a token's row is a copy from the word table already (plus the casing
    // row): the cache pays only when a row takes a convolution and a product, or the word share.
    int cachedRows = InputRowCache.capacityFor(cacheBudgetBytes, both);
    this.rowCache =
        (chars.isPresent() || wordTable.isEmpty()) && cachedRows > 0
            ? Optional.of(new InputRowCache(cachedRows))
            : Optional.empty();
  }

  /**
   * The character CNN as tables: {@code taps[k][c]} is character c's embedding times filter tap k
   * ({@code [width][vocab][fp]}); the projection is the char columns of both directions' input
   * weights, transposed, as panels.
   */
  private CharPart charPart(
      Map<String, Tensor> p,
      TokenClassifierConfig.CharFeatures f,
      double[][] wih,
      int d,
      int from) {
    Tensor emb = param(p, "chars.embedding");
    double[] table = emb.buffer();
    double[] w = param(p, "chars.weight").buffer(); // [F, E, width]
    int vocab = emb.size(0);
    int e = f.dim();
    int fp = FloatLanes.roundUp(f.filters());
    float[] taps = new float[f.width() * vocab * fp];
    for (int k = 0; k < f.width(); k++) {
      for (int c = 0; c < vocab; c++) {
        for (int filter = 0; filter < f.filters(); filter++) {
          double s = 0;
          for (int j = 0; j < e; j++) {
            s += w[(filter * e + j) * f.width() + k] * table[c * e + j];
          }
          taps[(k * vocab + c) * fp + filter] = (float) s;
        }
      }
    }
    float[] bias = Arrays.copyOf(toFloat(param(p, "chars.bias").buffer()), fp);
    return new CharPart(
        taps,
        vocab,
        f.width(),
        f.filters(),
        fp,
        bias,
        FloatLanes.panels(projectionT(wih, d, from, f.filters()), f.filters(), 2 * gates));
  }

  /**
   * {@code [casings, 8hp]}: each casing class's embedding times the casing columns ({@code [from,
   * from + dim)}) of both directions' input weights.
   */
  private float[] casingTable(Tensor emb, double[][] wih, int d, int from) {
    double[] table = emb.buffer();
    int rows = emb.size(0);
    int dim = emb.size(1);
    int both = 2 * gates;
    float[] out = new float[rows * both];
    for (int r = 0; r < rows; r++) {
      for (int dir = 0; dir < 2; dir++) {
        for (int j = 0; j < 4 * hidden; j++) {
          double s = 0;
          for (int e = 0; e < dim; e++) {
            s += wih[dir][j * d + from + e] * table[r * dim + e];
          }
          out[r * both + column(dir, j)] = (float) s;
        }
      }
    }
    return out;
  }

  /** {@code [H, 4hp]}: one direction's recurrent weights {@code [4H, H]}, transposed and padded. */
  private float[] recurrentT(Tensor weightHh) {
    double[] whh = weightHh.buffer();
    float[] out = new float[hidden * gates];
    for (int j = 0; j < 4 * hidden; j++) {
      for (int k = 0; k < hidden; k++) {
        out[k * gates + column(0, j)] = (float) whh[j * hidden + k];
      }
    }
    return out;
  }

  /**
   * {@code [V, 8hp]}: for every word, its embedding's share of both directions' input projection
   * plus the bias ({@link #wordRow}).
   */
  private float[] wordTable() {
    int both = biasRow.length;
    int vocab = wordEmbedding.length / wordDim;
    float[] table = new float[vocab * both];
    float[] acc = new float[both];
    for (int v = 0; v < vocab; v++) {
      wordRow(v, acc);
      System.arraycopy(acc, 0, table, v * both, both);
    }
    return table;
  }

  /**
   * Word {@code v}'s row of the {@link #wordTable} into {@code acc}: the bias, then each embedding
   * element times its weight row added in order. Plain loops (C2 vectorises them at once), not
   * {@link FloatLanes#mulAdd}: the table is built before the Vector API code is compiled, and there
   * it would run tens of times slower.
   */
  private void wordRow(int v, float[] acc) {
    int both = biasRow.length;
    System.arraycopy(biasRow, 0, acc, 0, both);
    for (int e = 0; e < wordDim; e++) {
      float x = wordEmbedding[v * wordDim + e];
      float[] w = wordWeightRows[e];
      for (int j = 0; j < both; j++) {
        acc[j] += x * w[j];
      }
    }
  }

  /** A CRF layer with a copy of {@code crf}'s scores (a replica would share them). */
  private static Crf snapshot(Crf crf) {
    int tags = crf.mask().numTags();
    Crf copy = new Crf(tags, crf.mask(), new java.util.SplittableRandom(0));
    copy.copyParametersFrom(crf);
    copy.eval();
    return copy;
  }

  /** Whether this JVM can run the float32 path (see {@link #unsupportedReason()}). */
  public static boolean isSupported() {
    return VectorSupport.UNAVAILABLE.isEmpty();
  }

  /**
   * Why this JVM cannot run the float32 path, as a sentence (naming the JVM flag it needs), or
   * empty when it can.
   */
  public static Optional<String> unsupportedReason() {
    return VectorSupport.UNAVAILABLE;
  }

  /**
   * Starts the kernels' compilation in the background now, which the first {@link #of} otherwise
   * starts (once per JVM): for a caller that will make a tagger after slow work of its own, such as
   * loading the model, so that the two overlap. Does nothing when {@link #isSupported()} is false.
   */
  public static void prepare() {
    if (isSupported()) {
      WarmUp.start();
    }
  }

  /**
   * The float32 tagger of a model's current parameters. The word table ({@code 32·H} bytes per
   * vocabulary word) is built on a background thread when it takes at most a quarter of the maximum
   * heap; for a larger vocabulary the word share is computed per token (slower, the same tags), so
   * a model that tags in float64 also tags here. The input rows of tokens it has tagged are kept
   * ({@link InputRowCache}, the first distinct tokens up to an eighth of the maximum heap) and
   * copied when those tokens come again, with the same bits.
   *
   * @throws IllegalStateException when {@link #isSupported()} is false, with the reason
   */
  public static FloatTagger of(TokenClassifier model) {
    long heap = Runtime.getRuntime().maxMemory();
    return of(model, heap / 4, heap / 8);
  }

  /**
   * {@link #of(TokenClassifier)} with the largest word table, in bytes, it may build (a larger one
   * is computed per token instead) and the bytes its cache of tokens' input rows may take (0: no
   * cache).
   */
  static FloatTagger of(TokenClassifier model, long tableBudgetBytes, long cacheBudgetBytes) {
    return of(
        model,
        tableBudgetBytes,
        cacheBudgetBytes,
        task -> startDaemon("focal4j-float32-word-table", task));
  }

  /**
   * {@link #of(TokenClassifier, long, long)} with the word table's build started by {@code
   * builder}.
   */
  static FloatTagger of(
      TokenClassifier model,
      long tableBudgetBytes,
      long cacheBudgetBytes,
      Function<Callable<float[]>, Future<float[]>> builder) {
    VectorSupport.UNAVAILABLE.ifPresent(
        reason -> {
          throw new IllegalStateException(reason);
        });
    WarmUp.start();
    return new FloatTagger(model, tableBudgetBytes, cacheBudgetBytes, builder);
  }

  /**
   * Once per JVM, on a daemon thread started by the first {@link #of}: the kernels run on small
   * arrays until HotSpot compiles them ({@link FloatLanes#warmUp}), while the caller builds the
   * tables and reads its text. A batch larger than {@link #SMALL_BATCH_TOKENS} waits for it, so it
   * never runs the kernels uncompiled, which on the Vector API is tens of times slower.
   */
  private static final class WarmUp {
    static final Future<Void> TASK =
        startDaemon(
            "focal4j-float32-warm-up",
            () -> {
              FloatLanes.warmUp(6000);
              return null;
            });

    static void start() {} // loads the class, which starts the thread
  }

  /** {@code task} on a new daemon thread. */
  private static <T> Future<T> startDaemon(String name, Callable<T> task) {
    FutureTask<T> f = new FutureTask<>(task);
    Thread t = new Thread(f, name);
    t.setDaemon(true);
    t.start();
    return f;
  }

  /** The result of a background task, waiting for it. */
  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the float32 tagger was being prepared", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("preparing the float32 tagger failed", e.getCause());
    }
  }

  @Override
  public Encoder encoder() {
    return encoder;
  }

  /** Each call: a function with its own work space. */
  @Override
  public Function<Batch, int[]> newBatchTagger() {
    Workspace ws = new Workspace();
    return batch -> predictIds(batch, ws);
  }

  /** Predicted tag ids of a batch's tokens, packed: argmax (softmax head) or Viterbi (CRF head). */
  public int[] predictIds(Batch batch) {
    return predictIds(batch, new Workspace());
  }

  /**
   * Column of gate row {@code j} (of the model's {@code 4H}) in the padded {@code [2][4][hp]}
   * layout.
   */
  private int column(int dir, int j) {
    return dir * gates + (j / hidden) * hp + j % hidden;
  }

  /**
   * {@code [count, 8hp]}: the input-projection columns {@code [from, from + count)} of both
   * directions, transposed and padded.
   */
  private float[] projectionT(double[][] wih, int d, int from, int count) {
    float[] out = new float[count * 2 * gates];
    for (int dir = 0; dir < 2; dir++) {
      for (int j = 0; j < 4 * hidden; j++) {
        for (int e = 0; e < count; e++) {
          out[e * 2 * gates + column(dir, j)] = (float) wih[dir][j * d + from + e];
        }
      }
    }
    return out;
  }

  /**
   * Tokens of a batch small enough to be tagged before the background preparation is done: such a
   * batch (a sentence or two) runs the kernels uncompiled, on the Vector API's plain-Java fallback
   * (about 2 ms a token), and computes its words' rows of the word table itself, where waiting
   * takes about half a second. A larger batch waits, since uncompiled it would take longer than
   * that. Both ways give the same bits: the kernels use lane-wise IEEE operations only, which the
   * fallback computes alike, and a word's row is {@link #wordRow} either way.
   */
  static final int SMALL_BATCH_TOKENS = 64;

  /** The word table when it is built, or when the batch is too large to go without it. */
  private Optional<float[]> wordTableFor(Batch batch) {
    return wordTable
        .filter(f -> f.isDone() || batch.tokens() > SMALL_BATCH_TOKENS)
        .map(FloatTagger::await);
  }

  /** Waits for the kernels' compilation unless the batch is small ({@link #SMALL_BATCH_TOKENS}). */
  private static void awaitCompiledFor(Batch batch) {
    if (batch.tokens() > SMALL_BATCH_TOKENS) {
      await(WarmUp.TASK);
    }
  }

  /**
   * The per-token scores of a batch's tokens, packed {@code [N, C]}: the float32 counterpart of
   * {@link TokenClassifier#emissions} in evaluation mode.
   */
  double[] emissions(Batch batch) {
    awaitCompiledFor(batch);
    return emissions(batch, new Workspace());
  }

  private double[] emissions(Batch batch, Workspace ws) {
    int n = batch.tokens();
    Lengths lengths = batch.lengths();
    int both = 2 * gates;
    float[] x = ws.x = grow(ws.x, n * both);
    inputRows(batch, x, ws);

    int sentences = lengths.batchSize();
    RunningSentences running = new RunningSentences(lengths);
    int[] order = running.order();
    float[] hOut = ws.hOut = grow(ws.hOut, n * 2 * hp);
    int rows4 = (sentences + 3) & ~3;
    float[] g = ws.gates = grow(ws.gates, rows4 * gates);
    float[] h = ws.h = grow(ws.h, rows4 * hp);
    float[] c = ws.c = grow(ws.c, sentences * hp);
    float[] scratch = ws.scratch = grow(ws.scratch, sentences * hp);
    for (int dir = 0; dir < 2; dir++) {
      Arrays.fill(c, 0, sentences * hp, 0f);
      for (int t = 0; t < lengths.maxLength(); t++) {
        int active = running.activeAt(t);
        for (int r = 0; r < active; r++) {
          System.arraycopy(
              x, lengths.row(order[r], t, dir == 1) * both + dir * gates, g, r * gates, gates);
        }
        if (t > 0) {
          // Rows in blocks of 4 (FloatLanes' fast kernel); the up to 3 extra rows are finished
          // sentences' (or never used) rows, whose results are not read.
          int rows = (active + 3) & ~3;
          FloatLanes.mulAddPanels(rows, gates, hidden, h, 0, hp, recurrentPanels[dir], g, 0, gates);
        }
        FloatLanes.lstmCell(active, hp, g, c, h, scratch);
        for (int r = 0; r < active; r++) {
          System.arraycopy(
              h, r * hp, hOut, lengths.row(order[r], t, dir == 1) * 2 * hp + dir * hp, hp);
        }
      }
    }

    float[] e = ws.emissions = grow(ws.emissions, n * cp);
    for (int t = 0; t < n; t++) {
      System.arraycopy(outputBias, 0, e, t * cp, cp);
    }
    FloatLanes.mulAddPanels(n, cp, 2 * hp, hOut, 0, 2 * hp, outputPanels, e, 0, cp);
    double[] scores = new double[n * classes];
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < classes; j++) {
        scores[t * classes + j] = e[t * cp + j];
      }
    }
    return scores;
  }

  /**
   * Every token's input row into {@code x} ({@code [N, 8hp]}): copied from the cache for tokens met
   * before, computed ({@link #computeRows}) and offered to the cache for the others.
   */
  private void inputRows(Batch batch, float[] x, Workspace ws) {
    int n = batch.tokens();
    int both = 2 * gates;
    Ids ids = Ids.of(batch);
    int[] todo = ws.todo = grow(ws.todo, n);
    if (rowCache.isEmpty()) {
      for (int t = 0; t < n; t++) {
        todo[t] = t;
      }
      computeRows(batch, ids, todo, n, x, ws);
      return;
    }
    InputRowCache cache = rowCache.get();
    InputRowCache.Key[] keys = new InputRowCache.Key[n];
    int count = 0;
    for (int t = 0; t < n; t++) {
      keys[t] =
          new InputRowCache.Key(
              ids.words()[t],
              ids.casing()[t],
              ids.chars(),
              ids.charOffsets()[t],
              ids.charOffsets()[t + 1]);
      Optional<float[]> row = cache.get(keys[t]);
      if (row.isPresent()) {
        System.arraycopy(row.get(), 0, x, t * both, both);
      } else {
        todo[count++] = t;
      }
    }
    float[] rows = ws.rows = grow(ws.rows, count * both);
    computeRows(batch, ids, todo, count, rows, ws);
    for (int i = 0; i < count; i++) {
      int t = todo[i];
      System.arraycopy(rows, i * both, x, t * both, both);
      if (!cache.isFull()) {
        cache.offer(keys[t], Arrays.copyOfRange(rows, i * both, (i + 1) * both));
      }
    }
  }

  /**
   * The input rows of the batch's tokens {@code tokens[0, count)} into {@code out} ({@code [count,
   * 8hp]}): the word share with the bias (the word table's row, or computed), plus the casing row,
   * plus the character features times their projection. A row is the same bits whichever tokens
   * share the call: every product sums its row alone, in one order.
   */
  private void computeRows(
      Batch batch, Ids ids, int[] tokens, int count, float[] out, Workspace ws) {
    int both = 2 * gates;
    int[] wordIds = ids.words();
    Optional<float[]> built = wordTableFor(batch);
    if (built.isPresent()) {
      float[] table = built.get();
      for (int i = 0; i < count; i++) {
        System.arraycopy(table, wordIds[tokens[i]] * both, out, i * both, both);
      }
    } else if (wordTable.isPresent()) { // still being built: this small batch's rows of it
      float[] row = new float[both];
      for (int i = 0; i < count; i++) {
        wordRow(wordIds[tokens[i]], row);
        System.arraycopy(row, 0, out, i * both, both);
      }
    } else {
      float[] rows = ws.words = grow(ws.words, count * wordDim);
      for (int i = 0; i < count; i++) {
        System.arraycopy(biasRow, 0, out, i * both, both);
        System.arraycopy(wordEmbedding, wordIds[tokens[i]] * wordDim, rows, i * wordDim, wordDim);
      }
      FloatLanes.mulAdd(count, both, wordDim, rows, 0, wordDim, wordWeightsT, out, 0, both);
    }
    if (casingTable.isPresent()) {
      float[] table = casingTable.get();
      for (int i = 0; i < count; i++) {
        FloatLanes.add(table, ids.casing()[tokens[i]] * both, out, i * both, both);
      }
    }
    if (chars.isPresent()) {
      CharPart c = chars.get();
      int[] offsets = ids.charOffsets();
      float[] features = ws.chars = grow(ws.chars, count * c.fp());
      for (int i = 0; i < count; i++) {
        int t = tokens[i];
        FloatLanes.charConvMax(
            c.taps(),
            c.vocab(),
            c.width(),
            c.fp(),
            ids.chars(),
            offsets[t],
            offsets[t + 1],
            c.bias(),
            features,
            i * c.fp());
      }
      FloatLanes.mulAddPanels(
          count, both, c.filters(), features, 0, c.fp(), c.projection(), out, 0, both);
    }
  }

  /**
   * A batch's packed ids, read once: {@link Batch}'s accessors return copies.
   *
   * @param charOffsets {@code N + 1} offsets into {@code chars}
   */
  private record Ids(int[] words, int[] casing, int[] chars, int[] charOffsets) {
    static Ids of(Batch batch) {
      return new Ids(
          batch.packedWordIds().buffer(),
          batch.packedCasingIds().buffer(),
          batch.packedCharIds().buffer(),
          batch.packedCharOffsets().buffer());
    }
  }

  private int[] predictIds(Batch batch, Workspace ws) {
    awaitCompiledFor(batch);
    double[] scores = emissions(batch, ws);
    int n = batch.tokens();
    if (crf.isPresent()) {
      try (NoGrad ignored = NoGrad.enter()) {
        return crf.get().decode(Tensor.of(scores, n, classes), batch.lengths());
      }
    }
    return ArgMax.decode(scores, classes);
  }

  /** Floats in a token's input row ({@code 8hp}), for tests. */
  int inputRowFloats() {
    return 2 * gates;
  }

  /** Input rows the cache holds, for tests. */
  int cachedInputRows() {
    return rowCache.map(InputRowCache::size).orElse(0);
  }

  private static Tensor param(Map<String, Tensor> p, String name) {
    Tensor t = p.get(name);
    Preconditions.checkArgument(t != null, "the model has no parameter %s", name);
    return t;
  }

  private static float[] toFloat(double[] a) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) a[i];
    }
    return out;
  }

  private static float[] grow(float[] a, int n) {
    return a.length >= n ? a : new float[Math.max(n, a.length * 3 / 2)];
  }

  private static int[] grow(int[] a, int n) {
    return a.length >= n ? a : new int[Math.max(n, a.length * 3 / 2)];
  }

  /** One thread's buffers, grown to the largest batch seen. */
  private static final class Workspace {
    int[] todo = new int[0];
    float[] x = new float[0];
    float[] rows = new float[0];
    float[] words = new float[0];
    float[] chars = new float[0];
    float[] hOut = new float[0];
    float[] gates = new float[0];
    float[] h = new float[0];
    float[] c = new float[0];
    float[] scratch = new float[0];
    float[] emissions = new float[0];
  }
}
