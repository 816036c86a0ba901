package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.loss.CrossEntropyLoss;
import io.github.focal4j.loss.FocalLoss;
import io.github.focal4j.loss.NonFiniteLogitException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input matrix of the command line (issue 6): one row per awkward or broken input, each run
 * through {@code ner-demo} in-process and checked for its exit code and its one-line message
 * (naming file:line where there is one), or for its defined result. Exit codes: 1 for data and file
 * errors, 2 for usage errors. docs/RELIABILITY.md lists the same rows.
 */
class BadInputMatrixTest {

  @TempDir static Path dir;

  /** A tiny model trained once on a small synthetic corpus (PER, LOC, ORG, MISC). */
  private static Path model;

  @BeforeAll
  static void trainTinyModel() throws IOException {
    Cli.writeCorpus(dir, 200, 40, 40);
    model = dir.resolve("model");
    Cli.Result r = Cli.run(tinyTrain("--train", path("train.txt"), "--out", model.toString()));
    assertEquals(0, r.code(), r.toString());
  }

  // ------------------------------------------------------------------ the matrix

  @TestFactory
  Stream<DynamicTest> corpusFiles() {
    return Stream.of(
        row(
            "empty file",
            () ->
                dataError(
                    train(file("empty.txt", "")),
                    path("empty.txt") + ": no sentences: the input is empty")),
        row(
            "no trailing blank line: the last sentence still ends",
            () ->
                scored(
                    file("no-blank.txt", "Acme B-ORG\nsells O\n\nAnna B-PER\nKowalska I-PER"),
                    "processed 4 tokens with 2 phrases")),
        row(
            "CRLF line endings: read like LF",
            () ->
                scored(
                    file(
                        "crlf.txt",
                        "Acme B-ORG\r\nsells O\r\n\r\nAnna B-PER\r\nKowalska I-PER\r\n\r\n"),
                    "processed 4 tokens with 2 phrases")),
        row(
            "a stray CR inside a line",
            () ->
                dataError(
                    train(file("cr.txt", "Acme B-ORG\nsells\rO\n")),
                    path("cr.txt")
                        + ":2: stray carriage return (CR): lines must end with LF or CRLF")),
        row("UTF-8 byte order mark: dropped", this::byteOrderMark),
        row(
            "invalid UTF-8",
            () ->
                dataError(
                    train(
                        file(
                            "latin1.txt",
                            "Acme B-ORG\nre\u00FF O\n".getBytes(StandardCharsets.ISO_8859_1))),
                    path("latin1.txt") + ":2: invalid UTF-8: byte 0xFF at byte 3 of the line")),
        row(
            "inconsistent column counts",
            () ->
                dataError(
                    train(file("columns.txt", "Acme NNP B-ORG\nsells VBZ O\nDanish B-MISC\n")),
                    path("columns.txt") + ":3: expected 3 columns like line 1, found 2")),
        row(
            "tag outside the scheme: X-PER",
            () ->
                dataError(
                    train(file("xper.txt", "Anna O\nKowalska X-PER\n")),
                    path("xper.txt")
                        + ":2: tag 'X-PER' is not an IOB2 tag: unknown prefix 'X'; expected O, B-TYPE or I-TYPE")),
        row(
            "tag outside the scheme: B-",
            () ->
                dataError(
                    train(file("bdash.txt", "Anna B-\n")),
                    path("bdash.txt")
                        + ":1: tag 'B-' is not an IOB2 tag: empty type; expected O, B-TYPE or I-TYPE")),
        row(
            "tag outside the scheme: S-PER in an IOB2 file",
            () ->
                dataError(
                    train(file("sper.txt", "Anna S-PER\n")),
                    path("sper.txt") + ":1: tag 'S-PER' is not an IOB2 tag")),
        row(
            "I- after O starts a chunk, as conlleval reads it",
            () ->
                scored(
                    file("i-after-o.txt", "met O\nAnna I-PER\nKowalska I-PER\n"),
                    "processed 3 tokens with 1 phrases")),
        row(
            "missing --train file",
            () ->
                dataError(
                    train(dir.resolve("nope.txt")), "no such file: " + dir.resolve("nope.txt"))));
  }

