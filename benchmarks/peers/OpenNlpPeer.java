// Apache OpenNLP's NameFinderME as a CoNLL-2003 peer of Focal4J, run by benchmarks/peers.sh with
// the JEP 330
// source launcher and the OpenNLP jars it fetches into benchmarks/target/peers (OpenNLP is a
// benchmark-only
// tool, never a dependency of a Focal4J module):
//
//   java -cp 'benchmarks/target/peers/opennlp/*' benchmarks/peers/OpenNlpPeer.java \
//       train TRAIN.txt MODEL.bin [ITERATIONS [THREADS [MAX_SENTENCES]]]    (defaults 100, 2, all)
//   java -cp 'benchmarks/target/peers/opennlp/*' benchmarks/peers/OpenNlpPeer.java \
//       tag MODEL.bin TEXT.txt OUT.tsv [THREADS]                           (default 1)
//
// train: reads a CoNLL-2003 file (token POS chunk tag, IOB2 or IOB1 tags, -DOCSTART- lines, a blank
// line
// between sentences), turns each sentence into a NameSample (entity spans with their types;
// adaptive data
// cleared at each -DOCSTART-) and trains NameFinderME with the settings of the OpenNLP name finder
// trainer:
// maxent (GIS), ITERATIONS iterations, cutoff 5, THREADS threads, the default feature generator and
// the BIO
// codec. MAX_SENTENCES keeps the first sentences only (smoke runs).
// tag: reads raw text (one sentence per line, tokens apart by single spaces, documents apart by a
// blank line,
// as benchmarks/peers.sh and tag-throughput.sh write it), tags every sentence (adaptive data
// cleared at each
// document; with THREADS > 1 documents are shared out, one NameFinderME per thread) and writes
// "token<TAB>tag"
// lines in IOB2, a blank line after each sentence. Both modes print their own time (JVM start
// excluded) to
// stderr.
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;

public class OpenNlpPeer {

