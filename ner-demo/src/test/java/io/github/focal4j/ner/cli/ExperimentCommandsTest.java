package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} and {@code sweep} end to end on small budgets. */
class ExperimentCommandsTest {

  @TempDir Path dir;

  private static List<String> tiny(String command, String... more) {
    List<String> a = Cli.args(List.of(command), Cli.TINY_MODEL.toArray(new String[0]));
    return Cli.args(
        Cli.args(
            a,
            "--synthetic-train",
            "160",
            "--synthetic-dev",
            "40",
            "--synthetic-test",
            "40",
            "--epochs",
            "1",
            "--no-progress"),
        more);
  }

  @Test
  void compareWritesTableJsonAndChart() throws Exception {
    Path out = dir.resolve("cmp");
    Cli.Result r =
        Cli.run(
            tiny(
                "compare",
                "--losses",
                "ce,focal(gamma=2,alpha=0.75),hard",
                "--seeds",
                "2",
                "--target-f1",
                "5",
                "--eval-every",
                "2",
                "--out",
                out.toString()));
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("| `focal(gamma=2,alpha=0.75)` | "), r.out());
    assertTrue(r.out().contains("Seeds: 1, 2 (the same for every loss)"), r.out());
    assertTrue(r.out().contains("Reproduce: `ner-demo compare "), r.out());
    assertTrue(r.out().contains("wrote " + out.resolve("compare.md")), r.out());
    assertEquals(3, r.out().lines().filter(l -> l.startsWith("| `")).count(), r.out());
    JsonObject j =
        JsonParser.parseString(Files.readString(out.resolve("compare.json"))).getAsJsonObject();
    JsonArray losses = j.getAsJsonArray("losses");
    assertEquals(3, losses.size());
    JsonObject ce = losses.get(0).getAsJsonObject();
    assertEquals("ce", ce.get("loss").getAsString());
    assertEquals(2, ce.getAsJsonObject("f1").get("n").getAsInt());
    assertEquals(2, ce.getAsJsonArray("runs").size());
    assertEquals(0.0, ce.getAsJsonObject("f1_delta").get("mean").getAsDouble());
    JsonObject run = ce.getAsJsonArray("runs").get(0).getAsJsonObject();
    assertEquals(5, run.getAsJsonArray("dev_curve").size(), "10 steps, dev every 2");
    assertEquals(
        Files.readString(out.resolve("compare.md")),
        r.out().substring(0, r.out().indexOf("\nwrote ")));
    BufferedImage png = ImageIO.read(out.resolve("compare.png").toFile());
    assertEquals(2 * 720, png.getWidth());
  }

  @Test
  void compareRowsForTheNlpLosses() throws Exception {
    Path out = dir.resolve("cmp-nlp");
    Cli.Result r =
        Cli.run(
            tiny(
                "compare",
                "--losses",
                "ce,dsc,tversky(false-negative-weight=0.7),mom(lambda=0.5)",
                "--seeds",
                "1",
                "--out",
                out.toString()));
    assertEquals(0, r.code(), r.toString());
    for (String row :
        List.of("ce", "dsc", "tversky(false-negative-weight=0.7)", "mom(lambda=0.5)")) {
      assertTrue(r.out().contains("| `" + row + "` | "), r.out());
    }
    assertEquals(4, r.out().lines().filter(l -> l.startsWith("| `")).count(), r.out());
    JsonArray losses =
        JsonParser.parseString(Files.readString(out.resolve("compare.json")))
            .getAsJsonObject()
            .getAsJsonArray("losses");
    assertEquals("mom(lambda=0.5)", losses.get(3).getAsJsonObject().get("loss").getAsString());
  }

  @Test
  void compareOnTheCrfMarginalsShowsMuInItsSetup() throws Exception {
    Path out = dir.resolve("cmp-crf");
    Cli.Result r =
        Cli.run(
            tiny(
                "compare",
                "--head",
                "crf",
                "--tagging",
                "bioes",
                "--crf-mix",
                "0.5",
                "--losses",
                "ce,focal(gamma=2)",
                "--seeds",
                "1",
                "--out",
                out.toString()));
    assertEquals(0, r.code(), r.toString());
    assertTrue(
        r.out().contains("crf (loss on its marginals, mu 0.5 of the likelihood) head"), r.out());
    assertTrue(r.out().contains("--crf-mix 0.5"), r.out());
    assertEquals(2, r.out().lines().filter(l -> l.startsWith("| `")).count(), r.out());
  }

  @Test
  void compareOnConllFilesWithoutDevReportsDevFiguresAsMissing() throws Exception {
    Cli.writeCorpus(dir, 160, 40, 40);
    List<String> a = Cli.args(List.of("compare"), Cli.TINY_MODEL.toArray(new String[0]));
    Cli.Result r =
        Cli.run(
            Cli.args(
                a,
                "--train",
                dir.resolve("train.txt").toString(),
                "--test",
                dir.resolve("test.txt").toString(),
                "--epochs",
                "1",
                "--seeds",
                "1",
                "--losses",
                "ce",
                "--no-progress",
                "--out",
                dir.resolve("o").toString()));
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("| `ce` | "), r.out());
    assertTrue(r.out().contains("not reached (0/1)"), r.out());
  }

  @Test
  void imbalanceSweepOnSyntheticData() throws Exception {
    Path out = dir.resolve("sw");
    Cli.Result r =
        Cli.run(
            tiny(
                "sweep",
                "imbalance",
                "--values",
                "0.57,0.15",
                "--losses",
                "ce,focal",
                "--seeds",
                "1",
                "--out",
                out.toString()));
    assertEquals(0, r.code(), r.toString());
    assertTrue(
        r.out()
            .contains(
                "| entity sentence share of training data | O tokens in training data (%) | `ce` |"),
        r.out());
    JsonObject j =
        JsonParser.parseString(Files.readString(out.resolve("sweep-imbalance.json")))
            .getAsJsonObject();
    JsonArray points = j.getAsJsonArray("points");
    assertEquals(4, points.size());
    double o57 =
        points
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("train_o_token_share")
            .get("mean")
            .getAsDouble();
    double o15 =
        points
            .get(2)
            .getAsJsonObject()
            .getAsJsonObject("train_o_token_share")
            .get("mean")
            .getAsDouble();
    assertTrue(o15 > o57 + 5, o57 + " vs " + o15);
    assertTrue(Files.size(out.resolve("sweep-imbalance.png")) > 1000);
  }

  private List<String> realSweep(String values, String losses, Path out) {
    List<String> a = Cli.args(List.of("sweep", "imbalance"), Cli.TINY_MODEL.toArray(new String[0]));
    return Cli.args(
        a,
        "--train",
        dir.resolve("train.txt").toString(),
        "--dev",
        dir.resolve("dev.txt").toString(),
        "--test",
        dir.resolve("test.txt").toString(),
        "--values",
        values,
        "--losses",
        losses,
        "--seeds",
        "1",
        "--epochs",
        "1",
        "--target-f1",
        "1",
        "--no-progress",
        "--out",
        out.toString());
  }

  @Test
  void imbalanceSweepOnConllFilesKeepsEveryEntityFreeSentenceAndResumes() throws Exception {
    Cli.writeCorpus(dir, 200, 40, 40);
    Path out = dir.resolve("o");
    List<String> args = realSweep("1,0.3", "ce,crf,crf(mu=0.5):focal(gamma=2)", out);
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("every sentence without an entity and, at each level"), r.out());
    // per level: the O-token share that resulted, and the full row table, CRF rows against `crf`
    assertTrue(
        r.out().contains("### share of entity sentences kept 0.3 (O tokens in training data: "),
        r.out());
    assertTrue(r.out().contains("| `crf(mu=0.5):focal(gamma=2)` | "), r.out());
    assertTrue(r.out().contains("(vs `crf`)"), r.out());
    assertTrue(
        r.out().contains("the series `crf`, `crf(mu=0.5):focal(gamma=2)` train their own head"),
        r.out());
    JsonArray points =
        JsonParser.parseString(Files.readString(out.resolve("sweep-imbalance.json")))
            .getAsJsonObject()
            .getAsJsonArray("points");
    assertEquals(6, points.size());
    double full =
        points
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("train_o_token_share")
            .get("mean")
            .getAsDouble();
    double kept =
        points
            .get(3)
            .getAsJsonObject()
            .getAsJsonObject("train_o_token_share")
            .get("mean")
            .getAsDouble();
    assertTrue(kept > full + 5, full + " vs " + kept);
    assertEquals("crf", points.get(5).getAsJsonObject().get("f1_delta_reference").getAsString());
    assertEquals(6, Files.readAllLines(out.resolve("sweep-imbalance.runs.jsonl")).size());

    // Started again: every run is taken from the run log (none is appended), the report is the
    // same.
    String before = Files.readString(out.resolve("sweep-imbalance.md"));
    Cli.Result again = Cli.run(args);
    assertEquals(0, again.code(), again.toString());
    assertEquals(before, Files.readString(out.resolve("sweep-imbalance.md")));
    assertEquals(6, Files.readAllLines(out.resolve("sweep-imbalance.runs.jsonl")).size());

    // One more level: only its three runs are trained and appended.
    Cli.Result more = Cli.run(realSweep("1,0.3,0.6", "ce,crf,crf(mu=0.5):focal(gamma=2)", out));
    assertEquals(0, more.code(), more.toString());
    assertEquals(9, Files.readAllLines(out.resolve("sweep-imbalance.runs.jsonl")).size());
  }

  @Test
  void anImbalanceLevelWithoutEntitySentencesIsADataError() throws Exception {
    Cli.writeCorpus(dir, 200, 40, 40);
    Cli.Result r = Cli.run(realSweep("0.0001", "ce", dir.resolve("o")));
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err().contains("--values: a share 0.0001 of the ")
            && r.err().contains("keeps none of them"),
        r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void aSeriesWithAnUnknownHeadIsAUsageError() throws Exception {
    Cli.writeCorpus(dir, 200, 40, 40);
    Cli.Result r = Cli.run(realSweep("1", "ce,lstm:ce", dir.resolve("o")));
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("unknown head 'lstm'"), r.err());
  }

  @Test
  void gammaSweep() throws Exception {
    Path out = dir.resolve("g");
    Cli.Result r =
        Cli.run(tiny("sweep", "gamma", "--values", "0,2", "--seeds", "1", "--out", out.toString()));
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("| gamma | `focal` |"), r.out());
    assertTrue(Files.exists(out.resolve("sweep-gamma.md")));
  }
}