  @TestFactory
  Stream<DynamicTest> evaluationAndSizes() {
    return Stream.of(
        row("tags at evaluation time that training never saw: scored as missed", this::unseenTags),
        row("a 10,000-character token: train, evaluate, tag", this::longToken),
        row("a 5,000-token sentence: train, evaluate, tag", this::longSentence));
  }

  @TestFactory
  Stream<DynamicTest> checkpoints() throws IOException {
    byte[] good = Files.readAllBytes(model.resolve(TrainCommand.MODEL));
    byte[] future = good.clone();
    ByteBuffer.wrap(future).putInt(8, 7);
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 4;
    return Stream.of(
        row(
            "0-byte model file",
            () ->
                dataError(
                    evaluate(file("empty.f4j", new byte[0])),
                    path("empty.f4j") + ": is empty (0 bytes), not a checkpoint")),
        row(
            "truncated model file",
            () ->
                dataError(
                    evaluate(file("cut.f4j", Arrays.copyOf(good, good.length / 2))),
                    path("cut.f4j") + ": is truncated")),
        row(
            "foreign file",
            () ->
                dataError(
                    evaluate(file("zip.f4j", "PK\u0003\u0004 not ours")),
                    path("zip.f4j") + ": is not a Focal4J checkpoint (it starts with 0x504b0304")),
        row(
            "model file of a future format version",
            () ->
                dataError(
                    evaluate(file("future.f4j", future)),
                    path("future.f4j")
                        + ": was written in format version 7, newer than this build reads (version 1)")),
        row(
            "model file failing its checksum",
            () ->
                dataError(
                    evaluate(file("flipped.f4j", flipped)),
                    path("flipped.f4j") + ": fails its SHA-256 checksum: the file is corrupt")),
        row("train --resume with a 0-byte training checkpoint", this::resumeEmptyCheckpoint),
        row(
            "train --resume of a directory that is not a run",
            () ->
                dataError(
                    Cli.run("train", "--resume", dir.toString()),
                    dir.resolve(TrainCommand.COMMAND)
                        + ": no such file: not the --out DIR of a train run")),
        row(
            "a directory where a file goes (train, evaluate, tag)",
            () -> {
              Path d = Files.createDirectories(dir.resolve("a-directory"));
              String said = d + ": a directory, not a file";
              dataError(train(d), said);
              dataError(Cli.run("evaluate", "--predictions", d.toString()), said);
              dataError(Cli.run("tag", "--model", model.toString(), "--input", d.toString()), said);
            }),
        row(
            "train --resume of a file",
            () ->
                dataError(
                    Cli.run("train", "--resume", path("train.txt")),
                    path("train.txt")
                        + ": not a directory: --resume takes the --out DIR of a train run")),
        row(
            "train --resume of a path that does not exist",
            () ->
                dataError(
                    Cli.run("train", "--resume", path("no-run")),
                    path("no-run") + ": no such training directory")));
  }

