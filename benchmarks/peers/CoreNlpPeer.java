// Stanford CoreNLP's CRFClassifier as a CoNLL-2003 peer of Focal4J, run by benchmarks/peers.sh with
// the JEP 330
// source launcher and the CoreNLP jar it fetches into benchmarks/target/peers (CoreNLP is GPL-3.0:
// a
// benchmark-only tool fetched at run time, never a dependency of a Focal4J module, never shipped
// with it):
//
//   java -cp 'benchmarks/target/peers/corenlp/*' benchmarks/peers/CoreNlpPeer.java \
//       train TRAIN.txt MODEL.ser.gz [THREADS [MAX_SENTENCES [TOLERANCE]]]   (defaults 2, all,
// CoreNLP's)
//   java -cp 'benchmarks/target/peers/corenlp/*' benchmarks/peers/CoreNlpPeer.java \
//       tag MODEL.ser.gz TEXT.txt OUT.tsv [THREADS]                              (default 1)
//
// train: reads a CoNLL-2003 file (token POS chunk tag, IOB2 or IOB1 tags, -DOCSTART- lines, a blank
// line
// between sentences), writes it next to the model as a two-column file "word<TAB>answer" with IO
// labels
// (B-X and I-X become X; -DOCSTART- lines dropped; one sentence per document), and trains a
// CRFClassifier
// with the feature set of CoreNLP's published english.conll.4class model (without its
// distributional-
// similarity clusters): useClassFeature, useWord, useNGrams with noMidNGrams and maxNGramLeng=6,
// usePrev,
// useNext, useSequences, usePrevSequences, maxLeft=1, useTypeSeqs, useTypeSeqs2, useTypeySequences,
// wordShape=chris2useLC, useDisjunctive; QN optimizer with CoreNLP's defaults (run to its default
// convergence tolerance; the CRF's QN ignores maxIterations), multiThreadGrad=THREADS.
// MAX_SENTENCES keeps the
// first sentences, a larger TOLERANCE stops the optimizer early (smoke runs only).
// tag: reads raw text (one sentence per line, tokens apart by single spaces, documents apart by a
// blank line,
// as benchmarks/peers.sh writes it), classifies every sentence with classifySentence (THREADS
// threads share
// the classifier, as CoreNLP's own multi-threaded classification does) and writes "token<TAB>tag"
// lines in IOB2 — an entity
// starts (B-) wherever the IO label changes to a type, so two adjacent entities of one type merge,
// the IO
// encoding's known limit — a blank line after each sentence. Both modes print their own time (JVM
// start
// excluded) to stderr.
import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.Word;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class CoreNlpPeer {

  public static void main(String[] args) throws Exception {
    try {
      if (args.length >= 3 && args[0].equals("train")) {
        train(
            Path.of(args[1]),
            Path.of(args[2]),
            intArg(args, 3, 2, "THREADS"),
            intArg(args, 4, Integer.MAX_VALUE, "MAX_SENTENCES"),
            args.length > 5 ? tolerance(args[5]) : 0);
      } else if (args.length >= 4 && args[0].equals("tag")) {
        tag(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), intArg(args, 4, 1, "THREADS"));
      } else {
        System.err.println(
            "usage: CoreNlpPeer.java train TRAIN.txt MODEL.ser.gz [THREADS [MAX_SENTENCES"
                + " [TOLERANCE]]]\n"
                + "       CoreNlpPeer.java tag MODEL.ser.gz TEXT.txt OUT.tsv [THREADS]");
        System.exit(2);
      }
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("CoreNlpPeer: " + e.getMessage());
      System.exit(1);
    }
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

  static double tolerance(String s) {
    try {
      double v = Double.parseDouble(s);
      if (!(v > 0)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("TOLERANCE must be a positive number, got '" + s + "'");
    }
  }

  static void train(Path conll, Path model, int threads, int maxSentences, double tolerance)
      throws IOException {
    if (!Files.isRegularFile(conll)) {
      throw new IOException("no CoNLL file " + conll);
    }
    long t0 = System.nanoTime();
    Path dir = model.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path io = dir.resolve("train-io.tsv");
    int sentences = 0;
    long tokens = 0;
    boolean inSentence = false;
    int lineNo = 0;
    try (BufferedWriter w = Files.newBufferedWriter(io, StandardCharsets.UTF_8)) {
      for (String line : Files.readAllLines(conll, StandardCharsets.UTF_8)) {
        lineNo++;
        line = line.strip();
        if (line.startsWith("-DOCSTART-") || line.isEmpty()) {
          if (inSentence) {
            w.write('\n');
            inSentence = false;
          }
          continue;
        }
        if (!inSentence) {
          if (sentences == maxSentences) {
            break;
          }
          sentences++;
          inSentence = true;
        }
        String[] cols = line.split("\\s+");
        if (cols.length < 2) {
          throw new IOException(
              conll + ":" + lineNo + ": expected 'token ... tag', got '" + line + "'");
        }
        String tag = cols[cols.length - 1];
        w.write(cols[0] + "\t" + (tag.equals("O") ? "O" : tag.substring(2)) + "\n");
        tokens++;
      }
      if (inSentence) {
        w.write('\n');
      }
    }
    Properties p = new Properties();
    p.setProperty("trainFile", io.toString());
    p.setProperty("map", "word=0,answer=1");
    p.setProperty("useClassFeature", "true");
    p.setProperty("useWord", "true");
    p.setProperty("useNGrams", "true");
    p.setProperty("noMidNGrams", "true");
    p.setProperty("maxNGramLeng", "6");
    p.setProperty("usePrev", "true");
    p.setProperty("useNext", "true");
    p.setProperty("useSequences", "true");
    p.setProperty("usePrevSequences", "true");
    p.setProperty("maxLeft", "1");
    p.setProperty("useTypeSeqs", "true");
    p.setProperty("useTypeSeqs2", "true");
    p.setProperty("useTypeySequences", "true");
    p.setProperty("wordShape", "chris2useLC");
    p.setProperty("useDisjunctive", "true");
    p.setProperty("multiThreadGrad", Integer.toString(threads));
    if (tolerance > 0) {
      p.setProperty("tolerance", Double.toString(tolerance));
    }
    CRFClassifier<CoreLabel> crf = new CRFClassifier<>(p);
    crf.train();
    crf.serializeClassifier(model.toString());
    System.err.printf(
        "CoreNlpPeer train: %d sentences, %d tokens, multiThreadGrad=%d, tolerance %s: %.1f s%n",
        sentences,
        tokens,
        threads,
        tolerance > 0 ? Double.toString(tolerance) : "default",
        (System.nanoTime() - t0) / 1e9);
  }

  static void tag(Path modelFile, Path text, Path out, int threads) throws Exception {
    if (!Files.isRegularFile(modelFile)) {
      throw new IOException("no model file " + modelFile);
    }
    if (!Files.isRegularFile(text)) {
      throw new IOException("no text file " + text);
    }
    long t0 = System.nanoTime();
    CRFClassifier<CoreLabel> crf = CRFClassifier.getClassifier(modelFile.toString());
    String background = crf.flags.backgroundSymbol;
    List<List<String[]>> docs = readText(text);
    long t1 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String>> results = new ArrayList<>();
    for (List<String[]> doc : docs) {
      results.add(
          pool.submit(
              () -> {
                StringBuilder sb = new StringBuilder();
                for (String[] sent : doc) {
                  List<Word> words = new ArrayList<>(sent.length);
                  for (String tok : sent) {
                    words.add(new Word(tok));
                  }
                  // classifySentence, not classify: it also runs CoreNLP's ObjectBankWrapper over
                  // the
                  // tokens (word shapes and the other per-token annotations the features read), as
                  // CoreNLP's own readers do; classify alone on bare tokens tags almost everything
                  // O.
                  String prev = background;
                  for (CoreLabel l : crf.classifySentence(words)) {
                    String a = l.get(CoreAnnotations.AnswerAnnotation.class);
                    String tag =
                        a == null || a.equals(background)
                            ? "O"
                            : (a.equals(prev) ? "I-" : "B-") + a;
                    prev = a == null ? background : a;
                    sb.append(l.word()).append('\t').append(tag).append('\n');
                  }
                  sb.append('\n');
                }
                return sb.toString();
              }));
    }
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Future<String> r : results) {
        w.write(r.get());
      }
    }
    pool.shutdown();
    long n = 0;
    for (List<String[]> doc : docs) {
      for (String[] s : doc) {
        n += s.length;
      }
    }
    double secs = (System.nanoTime() - t1) / 1e9;
    System.err.printf(
        "CoreNlpPeer tag: model loaded in %.1f s; %d tokens tagged with %d threads in %.1f s (%.0f"
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
