package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.focal4j.ner.tagging.EntitySpan;
import io.github.focal4j.ner.tagging.TextTagger;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} (model and predictions file) and {@code tag}, with one model trained for all.
 */
class EvaluateAndTagTest {

  @TempDir static Path dir;

  private static Path model;

  private static final String TEXT =
      "Ford said on Monday that Siemens would cut 300 jobs in Germany .\n\n"
          + "Heavy rain caused flooding in northern France on Friday, officials said. "
          + "Smith , the German minister , met Jones in Paris on Tuesday .";

  @BeforeAll
  static void trainOnce() throws Exception {
    Cli.writeCorpus(dir, 1500, 200, 200);
    model = dir.resolve("model");
    Cli.Result r =
        Cli.run(
            "train",
            "--preset",
            "demo",
            "--epochs",
            "3",
            "--train",
            dir.resolve("train.txt").toString(),
            "--out",
            model.toString(),
            "--no-progress");
    assertEquals(0, r.code(), r.toString());
  }

  /** {@code tag --model MODEL --input in}, then {@code more}. */
  private static Cli.Result tag(Path in, String... more) {
    return Cli.run(
        Cli.args(List.of("tag", "--model", model.toString(), "--input", in.toString()), more));
  }

  @Test
  void predictionsFileGivesConllevalsReportByteForByteThenTheExtras() throws Exception {
    Path input = Path.of(getClass().getResource("/conlleval/051-random-ill-formed-1.txt").toURI());
    String expected =
        Files.readString(
            Path.of(input.toString().replace(".txt", ".expected")), StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("evaluate", "--predictions", input.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith(expected + "\n"), r.out());
    String extras = r.out().substring(expected.length() + 1);
    assertTrue(
        extras.matches("(?s)type +support +found +correct +precision +recall +FB1\n.*"), extras);
    assertTrue(
        extras.contains(
            "              LOC        10        7        3     42.86%   30.00%    35.29\n"),
        extras);
    assertTrue(extras.contains("tokens (rows gold, columns predicted):"), extras);
    assertTrue(extras.contains("O-token recall: "), extras);
  }

  @Test
  void modelEvaluationAgreesWithConllevalOnItsOwnPredictions() throws Exception {
    Path predictions = dir.resolve("pred.txt");
    Cli.Result m =
        Cli.run(
            "evaluate",
            "--model",
            model.toString(),
            "--test",
            dir.resolve("test.txt").toString(),
            "--write-predictions",
            predictions.toString());
    assertEquals(0, m.code(), m.toString());
    assertTrue(m.out().startsWith("processed "), m.out());
    Cli.Result p = Cli.run("evaluate", "--predictions", predictions.toString());
    assertEquals(m.out(), p.out());
    double f1 = Double.parseDouble(m.out().replaceAll("(?s).*?FB1: +([0-9.]+).*", "$1"));
    assertTrue(f1 > 50, "a demo model trained for 3 epochs tags its own corpus, F1 " + f1);
  }

  @Test
  void tagPrintsEntitiesWithCharacterOffsets() throws Exception {
    Path in = dir.resolve("text.txt");
    Files.writeString(in, TEXT, StandardCharsets.UTF_8);
    Cli.Result r = tag(in);
    assertEquals(0, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertTrue(
        lines.size() >= 3, "a trained model finds the entities of its templates:\n" + r.out());
    for (String line : lines) {
      String[] f = line.split("\t");
      assertEquals(4, f.length, line);
      int begin = Integer.parseInt(f[0]);
      int end = Integer.parseInt(f[1]);
      assertEquals(TEXT.substring(begin, end), f[3], line);
      assertTrue(List.of("PER", "LOC", "ORG", "MISC").contains(f[2]), line);
    }
    assertTrue(r.out().contains("\tGermany\n") || r.out().contains("\tParis\n"), r.out());
  }

  @Test
  void tagReadsALargeTextInPartsWithTheOffsetsAndSentencesOfTheWholeText() throws Exception {
    // more than one part (TagCommand.CHUNK_CHARS), paragraphs of two and three sentences
    StringBuilder b = new StringBuilder();
    for (int i = 0; b.length() < TagCommand.CHUNK_CHARS * 5 / 4; i++) {
      b.append(i % 3 == 0 ? "Smith met Jones in Paris .\r\n" : "").append(TEXT).append("\n \n");
    }
    String text = b.toString();
    Path in = dir.resolve("large.txt");
    Files.writeString(in, text, StandardCharsets.UTF_8);
    Cli.Result r = tag(in, "--format", "jsonl", "--precision", "float64");
    assertEquals(0, r.code(), r.err());
    List<String> got = r.out().lines().toList();
    List<String> want = new ArrayList<>();
    for (EntitySpan e : new TextTagger(TextTagger.loadModel(model), 2).tag(text)) {
      JsonObject o = new JsonObject();
      o.addProperty("begin", e.begin());
      o.addProperty("end", e.end());
      o.addProperty("type", e.type());
      o.addProperty("text", e.text());
      o.addProperty("sentence", e.sentence());
      want.add(o.toString());
    }
    assertTrue(want.size() > 10_000, "entities: " + want.size());
    for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
      assertEquals(want.get(i), got.get(i), "entity " + i);
    }
    assertEquals(want.size(), got.size());
  }

  @Test
  void anUnreadablePartStopsTagWithADataErrorAfterThePartsBeforeItArePrinted() throws Exception {
    // the first part (cut at the first blank line after CHUNK_CHARS characters) is printed before
    // the second fails to read
    StringBuilder b = new StringBuilder();
    while (b.length() < TagCommand.CHUNK_CHARS * 5 / 4) {
      b.append(TEXT).append("\n\n");
    }
    byte[] valid = b.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(valid, valid.length + 2);
    bytes[valid.length] = (byte) 0xFF; // invalid UTF-8 on the last line
    bytes[valid.length + 1] = '\n';
    Path in = dir.resolve("bad-tail.txt");
    Files.write(in, bytes);
    Cli.Result r = tag(in, "--precision", "float64");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("invalid UTF-8"), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.size() > 1000, "the first part's entities: " + lines.size());
    for (String line : lines) {
      assertTrue(
          Long.parseLong(line.split("\t")[1]) <= TagCommand.CHUNK_CHARS + TEXT.length() + 2, line);
    }
  }