  @TestFactory
  Stream<DynamicTest> nonFiniteValues() {
    return Stream.of(
        row(
            "NaN logits passed to a loss: a clear error by default",
            () -> {
              double[] x = {0.5, -1, Double.NaN, 2};
              NonFiniteLogitException e =
                  assertThrows(
                      NonFiniteLogitException.class,
                      () ->
                          CrossEntropyLoss.multiClass()
                              .build()
                              .apply(Tensor.of(x, 2, 2), IntTensor.of(new int[] {0, 1}, 2)));
              assertEquals(
                  "CrossEntropyLoss: logits[1, 0] (flat 2) is NaN; every logit must be finite (masked ones"
                      + " included)",
                  e.getMessage());
              assertTrue(e instanceof IllegalArgumentException);
            }),
        row(
            "infinite logits passed to a loss",
            () -> {
              double[] x = {0.5, Double.NEGATIVE_INFINITY};
              NonFiniteLogitException e =
                  assertThrows(
                      NonFiniteLogitException.class,
                      () ->
                          FocalLoss.multiClass()
                              .build()
                              .apply(Tensor.of(x, 1, 2), IntTensor.of(new int[] {0}, 1)));
              assertEquals("FocalLoss", e.loss());
              assertTrue(
                  e.getMessage().contains("logits[0, 1] (flat 1) is -Infinity"), e.getMessage());
            }),
        row(
            "training diverges (NaN/Inf loss or logits): stops naming the step, checkpoint intact",
            () -> {
              Path out = dir.resolve("diverged");
              Cli.Result r =
                  Cli.run(
                      tinyTrain(
                          "--train",
                          path("train.txt"),
                          "--optimizer",
                          "sgd",
                          "--lr",
                          "1e300",
                          "--out",
                          out.toString(),
                          "--checkpoint-every",
                          "1"));
              oneLineError(
                  r, 1, "ner-demo train: training diverged at step 2 (epoch 1, batch 2): ");
              assertTrue(r.err().contains("the last checkpoint (if any) is intact"), r.err());
              // the last good checkpoint loads and resumes (and diverges again at the same step)
              Cli.Result again = Cli.run("train", "--resume", out.toString(), "--no-progress");
              oneLineError(
                  again, 1, "ner-demo train: training diverged at step 2 (epoch 1, batch 2): ");
            }));
  }

  @TestFactory
  Stream<DynamicTest> invalidHyperparameters() {
    return Stream.of(
        usage(
            "train --gamma -1 --loss focal",
            "--gamma -1: FocalLoss: gamma must be finite and >= 0, got -1.0"),
        usage("train --loss focal --gamma NaN", "--gamma NaN: must be a number"),
        usage(
            "train --loss dsc --smooth 0",
            "--smooth 0: DiceLoss: smooth must be finite and > 0, got 0.0"),
        usage(
            "train --loss dsc(smooth=-1)",
            "--smooth -1: DiceLoss: smooth must be finite and > 0, got -1.0"),
        usage(
            "train --loss tversky --false-negative-weight -1",
            "--false-negative-weight -1: TverskyLoss: falseNegativeWeight must be finite and >= 0, got -1.0"),
        usage(
            "train --loss mom --lambda -1",
            "--lambda -1: MomLoss: lambda must be finite and >= 0, got -1.0"),
        usage(
            "train --loss mom --base mom", "--base mom: expected ce, focal, dsc, dice or tversky"),
        usage(
            "train --loss dice --self-adjusting-alpha 0.5",
            "--self-adjusting-alpha does not apply to --loss dice (it applies to dsc)"),
        usage("train --lr NaN", "--lr NaN: Adam: learning rate must be positive"),
        usage("train --lr -1", "--lr -1.0: Adam: learning rate must be positive"),
        usage("train --epochs 0", "--epochs 0: epochs must be >= 1, got 0"),
        usage("train --batch-size 0", "--batch-size 0: "),
        usage("train --hidden -3", "--hidden -3: hiddenSize must be positive, got -3"),
        usage("train --dropout 1", "--dropout 1.0: dropout must be in [0, 1)"),
        usage("train --word-dropout -0.1", "--word-dropout -0.1: wordDropout must be in [0, 1)"),
        usage(
            "train --ema 1",
            "--ema 1.0: emaDecay must be in (0, 1) (no averaging: leave it empty), got 1.0"),
        usage("train --char-cnn 8,8,2", "--char-cnn 8,8,2: charWidth must be odd and positive"),
        usage("train --threads 0", "--threads must be >= 1, got 0"),
        usage("train --epochs two", "Invalid value for option '--epochs': 'two' is not an int"),
        usage("train --checkpoint-every 5", "--checkpoint-every needs --out DIR"),
        usage("compare --seeds 0", "--seeds must be >= 1, got 0"),
        usage("compare --patience 2", "Unknown options: '--patience', '2'"),
        usage(
            "train --head crf --loss focal --crf-mix 1.5",
            "--crf-mix 1.5: mu must be in [0, 1], got 1.5"),
        usage(
            "train --head crf --loss focal --crf-mix -0.5",
            "--crf-mix -0.5: mu must be in [0, 1], got -0.5"),
        usage("train --head crf --crf-mix NaN", "--crf-mix NaN: mu must be in [0, 1], got NaN"),
        usage("train --loss focal --crf-mix 0.5", "--crf-mix 0.5 needs --head crf"),
        usage("train --crf-mix 1 --head softmax", "--crf-mix 1 needs --head crf"),
        usage(
            "train --head crf --loss focal",
            "--loss focal(gamma=2) needs --head softmax, or --crf-mix below 1"),
        usage(
            "train --head crf --crf-mix 0.5 --label-smoothing 0.1",
            "--label-smoothing 0.1 cannot act on the CRF marginals"),
        usage(
            "compare --head crf",
            "compare needs --head softmax, or --head crf with --crf-mix below 1"),
        usage("sweep gamma --crf-mix 0.5", "--crf-mix 0.5 needs --head crf"),
        // a key, class, series, value or seed given twice: refused, not last-one-wins or counted
        // twice as if it were another seed
        usage(
            "train --loss focal(gama=2)",
            "'focal(gama=2)': unknown key 'gama'; focal takes gamma, reduced-threshold,"
                + " label-smoothing, detach-weight, alpha, class-alpha, class-balanced"),
        usage(
            "train --loss focal(gamma=2,gamma=3)",
            "'focal(gamma=2,gamma=3)': gamma is given twice; give each key once"),
        usage(
            "train --class-alpha PER=2,PER=3",
            "--class-alpha: PER is given twice; give each class once"),
        usage(
            "train --loss ce(class-alpha=PER:2/PER:3)",
            "--class-alpha: PER is given twice; give each class once"),
        usage("train --class-alpha PER", "--class-alpha PER: expected CLASS=W, e.g. PER=1.5"),
        usage("train --class-alpha PER=x", "--class-alpha 'x' is not a number"),
        usage("compare --losses ce,ce", "--losses: 'ce' is listed twice; list each series once"),
        usage(
            "compare --losses focal,focal(gamma=2)",
            "--losses: 'focal' and 'focal(gamma=2)' are the same series, focal(gamma=2); list each"
                + " series once"),
        usage(
            "sweep k --losses soft,soft(k=3)",
            "--losses: 'soft(k=1)' and 'soft(k=3)' are the same series once sweep k sets k; list each"
                + " series once"),
        usage(
            "compare --seed-list 1,2,1", "--seed-list: seed 1 is given twice; give each seed once"),
        usage("sweep gamma --values 0,1,1.0", "--values: 1 is given twice; give each value once"));
  }

