package io.github.focal4j.ner.cluster;

import java.util.ServiceLoader;
import java.util.regex.Pattern;

/** Finds the {@link ClusterBackend} on the class path. */
public final class ClusterBackends {

  /** The master URLs Spark accepts, by shape. */
  private static final Pattern MASTER =
      Pattern.compile(
          "local|local\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\]|local-cluster\\[[1-9][0-9]*, *[1-9][0-9]*, *[1-9][0-9]*\\]"
              + "|yarn|(spark|k8s|mesos)://\\S+");

  private ClusterBackends() {}

  /** True if {@code master} has the shape of a Spark master URL. */
  public static boolean isMaster(String master) {
    return master != null && MASTER.matcher(master).matches();
  }

  /**
   * The backend, if one is on the class path.
   *
   * @throws IllegalStateException naming {@code flag} and what is missing otherwise
   */
  public static ClusterBackend require(String flag) {
    return ServiceLoader.load(ClusterBackend.class)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    flag
                        + " needs Focal4J's Spark module and Spark on the class path: run focal4j-spark.jar with spark-submit, or"
                        + " with java and Spark's jars (see README, 'Scaling out')"));
  }
}
