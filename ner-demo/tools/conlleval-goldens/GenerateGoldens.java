import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes golden input/output pairs for the conlleval emulation tests: for each case an input file
 * {@code NNN-name.txt} and the output of the real conlleval script {@code NNN-name.expected}.
 *
 * <p>Usage (from the repository root; needs perl and a copy of conlleval.pl, version 2004-01-26,
 * which is not part of this repository):
 *
 * <pre>
 * java ner-demo/tools/conlleval-goldens/GenerateGoldens.java /path/to/conlleval.pl \
 *     ner-demo/src/test/resources/conlleval
 * </pre>
 *
 * Cases are hand-written edge cases plus seeded random tag sequences, so the output is the same on
 * every run. Existing files in the output folder with these names are replaced; the folder is not
 * emptied first.
 */
public class GenerateGoldens {

  private static final String[] WORDS = {
    "the", "EU", "rejects", "German", "call", "Peter", "Blackburn", "in", "Paris", "said", ",", ".",
    "Müller", "on", "Monday", "1996-08-30", "Reuters", "of", "to", "a"
  };

  private final Path conlleval;
  private final Path outDir;
  private int counter;

  private GenerateGoldens(Path conlleval, Path outDir) {
    this.conlleval = conlleval;
    this.outDir = outDir;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: java GenerateGoldens.java CONLLEVAL_PL OUTPUT_DIR");
      System.exit(2);
    }
    GenerateGoldens g = new GenerateGoldens(Path.of(args[0]), Path.of(args[1]));
    Files.createDirectories(g.outDir);
    g.handWritten();
    g.random();
    System.out.println("wrote " + g.counter + " golden pairs to " + g.outDir);
  }

  // ---------------------------------------------------------------- hand-written edge cases

  private void handWritten() throws Exception {
    emit("empty-file", "");
    emit("only-blank-lines", "\n\n\n");
    emit("all-outside", "a O O\nb O O\n\nc O O\n");
    emit("no-gold-chunks", "a O B-PER\nb O I-PER\nc O O\n\nd O B-LOC\n");
    emit("no-predicted-chunks", "a B-PER O\nb I-PER O\n\nc B-LOC O\n");
    emit("single-token-sentences", "a B-PER B-PER\n\nb B-LOC B-ORG\n\nc O B-MISC\n\nd I-ORG I-ORG\n");
    emit("sentence-ends-in-inside", "a O O\nb B-PER B-PER\nc I-PER I-PER\n\nd B-LOC B-LOC\ne I-LOC O\n");
    emit("inside-after-outside", "a O O\nb I-PER B-PER\nc I-PER I-PER\nd O O\ne I-LOC I-ORG\n");
    emit("no-trailing-newline-correct-chunk-at-end", "a O O\nb B-PER B-PER\nc I-PER I-PER");
    emit("no-trailing-newline-wrong-chunk-at-end", "a O O\nb B-PER B-PER\nc I-PER O");
    emit("types-sorted",
        "a B-PER B-PER\nb B-ORG B-ORG\nc B-MISC B-LOC\nd B-LOC B-MISC\ne B-loc B-loc\n"
            + "f B-Z B-a\ng B-a-b B-a-b\nh B-LOC-X B-LOC-X\ni B-_x B-_x\n");
    emit("hyphenated-types", "a B-MISC-X B-MISC-X\nb I-MISC-X I-MISC\nc B-A-B-C B-A-B-C\nd I-A-B-C I-A-B-C\n");
    emit("non-ascii-types", "a B-ÄÖ B-ÄÖ\nb I-ÄÖ I-ÄÖ\nc B-Ort B-ÄÖ\nd B-日本 B-日本\n");
    emit("long-type-name", "a B-AVERYLONGENTITYTYPENAME B-AVERYLONGENTITYTYPENAME\nb B-ABCDEFGHIJKLMNOPQ B-ABCDEFGHIJKLMNOPQ\n");
    emit("boundary-x-lines", "a B-PER B-PER\n-X- O O\nb I-PER I-PER\nc B-LOC B-LOC\n-X- B-LOC B-LOC\nd I-LOC I-LOC\n");
    // the CoNLL-2003 layout (word, POS, chunk, gold, predicted) with invented words: the corpus itself is
    // research-only and stays out of the repository
    emit("docstart-lines",
        "-DOCSTART- -X- -X- O O\n\nAcme NNP B-NP B-ORG B-ORG\nsells VBZ B-VP O O\n\n"
            + "-DOCSTART- -X- -X- O O\n\nAnna NNP B-NP B-PER B-PER\nKowalska NNP I-NP I-PER O\n");
    emit("iob1-style",
        "a I-PER I-PER\nb I-PER I-PER\nc B-PER B-PER\nd O O\ne I-LOC I-LOC\nf B-LOC I-LOC\ng I-LOC I-LOC\n");
    emit("bioes-tags",
        "a S-PER S-PER\nb S-PER S-PER\nc B-LOC B-LOC\nd E-LOC E-LOC\ne B-LOC B-LOC\nf E-LOC I-LOC\n"
            + "g O O\nh E-ORG E-ORG\ni E-ORG S-ORG\nj I-ORG I-ORG\n");
    emit("bracket-and-dot-tags",
        "a [-NP [-NP\nb ]-NP ]-NP\nc .-NP .-NP\nd B-NP [-NP\ne .-PER .-PER\nf I-PER I-PER\ng [ ]\n");
    emit("tags-without-type-in-both", "a B B\nb I I\nc O O\nd B I\ne B-PER B-PER\n");
    emit("tags-without-type-gold-only", "a B O\nb I O\nc B-PER B-PER\n");
    emit("type-zero-is-empty", "a B-0 B\nb I-0 I-0\nc B-0 B-00\n");
    emit("lowercase-and-odd-prefixes", "a b-per b-per\nb i-per B-per\nc O-PER O\nd X-PER X-PER\ne B- B-\n");
    emit("two-columns-only", "B-PER B-PER\nI-PER I-PER\n\nO B-LOC\n-X- O\nB-ORG B-ORG\n");
    emit("multiple-blank-lines-and-leading-blank", "\n\na B-PER B-PER\n\n\n\nb I-PER I-PER\n\n");
    emit("adjacent-same-type-chunks", "a B-PER B-PER\nb B-PER I-PER\nc B-PER B-PER\nd I-PER B-PER\n");
    emit("type-change-inside-chunk", "a B-PER B-PER\nb I-LOC I-PER\nc I-LOC I-LOC\nd I-LOC I-LOC\n");
    emit("rounding-ties-0125", ties(800, 1));
    emit("rounding-ties-0375", ties(800, 3));
    emit("rounding-ties-0625", ties(800, 5));
    emit("rounding-ties-0875", ties(800, 7));
    emit("rounding-one-third", "a B-PER B-PER\nb B-PER B-LOC\nc B-PER B-ORG\n");
  }

  /** n one-token sentences with a PER chunk, of which the first k are predicted right. */
  private static String ties(int n, int k) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append("w B-PER ").append(i < k ? "B-PER" : "B-LOC").append("\n\n");
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- seeded random cases

  private void random() throws Exception {
    for (int seed = 1; seed <= 12; seed++) {
      emit("random-iob2-perturbed-" + seed, perturbedCase(new Random(seed), false, 1 + seed % 4));
    }
    for (int seed = 1; seed <= 6; seed++) {
      emit("random-iob1-perturbed-" + seed, perturbedCase(new Random(100 + seed), true, 1 + seed % 4));
    }
    for (int seed = 1; seed <= 8; seed++) {
      emit("random-ill-formed-" + seed, illFormedCase(new Random(200 + seed), List.of("O", "B", "I")));
    }
    for (int seed = 1; seed <= 4; seed++) {
      emit("random-bioes-" + seed, illFormedCase(new Random(300 + seed), List.of("O", "B", "I", "E", "S")));
    }
    for (int seed = 1; seed <= 4; seed++) {
      emit("random-odd-tags-" + seed, oddTagsCase(new Random(400 + seed)));
    }
    emit("random-large-iob2", perturbedCase(new Random(999), false, 4, 400));
  }

  private static List<String> types(int count) {
    return List.of("PER", "LOC", "ORG", "MISC").subList(0, count);
  }

  private String perturbedCase(Random rnd, boolean iob1, int typeCount) {
    return perturbedCase(rnd, iob1, typeCount, 10 + rnd.nextInt(30));
  }

  private String perturbedCase(Random rnd, boolean iob1, int typeCount, int sentences) {
    List<String> types = types(typeCount);
    StringBuilder out = new StringBuilder();
    for (int s = 0; s < sentences; s++) {
      List<String> gold = wellFormed(rnd, types, 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 1 : 15), iob1);
      List<String> pred = new ArrayList<>(gold);
      for (int i = 0; i < pred.size(); i++) {
        if (rnd.nextInt(8) == 0) {
          pred.set(i, randomTag(rnd, types, List.of("O", "B", "I")));
        }
      }
      appendSentence(out, rnd, gold, pred);
    }
    return out.toString();
  }

  /** A well-formed IOB2 (or IOB1) sequence, with about one token in four in a chunk. */
  private static List<String> wellFormed(Random rnd, List<String> types, int length, boolean iob1) {
    List<String> tags = new ArrayList<>();
    String previousType = null;
    boolean previousInChunk = false;
    int i = 0;
    while (i < length) {
      if (rnd.nextInt(4) == 0) {
        String type = types.get(rnd.nextInt(types.size()));
        int len = Math.min(length - i, 1 + rnd.nextInt(3));
        boolean adjacentSame = previousInChunk && type.equals(previousType);
        for (int k = 0; k < len; k++) {
          String prefix = k > 0 ? "I" : iob1 ? (adjacentSame ? "B" : "I") : "B";
          tags.add(prefix + "-" + type);
        }
        i += len;
        previousType = type;
        previousInChunk = true;
      } else {
        tags.add("O");
        i++;
        previousInChunk = false;
      }
    }
    return tags;
  }

  private static String randomTag(Random rnd, List<String> types, List<String> prefixes) {
    String prefix = prefixes.get(rnd.nextInt(prefixes.size()));
    return prefix.equals("O") ? "O" : prefix + "-" + types.get(rnd.nextInt(types.size()));
  }

  private String illFormedCase(Random rnd, List<String> prefixes) {
    List<String> types = types(1 + rnd.nextInt(4));
    return randomPairsCase(rnd, 5 + rnd.nextInt(20), 12, () -> randomTag(rnd, types, prefixes));
  }

  private static final String[] ODD_TAGS = {
    "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "E-PER", "S-LOC", "[-NP", "]-NP", ".-PER", "B", "I",
    "X-PER", "B-", "O-PER", "B-MISC-X", "I-MISC-X", "B-0", "I", "[", "]", "."
  };

  private String oddTagsCase(Random rnd) {
    return randomPairsCase(rnd, 5 + rnd.nextInt(15), 10, () -> ODD_TAGS[rnd.nextInt(ODD_TAGS.length)]);
  }

  /** Sentences of independent random gold tags; a third of the predictions copy the gold tag. */
  private static String randomPairsCase(Random rnd, int sentences, int maxLength, Supplier<String> tag) {
    StringBuilder out = new StringBuilder();
    for (int s = 0; s < sentences; s++) {
      int length = 1 + rnd.nextInt(maxLength);
      List<String> gold = new ArrayList<>();
      List<String> pred = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        gold.add(tag.get());
        pred.add(rnd.nextInt(3) == 0 ? gold.get(i) : tag.get());
      }
      appendSentence(out, rnd, gold, pred);
    }
    return out.toString();
  }

  private static void appendSentence(StringBuilder out, Random rnd, List<String> gold, List<String> pred) {
    for (int i = 0; i < gold.size(); i++) {
      out.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ')
          .append(gold.get(i)).append(' ').append(pred.get(i)).append('\n');
    }
    out.append('\n');
  }

  // ---------------------------------------------------------------- running conlleval

  private void emit(String name, String input) throws IOException, InterruptedException {
    counter++;
    String base = String.format("%03d-%s", counter, name);
    Path in = outDir.resolve(base + ".txt");
    Files.writeString(in, input, StandardCharsets.UTF_8);
    Process p = new ProcessBuilder("perl", conlleval.toString())
        .redirectInput(in.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    byte[] output = readAll(p.getInputStream());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("conlleval failed on " + in);
    }
    Files.write(outDir.resolve(base + ".expected"), output);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    in.transferTo(buffer);
    return buffer.toByteArray();
  }
}
