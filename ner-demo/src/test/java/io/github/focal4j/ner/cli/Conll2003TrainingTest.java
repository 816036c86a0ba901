package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.focal4j.ner.data.Conll2003Files;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short real run: one epoch of the demo model on CoNLL-2003 train (about 10 s on two cores)
 * reaches a sane test F1. Runs where {@code shared/data/conll2003} sits beside the checkout,
 * skipped elsewhere (the data is research-only and never copied into the repository).
 */
class Conll2003TrainingTest {

  @TempDir Path dir;

  @Test
  void oneEpochOfTheDemoModelReachesAnF1FloorOnTheTestSet() throws Exception {
    Optional<Path> train = Conll2003Files.find("train.txt");
    Optional<Path> test = Conll2003Files.find("test.txt");
    assumeTrue(train.isPresent() && test.isPresent(), "CoNLL-2003 not found beside the checkout");
    Path report = dir.resolve("report.json");
    Cli.Result r =
        Cli.run(
            "train",
            "--preset",
            "demo",
            "--epochs",
            "1",
            "--train",
            train.get().toString(),
            "--test",
            test.get().toString(),
            "--report",
            report.toString(),
            "--no-progress");
    assertEquals(0, r.code(), r.toString());
    JsonObject j = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    assertTrue(j.get("dev").isJsonNull());
    JsonObject t = j.getAsJsonObject("test");
    assertEquals(46435, t.get("tokens").getAsInt(), "CoNLL-2003 test without -DOCSTART- lines");
    assertEquals(5648, t.get("phrases").getAsInt());
    double f1 = t.get("f1").getAsDouble();
    assertTrue(f1 >= 50, "test F1 " + f1 + " after one epoch");
  }
}