  // ------------------------------------------------------------------ rows with more to check

  private void byteOrderMark() throws IOException {
    byte[] bom = "\uFEFFAcme B-ORG\nsells O\n".getBytes(StandardCharsets.UTF_8); // EF BB BF first
    Path predictions = dir.resolve("bom-predictions.txt");
    Cli.Result r =
        Cli.run(
            "evaluate",
            "--model",
            model.toString(),
            "--test",
            file("bom.txt", bom).toString(),
            "--write-predictions",
            predictions.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("processed 2 tokens with 1 phrases"), r.out());
    assertTrue(
        Files.readString(predictions, StandardCharsets.UTF_8).startsWith("Acme B-ORG "),
        "no BOM in the token");
  }

  private void unseenTags() throws IOException {
    Path test = file("unseen.txt", "Wimbledon B-EVENT\nstarts O\nin O\nLondon B-LOC\n");
    Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--test", test.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("processed 4 tokens with 2 phrases;"), r.out());
    // conlleval's per-type table lists the unseen type, with no chunk found: recall 0
    assertTrue(
        r.out()
            .matches(
                "(?s).*\n +EVENT: precision: +0\\.00%; recall: +0\\.00%; FB1: +0\\.00 +\\d+\n.*"),
        r.out());
    // and the support table counts it as one missed gold chunk
    assertTrue(r.out().matches("(?s).*\n +EVENT +1 +\\d+ +0 .*"), r.out());
  }

