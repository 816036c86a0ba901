package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Help, version, exit codes and one-line error messages, in-process. */
class MainTest {

  @TempDir Path dir;

  @Test
  void helpListsEverySubcommandAndExitsZero() {
    Cli.Result r = Cli.run("--help");
    assertEquals(0, r.code(), r.toString());
    for (String c : new String[] {"train", "evaluate", "tag", "compare", "sweep", "curves"}) {
      assertTrue(r.out().contains("  " + c + " "), c + " missing from\n" + r.out());
    }
  }

  @Test
  void subcommandHelpExitsZeroAndFormatsCleanly() {
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(new java.io.PrintStream(warnings, true, StandardCharsets.UTF_8));
      for (String c : new String[] {"train", "evaluate", "tag", "compare", "sweep", "curves"}) {
        Cli.Result r = Cli.run(c, "--help");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Usage: ner-demo " + c), r.out());
        assertEquals("", r.err());
      }
    } finally {
      System.setErr(stderr);
    }
    assertEquals(
        "",
        warnings.toString(StandardCharsets.UTF_8),
        "picocli warnings (an unescaped % in a description?)");
  }

  @Test
  void theLossFlagsAreLeftOutOnlyWhenTheCommandTakesNone() {
    for (String first : new String[] {"train", "curves", "help", "--verbose", "nope"}) {
      picocli.CommandLine cl = Main.commandLine(new Main(), java.util.Optional.of(first));
      assertTrue(
          cl.getSubcommands().get("train").getCommandSpec().findOption("--smooth") != null, first);
      assertTrue(
          cl.getSubcommands().get("curves").getCommandSpec().findOption("--smooth") != null, first);
    }
    for (String first : new String[] {"tag", "evaluate", "compare", "sweep"}) {
      picocli.CommandLine cl = Main.commandLine(new Main(), java.util.Optional.of(first));
      assertEquals(
          null, cl.getSubcommands().get("train").getCommandSpec().findOption("--smooth"), first);
    }
    Cli.Result help = Cli.run("help", "train");
    assertEquals(0, help.code(), help.toString());
    assertTrue(help.out().contains("--smooth"), help.out());
  }

  @Test
  void versionHasAFallbackOutsideTheJar() {
    Cli.Result r = Cli.run("--version");
    assertEquals(0, r.code());
    // from classes there is no manifest: Maven's pom.properties is not there either
    assertTrue(r.out().startsWith("ner-demo (Focal4J) "), r.out());
    assertFalse(r.out().contains("null"), r.out());
  }

  @Test
  void versionNamesTheCommitOfTheBuild() throws Exception {
    // the build writes git.properties into the classes; in a git checkout it holds the commit
    String first = Cli.run("--version").out().lines().findFirst().orElseThrow();
    assertTrue(
        first.matches(
            "ner-demo \\(Focal4J\\) \\S.*, commit ([0-9a-f]{12}( \\(modified\\))?|unknown)"),
        first);
    Path git = Path.of(System.getProperty("user.dir")).getParent().resolve(".git");
    if (Files.exists(git)) {
      String head =
          new String(
                  new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
                      .redirectErrorStream(true)
                      .start()
                      .getInputStream()
                      .readAllBytes(),
                  StandardCharsets.UTF_8)
              .trim();
      assertTrue(first.contains("commit " + head), first + " vs HEAD " + head);
    }
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Result r = Cli.run();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("a command is required"), r.err());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "train --gamma -1 --loss focal | --gamma -1: FocalLoss: gamma must be finite and >= 0",
        "train --k 2 | --k does not apply to --loss ce (it applies to soft)",
        "train --loss focal --alpha 1.5 | --alpha 1.5: CrossEntropyLoss: alpha must be in [0, 1]",
        "train --loss soft --k 0 | --k 0: SoftenedLoss: k must be finite and > 0",
        "train --loss hard --threshold 1 | --threshold 1: HardTruncationLoss: threshold must be in (0, 1)",
        "train --loss nope | unknown loss 'nope'",
        "train --epochs 0 | --epochs 0: epochs must be >= 1, got 0",
        "train --lr -1 | --lr -1.0: Adam: learning rate must be positive",
        "train --dropout 1 | --dropout 1.0: dropout must be in [0, 1)",
        "train --char-cnn 8,8,2 | --char-cnn 8,8,2: charWidth must be odd and positive",
        "train --preset huge | unknown preset 'huge'",
        "train --gama 2 | Unknown options: '--gama', '2'; did you mean --gamma?",
        "train --epochs two | Invalid value for option '--epochs': 'two' is not an int",
        "train --loss focal --head crf | needs --head softmax",
        "train --dev x.txt | --dev and --test need --train",
        "train --checkpoint-every 5 | --checkpoint-every needs --out DIR",
        "train --tag-column 0 | --tag-column 0: column 0 is the token",
        "curves --steps 1 | --steps must be >= 2, got 1",
        "curves --format png | --format png needs --out FILE",
        "compare --losses ce,focal(gamma=-2) | --gamma -2: FocalLoss: gamma must be finite and >= 0",
        "compare --gamma 1 --losses ce | --gamma set the default losses",
        "sweep nothing | unknown sweep 'nothing'",
        "compare --patience 2 | Unknown options: '--patience', '2'",
        "sweep imbalance --patience 2 | Unknown options: '--patience', '2'",
        "sweep k --losses focal | --k does not apply to --loss focal",
        "evaluate --model m --predictions p | mutually exclusive"
      })
  void usageErrorsExitTwoWithOneLineNamingTheFlag(String args, String message) {
    Cli.Result r = Cli.run(args.trim().split(" "));
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains(message.trim()), r.toString());
    assertEquals(1, r.err().strip().lines().count(), "one line:\n" + r.err());
    assertTrue(r.err().startsWith("ner-demo "), r.err());
  }

  @Test
  void missingFileIsADataError() {
    Cli.Result r = Cli.run("evaluate", "--predictions", dir.resolve("nope.txt").toString());
    assertEquals(1, r.code(), r.toString());
    assertEquals("ner-demo evaluate: no such file: " + dir.resolve("nope.txt") + "\n", r.err());
  }

  @Test
  void malformedCorpusIsADataErrorNamingFileAndLine() throws IOException {
    Path train = dir.resolve("train.txt");
    Files.writeString(train, "EU B-ORG\nrejects O\nGerman X-MISC\n", StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("train", "--train", train.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("train.txt:3: tag 'X-MISC' is not an IOB2 tag"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without --verbose:\n" + r.err());
  }

  @Test
  void verboseAddsTheStackTrace() throws IOException {
    Path train = dir.resolve("train.txt");
    Files.writeString(train, "EU B-ORG\nrejects\n", StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("train", "--verbose", "--train", train.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("train.txt:2: expected 2 columns"), r.err());
    assertTrue(r.err().contains("\tat io.github.focal4j"), r.err());
  }

  @Test
  void corruptModelFileIsADataError() throws IOException {
    Path model = dir.resolve("model.f4j");
    Files.write(model, new byte[] {1, 2, 3});
    Path test = dir.resolve("test.txt");
    Files.writeString(test, "EU B-ORG\n", StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--test", test.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().startsWith("ner-demo evaluate: " + model), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }
}
