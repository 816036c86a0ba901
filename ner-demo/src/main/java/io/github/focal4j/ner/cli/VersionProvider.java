package io.github.focal4j.ner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the {@code Implementation-Version} of the jar manifest, else the version Maven
 * recorded in {@code pom.properties}, else "development build" (running from classes).
 */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"ner-demo (Focal4J) " + version(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
  }

  /** The version string. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    if (v != null) {
      return v;
    }
    try (InputStream in = Main.class.getResourceAsStream(
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
