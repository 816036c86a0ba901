import io.github.focal4j.ner.eval.ConllevalFileReader;
import io.github.focal4j.ner.eval.ConllevalReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Manual check of the conlleval emulation on a real CoNLL file: perturbs the gold tags with a seeded
 * random generator into a temporary prediction file (deleted afterwards; nothing derived from the
 * data is kept), scores it with conlleval.pl and with our code, and compares the two reports.
 *
 * <pre>
 * mvn -q -pl ner-demo -am compile
 * java -cp ner-demo/target/classes ner-demo/tools/conlleval-goldens/CompareOnRealData.java \
 *     /path/to/conlleval.pl /work/shared/data/conll2003/dev.txt [seed] [keep-docstart]
 * </pre>
 *
 * Exit code 0 when the reports are identical, 1 otherwise.
 */
public class CompareOnRealData {

  private static final String[] TYPES = {"PER", "LOC", "ORG", "MISC"};

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: CompareOnRealData CONLLEVAL_PL CONLL_FILE [SEED] [keep-docstart]");
      System.exit(2);
    }
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 20240601L;
    boolean keepDocstart = args.length > 3 && args[3].equals("keep-docstart");
    Path predictions = Files.createTempFile("conlleval-compare-", ".txt");
    boolean same;
    try {
      Files.write(predictions, perturb(Path.of(args[1]), new Random(seed), keepDocstart),
          StandardCharsets.UTF_8);
      String expected = runConlleval(Path.of(args[0]), predictions);
      String actual = ConllevalReport.format(new ConllevalFileReader().evaluate(predictions));
      System.out.print("conlleval.pl:\n" + expected + "ours:\n" + actual);
      same = expected.equals(actual);
    } finally {
      Files.deleteIfExists(predictions);
    }
    System.out.println(same ? "IDENTICAL" : "DIFFERENT");
    System.exit(same ? 0 : 1);
  }

  /** Appends a predicted tag to every token line: the gold tag, or with 6% chance a wrong one. */
  private static List<String> perturb(Path gold, Random random, boolean keepDocstart) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(gold, StandardCharsets.UTF_8)) {
      String[] cols = line.trim().split(" +");
      if (line.isBlank()) {
        out.add("");
      } else if (cols[0].equals("-DOCSTART-")) {
        if (keepDocstart) {
          out.add(line + " O");
        }
      } else {
        String tag = cols[cols.length - 1];
        double r = random.nextDouble();
        String type = TYPES[random.nextInt(TYPES.length)];
        String predicted = r < 0.03 ? "O"
            : r < 0.05 ? (random.nextBoolean() ? "B-" : "I-") + type
            : r < 0.06 && !tag.equals("O") ? tag.substring(0, 2) + type
            : tag;
        out.add(line + " " + predicted);
      }
    }
    return out;
  }

  private static String runConlleval(Path script, Path input) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("perl", script.toString())
        .redirectInput(input.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("conlleval failed");
    }
    return output;
  }
}
