package io.github.focal4j.spark;

import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * The session a command runs in: the active one if it has the same master (a test, a notebook, a
 * spark-submit driver that made one), else a new one that {@link Lease#close()} stops. An active
 * session on another master is an error: Spark would silently hand it back instead.
 */
final class SparkSessions {

  private SparkSessions() {}

  /** A session and whether the command owns it. */
  record Lease(SparkSession session, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        session.stop();
      }
    }
  }

  static Lease open(String master, String appName) {
    Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isEmpty()) {
      active = SparkSession.getDefaultSession();
    }
    if (active.isDefined() && !active.get().sparkContext().isStopped()) {
      String running = active.get().sparkContext().master();
      if (running.equals(master)) {
        return new Lease(active.get(), false);
      }
      throw new IllegalStateException(
          "--spark "
              + master
              + ": this JVM already runs a Spark session on "
              + running
              + " (one SparkContext per JVM)");
    }
    SparkSession s;
    try {
      s = SparkSession.builder().master(master).appName(appName).getOrCreate();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--spark " + master + ": cannot start Spark (" + e.getMessage() + ")", e);
    }
    s.sparkContext().setLogLevel("WARN");
    return new Lease(s, true);
  }
}
