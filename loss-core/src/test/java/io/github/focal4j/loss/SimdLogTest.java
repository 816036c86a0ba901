package io.github.focal4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A library user who starts the JVM without the Vector API module is told once, at INFO through
 * {@link System.Logger} (JUL's console handler here), which kernels run and the flag that enables
 * the fast ones; with the flag there is no such message. Each case runs a fresh JVM, since the
 * message is written when {@link Simd} is initialised.
 */
class SimdLogTest {

  /** The child JVM: asks for the kernel path several times, as a training loop would. */
  public static void main(String[] args) {
    for (int i = 0; i < 3; i++) {
      System.out.println(Implementation.vectorized());
    }
  }

  @Test
  void withoutTheModuleOneInfoLineNamesTheFlag() throws Exception {
    assumeFalse(
        Boolean.getBoolean("focal4j.test.expectVectorKernels"),
        "runs in the default execution only");
    String err = runChild(List.of());
    long lines = err.lines().filter(l -> l.contains("Focal4J loss kernels: scalar path")).count();
    assertEquals(1, lines, err);
    assertEquals(1, err.lines().filter(l -> l.startsWith("INFO: ")).count(), err);
    assertEquals(1, count(err, "--add-modules jdk.incubator.vector"), err);
  }

  @Test
  void withTheModuleNoAdviceIsLogged() throws Exception {
    assumeFalse(
        Boolean.getBoolean("focal4j.test.expectVectorKernels"),
        "runs in the default execution only");
    String err = runChild(List.of("--add-modules", "jdk.incubator.vector"));
    assertFalse(err.contains("without the Vector API module"), err);
    assertFalse(err.contains("--add-modules"), err);
  }

  private static String runChild(List<String> jvmArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SimdLogTest.class.getName());
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    return err;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