  private void longToken() throws IOException {
    String token = "x".repeat(9_999) + "\u00E9";
    sizes("long-token", token + " B-MISC\nwins O\n", token + " wins .");
  }

  private void longSentence() throws IOException {
    StringBuilder conll = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      conll.append(i % 7 == 0 ? "Paris B-LOC\n" : "and O\n");
      text.append(i % 7 == 0 ? "Paris " : "and ");
    }
    sizes("long-sentence", conll.toString(), text.toString());
  }

  /**
   * Trains with {@code extra} appended to the corpus, then evaluates on it and tags {@code text}.
   */
  private void sizes(String name, String extra, String text) throws IOException {
    Path train =
        file(name + "-train.txt", Files.readString(dir.resolve("train.txt")) + "\n" + extra);
    Path test = file(name + "-test.txt", extra);
    Path out = dir.resolve(name + "-model");
    Cli.Result t = Cli.run(tinyTrain("--train", train.toString(), "--out", out.toString()));
    assertEquals(0, t.code(), t.toString());
    Cli.Result e = Cli.run("evaluate", "--model", out.toString(), "--test", test.toString());
    assertEquals(0, e.code(), e.toString());
    int tokens = extra.split("\n").length;
    assertTrue(e.out().startsWith("processed " + tokens + " tokens with "), e.out());
    Cli.Result g =
        Cli.run(
            "tag",
            "--model",
            out.toString(),
            "--input",
            file(name + ".txt", text).toString(),
            "--format",
            "conll");
    assertEquals(0, g.code(), g.toString());
    assertEquals(text.trim().split(" ").length, g.out().lines().filter(l -> !l.isEmpty()).count());
  }

  private void resumeEmptyCheckpoint() throws IOException {
    Path run = dir.resolve("run-to-break");
    Cli.Result r = Cli.run(tinyTrain("--train", path("train.txt"), "--out", run.toString()));
    assertEquals(0, r.code(), r.toString());
    Path ckpt = run.resolve(TrainCommand.CHECKPOINT);
    Files.write(ckpt, new byte[0]);
    dataError(
        Cli.run("train", "--resume", run.toString()),
        ckpt + ": is empty (0 bytes), not a checkpoint");
  }

  // ------------------------------------------------------------------ helpers

  /** A named row: a dynamic test. */
  private static DynamicTest row(String name, Check check) {
    return dynamicTest(name, check::run);
  }

  private static DynamicTest usage(String args, String message) {
    return row(args, () -> oneLineError(Cli.run(args.split(" ")), 2, message));
  }

  @FunctionalInterface
  interface Check {
    void run() throws Exception;
  }

  /**
   * Exit code 1 and one line on stderr, {@code ner-demo <command>: ...message...}, without a stack
   * trace.
   */
  private static void dataError(Cli.Result r, String message) {
    oneLineError(r, 1, message);
  }

  private static void oneLineError(Cli.Result r, int code, String message) {
    assertEquals(code, r.code(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), "one line:\n" + r.err());
    assertTrue(r.err().startsWith("ner-demo "), r.err());
    assertTrue(r.err().contains(message), "'" + message + "' in\n" + r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  /** {@code evaluate --model MODEL --test FILE} succeeds and starts with {@code expected}. */
  private static void scored(Path test, String expected) {
    Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--test", test.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith(expected), r.out());
  }

  private static Cli.Result train(Path file) {
    return Cli.run(tinyTrain("--train", file.toString()));
  }

  private static Cli.Result evaluate(Path modelFile) {
    return Cli.run("evaluate", "--model", modelFile.toString(), "--test", path("test.txt"));
  }

  /** {@code train} with the tiny model, one epoch, no progress bar, then {@code more}. */
  private static List<String> tinyTrain(String... more) {
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(Cli.TINY_MODEL);
    args.addAll(List.of("--epochs", "1", "--threads", "1", "--no-progress"));
    args.addAll(Arrays.asList(more));
    return args;
  }

  private static String path(String name) {
    return dir.resolve(name).toString();
  }

  private static Path file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Path file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }
}