  @Test
  void tagOnTwoThreadsPrintsWhatOneThreadPrints() throws Exception {
    // the held-out test file's sentences as raw text: several hundred sentences, many batches
    StringBuilder text = new StringBuilder();
    for (String line : Files.readAllLines(dir.resolve("test.txt"))) {
      text.append(line.isBlank() ? "\n" : line.split(" ")[0] + " ");
    }
    Path in = dir.resolve("many.txt");
    Files.writeString(in, text.toString(), StandardCharsets.UTF_8);
    for (String format : List.of("tsv", "conll")) {
      Cli.Result one = tag(in, "--format", format, "--threads", "1");
      Cli.Result two = tag(in, "--format", format, "--threads", "2");
      assertEquals(0, one.code(), one.toString());
      assertTrue(one.out().lines().count() > 100, one.out());
      assertEquals(one.out(), two.out(), format);
    }
    Cli.Result zero = Cli.run("tag", "--model", model.toString(), "--threads", "0");
    assertEquals(2, zero.code(), zero.toString());
    assertTrue(zero.err().contains("--threads must be >= 1, got 0"), zero.err());
  }

  @Test
  void tagReadsStdinAndWritesJsonLinesOrConll() throws Exception {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8)));
      Cli.Result json =
          Cli.run("tag", "--model", model.resolve("model.f4j").toString(), "--format", "jsonl");
      assertEquals(0, json.code(), json.toString());
      for (String line : json.out().lines().toList()) {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        assertEquals(
            TEXT.substring(o.get("begin").getAsInt(), o.get("end").getAsInt()),
            o.get("text").getAsString());
      }
      System.setIn(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8)));
      Cli.Result conll = Cli.run("tag", "--model", model.toString(), "--format", "conll");
      assertEquals(0, conll.code(), conll.toString());
      List<String> lines = conll.out().lines().toList();
      assertEquals("Ford " + lines.get(0).split(" ")[1], lines.get(0));
      assertEquals(
          3, lines.stream().filter(String::isEmpty).count(), "three sentences:\n" + conll.out());
      assertTrue(
          lines.stream().filter(l -> !l.isEmpty()).allMatch(l -> l.matches("\\S+ (O|[BI]-[A-Z]+)")),
          conll.out());
      System.setIn(new ByteArrayInputStream(new byte[] {'E', 'U', (byte) 0xC3, ' '}));
      Cli.Result bad = Cli.run("tag", "--model", model.toString());
      assertEquals(1, bad.code(), bad.toString());
      assertTrue(
          bad.err()
              .startsWith("ner-demo tag: stdin:1: invalid UTF-8: byte 0xC3 at byte 3 of the line"),
          bad.err());
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void unseenGoldTagsCountAsMissedNotAsErrors() throws Exception {
    Path test = dir.resolve("odd.txt");
    Files.writeString(test, "Siemens B-COMPANY\nsaid O\n", StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--test", test.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("processed 2 tokens with 1 phrases;"), r.out());
    assertFalse(r.out().contains("COMPANY: precision: 100"), r.out());
  }

  @Test
  void float32WithoutTheVectorApiIsAUsageErrorNamingTheFlag() throws Exception {
    Path in = dir.resolve("short.txt");
    Files.writeString(in, TEXT, StandardCharsets.UTF_8);
    for (String command : List.of("tag", "evaluate")) {
      List<String> args =
          command.equals("tag")
              ? List.of("tag", "--model", model.toString(), "--input", in.toString())
              : List.of(
                  "evaluate",
                  "--model",
                  model.toString(),
                  "--test",
                  dir.resolve("test.txt").toString());
      Cli.Result r = Cli.run(Cli.args(args, "--precision", "float32"));
      assertEquals(2, r.code(), r.toString());
      assertTrue(r.err().contains("--precision float32: "), r.err());
      assertTrue(r.err().contains("--add-modules jdk.incubator.vector"), r.err());
    }
    // without the flag, tag's default is the float64 path
    assertEquals(0, tag(in).code());
    // --precision has no meaning for a predictions file (on Spark it does: the spark module's
    // tests)
    Path predictions =
        Path.of(getClass().getResource("/conlleval/051-random-ill-formed-1.txt").toURI());
    for (String flag : List.of("--precision", "--threads")) {
      Cli.Result r =
          Cli.run(
              "evaluate",
              "--predictions",
              predictions.toString(),
              flag,
              flag.equals("--threads") ? "2" : "float64");
      assertEquals(2, r.code(), r.toString());
      assertTrue(r.err().contains(flag + " goes with --model, not --predictions"), r.err());
    }
  }

  @Test
  void float32TagsTheHeldOutCorpusAsFloat64Does() throws Exception {
    String test = dir.resolve("test.txt").toString();
    Path p64 = dir.resolve("pred64.txt");
    Path p32 = dir.resolve("pred32.txt");
    Cli.Result r64 =
        Cli.run(
            "evaluate",
            "--model",
            model.toString(),
            "--test",
            test,
            "--write-predictions",
            p64.toString());
    assertEquals(0, r64.code(), r64.toString());
    Cli.Result r32 =
        Cli.runWithVectorApi(
            dir,
            "evaluate",
            "--model",
            model.toString(),
            "--test",
            test,
            "--precision",
            "float32",
            "--write-predictions",
            p32.toString());
    assertEquals(0, r32.code(), r32.toString());
    List<String> a = Files.readAllLines(p64);
    List<String> b = Files.readAllLines(p32);
    assertEquals(a.size(), b.size());
    int tokens = 0;
    int same = 0;
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).isBlank()) {
        tokens++;
        same += a.get(i).equals(b.get(i)) ? 1 : 0;
      }
    }
    assertTrue(tokens > 2000, "tokens " + tokens);
    assertTrue(same >= 0.9999 * tokens, same + " of " + tokens + " tokens tagged alike");
    double f64 = Double.parseDouble(r64.out().replaceAll("(?s).*?FB1: +([0-9.]+).*", "$1"));
    double f32 = Double.parseDouble(r32.out().replaceAll("(?s).*?FB1: +([0-9.]+).*", "$1"));
    assertEquals(f64, f32, 0.01, "conlleval F1, float64 vs float32");
  }
}
