package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher ({@code target/bin/ner-demo}, run by failsafe after {@code package}): it
 * starts the runnable jar with the Vector API module, its compile policy and a heap cap, from any
 * working directory and through a symbolic link, and passes arguments and the exit code through.
 */
class LauncherIT {

  private static final Path LAUNCHER = Path.of("target", "bin", "ner-demo").toAbsolutePath();

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result run(Path launcher, String... args) throws IOException, InterruptedException {
    return runWithJavaOpts(launcher, "", args);
  }

  private Result runWithJavaOpts(Path launcher, String javaOpts, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("JAVA_OPTS", javaOpts);
    pb.environment().remove("NER_DEMO_OPTS");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher timed out");
    return new Result(
        p.exitValue(),
        Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
  }

  @Test
  void versionRunsOnTheVectorKernels() throws Exception {
    assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is not an executable file");
    Result r = run(LAUNCHER, "--version");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("ner-demo (Focal4J) "), r.out());
    assertTrue(r.out().contains(", commit "), r.out());
    // the module is there: the JVM says so, and the kernels do not ask for the flag
    assertTrue(r.err().contains("Using incubator modules: jdk.incubator.vector"), r.err());
    assertFalse(r.out().contains("Loss kernels: scalar (java --add-modules"), r.out());
    assertFalse(r.err().contains("without the Vector API module"), r.err());
  }

  /**
   * Without it, HotSpot on 2 cores sometimes compiled the Vector API's methods without profiling at
   * start-up, and the training kernels with boxed vectors for the rest of the run.
   */
  @Test
  void neverCompilesWithoutProfilingBecauseC2IsBusy() throws Exception {
    Result r = runWithJavaOpts(LAUNCHER, "-XX:+PrintFlagsFinal", "--version");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .lines()
            .anyMatch(l -> l.matches("\\s*intx Tier3DelayOn\\s+= 100000 .*\\{command line\\}")),
        r.out()
            .lines()
            .filter(l -> l.contains("Tier3DelayOn"))
            .findFirst()
            .orElse("no Tier3DelayOn"));
  }

  /** The launcher's JVM has the Vector API, so training can compute its LSTM in float32. */
  @Test
  void trainsInFloat32AndSaysSoInTheReport() throws Exception {
    Result r =
        run(
            LAUNCHER,
            "train",
            "--preset",
            "demo",
            "--epochs",
            "1",
            "--precision",
            "float32",
            "--no-progress",
            "--out",
            "run",
            "--report",
            "report.json");
    assertEquals(0, r.code(), r.err());
    com.google.gson.JsonObject settings =
        com.google.gson.JsonParser.parseString(Files.readString(dir.resolve("report.json")))
            .getAsJsonObject()
            .getAsJsonObject("settings");
    assertEquals(
        "FLOAT32",
        settings.getAsJsonObject("trainer").get("precision").getAsString(),
        settings.toString());
    assertTrue(Files.isRegularFile(dir.resolve("run").resolve("model.f4j")));
  }

  @Test
  void worksThroughASymbolicLinkAndPassesTheExitCode() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("nd"), LAUNCHER);
    Result r = run(link, "train", "--loss", "focal", "--gamma", "-1");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("ner-demo train: --gamma -1: "), r.err());
  }
}
