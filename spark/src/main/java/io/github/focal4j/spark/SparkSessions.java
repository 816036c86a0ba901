package io.github.focal4j.spark;

import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * The session a command runs in: the active one if it has the same master (a test, a notebook, a
 * spark-submit driver that made one), else a new one that {@link Lease#close()} stops.
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
    if (active.isDefined() && !active.get().sparkContext().isStopped()
        && active.get().sparkContext().master().equals(master)) {
      return new Lease(active.get(), false);
    }
    SparkSession s;
    try {
      s = SparkSession.builder().master(master).appName(appName).getOrCreate();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--spark " + master + ": cannot start Spark (" + e.getMessage() + ")", e);
    }
    s.sparkContext().setLogLevel("WARN");
    return new Lease(s, true);
  }
}
