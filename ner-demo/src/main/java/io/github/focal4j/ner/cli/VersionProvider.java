package io.github.focal4j.ner.cli;

import io.github.focal4j.loss.Implementation;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the {@code Implementation-Version} of the jar manifest, else the version Maven
 * recorded in {@code pom.properties}, else "development build" (running from classes); then the git
 * commit the build was made from ({@code git.properties}, written by the build), with "modified"
 * when tracked files had uncommitted changes, or "unknown" when built outside a git checkout.
 */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
      "ner-demo (Focal4J) " + version() + ", commit " + commit(),
      "Java "
          + System.getProperty("java.version")
          + " ("
          + System.getProperty("java.vm.name")
          + ")",
      "Loss kernels: "
          + (Implementation.vectorized()
              ? "vector (jdk.incubator.vector)"
              : "scalar (java --add-modules jdk.incubator.vector enables the vector kernels)")
    };
  }

  /**
   * The commit the build was made from, 12 hex digits, with {@code " (modified)"} when tracked
   * files had uncommitted changes; {@code "unknown"} when the build had no git metadata.
   */
  static String commit() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("git.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String id = p.getProperty("git.commit.id.abbrev", "");
        if (id.matches("[0-9a-f]{7,40}")) {
          return Boolean.parseBoolean(p.getProperty("git.dirty")) ? id + " (modified)" : id;
        }
      }
    } catch (IOException e) {
      // fall through to the fallback
    }
    return "unknown";
  }

  /** The version string. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    if (v != null) {
      return v;
    }
    try (InputStream in =
        Main.class.getResourceAsStream(
            "/META-INF/maven/io.github.focal4j/ner-demo/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String pv = p.getProperty("version");
        if (pv != null) {
          return pv;
        }
      }
    } catch (IOException e) {
      // fall through to the fallback
    }
    return "development build";
  }
}