  public static void main(String[] args) throws Exception {
    try {
      if (args.length >= 3 && args[0].equals("train")) {
        train(
            Path.of(args[1]),
            Path.of(args[2]),
            intArg(args, 3, 100, "ITERATIONS"),
            intArg(args, 4, 2, "THREADS"),
            intArg(args, 5, Integer.MAX_VALUE, "MAX_SENTENCES"));
      } else if (args.length >= 4 && args[0].equals("tag")) {
        tag(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), intArg(args, 4, 1, "THREADS"));
      } else {
        usage();
      }
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("OpenNlpPeer: " + e.getMessage());
      System.exit(1);
    }
  }

  static void usage() {
    System.err.println(
        "usage: OpenNlpPeer.java train TRAIN.txt MODEL.bin [ITERATIONS [THREADS [MAX_SENTENCES]]]\n"
            + "       OpenNlpPeer.java tag MODEL.bin TEXT.txt OUT.tsv [THREADS]");
    System.exit(2);
  }

  static int intArg(String[] args, int i, int dflt, String name) {
    if (args.length <= i) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(args[i]);
      if (v < 1) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a positive integer, got '" + args[i] + "'");
    }
  }

  static void train(Path conll, Path model, int iterations, int threads, int maxSentences)
      throws IOException {
    if (!Files.isRegularFile(conll)) {
      throw new IOException("no CoNLL file " + conll);
    }
    long t0 = System.nanoTime();
    List<NameSample> samples = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    boolean newDoc = true;
    long nTokens = 0;
    int lineNo = 0;
    for (String line : Files.readAllLines(conll, StandardCharsets.UTF_8)) {
      lineNo++;
      line = line.strip();
      if (line.startsWith("-DOCSTART-") || line.isEmpty()) {
        if (!tokens.isEmpty()) {
          if (samples.size() == maxSentences) {
            break;
          }
          samples.add(sample(tokens, tags, newDoc));
          nTokens += tokens.size();
          newDoc = false;
          tokens.clear();
          tags.clear();
        }
        newDoc |= line.startsWith("-DOCSTART-");
        continue;
      }
      String[] cols = line.split("\\s+");
      if (cols.length < 2) {
        throw new IOException(
            conll + ":" + lineNo + ": expected 'token ... tag', got '" + line + "'");
      }
      tokens.add(cols[0]);
      tags.add(cols[cols.length - 1]);
    }
    if (!tokens.isEmpty() && samples.size() < maxSentences) {
      samples.add(sample(tokens, tags, newDoc));
      nTokens += tokens.size();
    }
    TrainingParameters params = new TrainingParameters();
    params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
    params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
    params.put(TrainingParameters.CUTOFF_PARAM, 5);
    params.put(TrainingParameters.THREADS_PARAM, threads);
    // As the CLI trainer (TokenNameFinderTrainerTool) builds it: no descriptor = the default
    // feature generator.
    TokenNameFinderFactory factory =
        TokenNameFinderFactory.create(null, null, Collections.emptyMap(), new BioCodec());
    TokenNameFinderModel m =
        NameFinderME.train(
            "en", null, ObjectStreamUtils.createObjectStream(samples), params, factory);
    try (OutputStream out = Files.newOutputStream(model)) {
      m.serialize(out);
    }
    System.err.printf(
        "OpenNlpPeer train: %d sentences, %d tokens, maxent %d iterations, cutoff 5, %d threads:"
            + " %.1f s%n",
        samples.size(), nTokens, iterations, threads, (System.nanoTime() - t0) / 1e9);
  }

  /** IOB2 (or IOB1) tags to typed spans; an I-X that does not continue an X entity starts one. */
  static NameSample sample(List<String> tokens, List<String> tags, boolean clearAdaptive) {
    List<Span> spans = new ArrayList<>();
    int start = -1;
    String type = null;
    for (int i = 0; i <= tags.size(); i++) {
      String tag = i < tags.size() ? tags.get(i) : "O";
      String t = tag.equals("O") ? null : tag.substring(2);
      boolean begins = t != null && (tag.startsWith("B-") || !t.equals(type));
      if (type != null && (t == null || begins)) {
        spans.add(new Span(start, i, type));
        type = null;
      }
      if (begins) {
        start = i;
        type = t;
      }
    }
    return new NameSample(tokens.toArray(new String[0]), spans.toArray(new Span[0]), clearAdaptive);
  }

  static void tag(Path modelFile, Path text, Path out, int threads) throws Exception {
    if (!Files.isRegularFile(modelFile)) {
      throw new IOException("no model file " + modelFile);
    }
    if (!Files.isRegularFile(text)) {
      throw new IOException("no text file " + text);
    }
    long t0 = System.nanoTime();
    TokenNameFinderModel model = new TokenNameFinderModel(modelFile);
    List<List<String[]>> docs = readText(text);
    long t1 = System.nanoTime();
    ThreadLocal<NameFinderME> finder = ThreadLocal.withInitial(() -> new NameFinderME(model));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String>> results = new ArrayList<>();
    for (List<String[]> doc : docs) {
      results.add(
          pool.submit(
              () -> {
                NameFinderME f = finder.get();
                f.clearAdaptiveData();
                StringBuilder sb = new StringBuilder();
                for (String[] sent : doc) {
                  String[] tags = new String[sent.length];
                  java.util.Arrays.fill(tags, "O");
                  for (Span s : f.find(sent)) {
                    tags[s.getStart()] = "B-" + s.getType();
                    for (int i = s.getStart() + 1; i < s.getEnd(); i++) {
                      tags[i] = "I-" + s.getType();
                    }
                  }
                  for (int i = 0; i < sent.length; i++) {
                    sb.append(sent[i]).append('\t').append(tags[i]).append('\n');
                  }
                  sb.append('\n');
                }
                return sb.toString();
              }));
    }
    long n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Future<String> r : results) {
        w.write(r.get());
      }
    }
    pool.shutdown();
    for (List<String[]> doc : docs) {
      for (String[] s : doc) {
        n += s.length;
      }
    }
    double secs = (System.nanoTime() - t1) / 1e9;
    System.err.printf(
        "OpenNlpPeer tag: model loaded in %.1f s; %d tokens tagged with %d threads in %.1f s (%.0f"
            + " tokens/s)%n",
        (t1 - t0) / 1e9, n, threads, secs, n / secs);
  }

  /** One sentence a line, tokens apart by spaces, documents apart by blank lines. */
  static List<List<String[]>> readText(Path text) throws IOException {
    List<List<String[]>> docs = new ArrayList<>();
    List<String[]> doc = new ArrayList<>();
    for (String line : Files.readAllLines(text, StandardCharsets.UTF_8)) {
      line = line.strip();
      if (line.isEmpty()) {
        if (!doc.isEmpty()) {
          docs.add(doc);
          doc = new ArrayList<>();
        }
      } else {
        doc.add(line.split(" +"));
      }
    }
    if (!doc.isEmpty()) {
      docs.add(doc);
    }
    return docs;
  }
}
