package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.models.io.CheckpointFormat;
import io.github.focal4j.models.io.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged behaviour that only a real process shows: exit codes through {@code System.exit},
 * SIGKILL mid-epoch then {@code --resume} ending bit-identical to an uninterrupted run, and SIGTERM
 * and SIGINT writing a final checkpoint and exiting with 143 and 130. Each child JVM trains a tiny
 * model on 300 synthetic sentences (a few seconds).
 */
class ChildProcessTest {

  @TempDir Path dir;

  private static final List<String> TRAIN =
      Cli.args(
          Cli.args(List.of("train"), Cli.TINY_MODEL.toArray(new String[0])),
          "--synthetic-train",
          "300",
          "--synthetic-dev",
          "40",
          "--synthetic-test",
          "40",
          "--threads",
          "2",
          "--checkpoint-every",
          "3",
          "--seed",
          "5",
          "--no-progress");

  private Process start(String name, List<String> args) throws IOException {
    List<String> cmd = Cli.childCommand(List.of(), args);
    return new ProcessBuilder(cmd)
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile())
        .start();
  }

  private String err(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
  }

  private int finish(String name, Process p) throws Exception {
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), name + " did not finish");
    return p.exitValue();
  }

  /** Waits until the run has written its first checkpoint. */
  private static void awaitCheckpoint(Path out, Process p) throws InterruptedException {
    Path ckpt = out.resolve(TrainCommand.CHECKPOINT);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(ckpt)) {
      assertTrue(p.isAlive(), "the run ended before its first checkpoint");
      assertTrue(System.nanoTime() < deadline, "no checkpoint after 60 s");
      Thread.sleep(5);
    }
  }

  private static Map<String, Tensor> parameters(Path file) throws IOException {
    TokenClassifier m = ModelFile.fromSections(file, CheckpointFormat.read(file));
    return m.namedParameters();
  }

  private static void assertBitIdentical(Path expected, Path actual) throws IOException {
    Map<String, Tensor> a = parameters(expected);
    Map<String, Tensor> b = parameters(actual);
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) {
      long[] x =
          java.util.Arrays.stream(a.get(name).buffer())
              .mapToLong(Double::doubleToRawLongBits)
              .toArray();
      long[] y =
          java.util.Arrays.stream(b.get(name).buffer())
              .mapToLong(Double::doubleToRawLongBits)
              .toArray();
      assertArrayEquals(x, y, name + " differs");
    }
  }

  @Test
  void killedMidEpochAndResumedEndsBitIdenticalToAnUninterruptedRun() throws Exception {
    Path whole = dir.resolve("whole");
    Path killed = dir.resolve("killed");
    assertEquals(
        0,
        finish(
            "whole",
            start(
                "whole",
                Cli.args(
                    TRAIN,
                    "--epochs",
                    "3",
                    "--out",
                    whole.toString(),
                    "--report",
                    dir.resolve("whole.json").toString()))),
        () -> "uninterrupted run failed");

    Process p = start("killed", Cli.args(TRAIN, "--epochs", "3", "--out", killed.toString()));
    awaitCheckpoint(killed, p);
    p.destroyForcibly(); // SIGKILL: no hook, no final checkpoint
    assertEquals(137, finish("killed", p));
    assertFalse(
        Files.exists(killed.resolve(TrainCommand.MODEL)), "the run finished before it was killed");

    int code =
        finish(
            "resumed",
            start(
                "resumed",
                List.of(
                    "train",
                    "--resume",
                    killed.toString(),
                    "--no-progress",
                    "--report",
                    dir.resolve("resumed.json").toString())));
    String resumedErr = err("resumed");
    assertEquals(0, code, () -> "resume failed: " + resumedErr);
    assertTrue(resumedErr.contains("resuming"), resumedErr);
    // the resumed run trained only what was left after the checkpoint
    assertTrue(trainedTokens("resumed.json") < trainedTokens("whole.json"));
    // the final training state and the saved (best dev epoch) model are the same, bit for bit
    assertBitIdentical(
        whole.resolve(TrainCommand.CHECKPOINT), killed.resolve(TrainCommand.CHECKPOINT));
    assertBitIdentical(whole.resolve(TrainCommand.MODEL), killed.resolve(TrainCommand.MODEL));
  }

  private long trainedTokens(String report) throws IOException {
    return com.google.gson.JsonParser.parseString(Files.readString(dir.resolve(report)))
        .getAsJsonObject()
        .getAsJsonObject("train")
        .get("tokens")
        .getAsLong();
  }

  @ParameterizedTest
  @CsvSource({"TERM, 143", "INT, 130"})
  void aSignalWritesAFinalCheckpointAndExitsWith128PlusItsNumber(String signal, int exitCode)
      throws Exception {
    Path out = dir.resolve("term");
    Process p = start("term", Cli.args(TRAIN, "--epochs", "50", "--out", out.toString()));
    awaitCheckpoint(out, p);
    if (signal.equals("TERM")) {
      p.destroy();
    } else {
      assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
      // a JVM started with SIGINT ignored (a background job without job control) keeps it ignored
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        Assumptions.abort("SIGINT is ignored in this environment");
      }
    }
    assertEquals(exitCode, finish("term", p));
    String err = err("term");
    assertTrue(err.contains("signal received, stopping after the current step"), err);
    assertTrue(err.contains("continue with: ner-demo train --resume " + out), err);
    assertFalse(err.contains("\tat "), err);
    long step = Long.parseLong(err.replaceAll("(?s).*stopped after step (\\d+).*", "$1"));
    assertTrue(step > 0);
    io.github.focal4j.models.training.Trainer t =
        io.github.focal4j.models.training.Trainer.resume(
            out.resolve(TrainCommand.CHECKPOINT),
            io.github.focal4j.models.Objective.tokenLoss(
                io.github.focal4j.ner.experiment.LossSpec.crossEntropy()
                    .multiClass(List.of("O", "B-X"), new long[] {1, 1})));
    assertEquals(step, t.step(), "the final checkpoint holds the last step");
    assertFalse(Files.exists(out.resolve(TrainCommand.MODEL)));
  }

  @Test
  void exitCodesOfThePackagedCommand() throws Exception {
    assertEquals(0, finish("version", start("version", List.of("--version"))));
    assertEquals(
        2, finish("usage", start("usage", List.of("train", "--loss", "focal", "--gamma", "-1"))));
    assertEquals(
        "ner-demo train: --gamma -1: FocalLoss: gamma must be finite and >= 0, got -1.0 (see --help)\n",
        err("usage"));
    assertEquals(
        1,
        finish(
            "data",
            start("data", List.of("evaluate", "--predictions", dir.resolve("x").toString()))));
    assertEquals("ner-demo evaluate: no such file: " + dir.resolve("x") + "\n", err("data"));
  }
}
