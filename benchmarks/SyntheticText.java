// Prints documents of the built-in synthetic corpus as plain text, one document (five sentences,
// tokens joined by single spaces) per line, until at least TOKENS tokens; the token count goes to
// stderr. Run as a source file with Focal4J on the class path (used by benchmarks/spark-tagging.sh):
//   java -cp spark/target/focal4j-spark.jar benchmarks/SyntheticText.java 1000000 > docs.txt
import io.github.focal4j.ner.data.Sentence;
import io.github.focal4j.ner.synth.SyntheticCorpusConfig;
import io.github.focal4j.ner.synth.SyntheticCorpusGenerator;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public class SyntheticText {
  public static void main(String[] args) throws Exception {
    long target = Long.parseLong(args[0]);
    long tokens = 0;
    long seed = 1000;
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    while (tokens < target) {
      List<Sentence> test = SyntheticCorpusGenerator.generate(
          SyntheticCorpusConfig.defaults().withSeed(seed++).withSizes(1, 1, 5000)).test().sentences();
      List<String> doc = new ArrayList<>();
      for (Sentence s : test) {
        doc.add(String.join(" ", s.tokens()));
        tokens += s.tokens().size();
        if (doc.size() == 5) {
          out.write(String.join(" ", doc));
          out.newLine();
          doc.clear();
        }
        if (tokens >= target) {
          break;
        }
      }
      if (!doc.isEmpty()) {
        out.write(String.join(" ", doc));
        out.newLine();
      }
    }
    out.flush();
    System.err.println(tokens + " tokens");
  }
}
