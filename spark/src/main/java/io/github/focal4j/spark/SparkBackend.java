package io.github.focal4j.spark;

import io.github.focal4j.ner.cluster.ClusterBackend;
import io.github.focal4j.ner.cluster.TagJob;
import io.github.focal4j.ner.eval.DocstartPolicy;
import io.github.focal4j.ner.eval.EvaluationResult;
import io.github.focal4j.ner.experiment.RunPlan;
import io.github.focal4j.ner.experiment.RunSummary;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * ner-demo's {@code --spark MASTER}: found by {@link java.util.ServiceLoader} (this module's {@code
 * META-INF/services}). Each command runs in the active session of that master, or in a session of
 * its own that it stops at the end.
 */
public final class SparkBackend implements ClusterBackend {

  @Override
  public String name() {
    return "--spark";
  }

  @Override
  public void runExperiment(
      String master,
      List<String> args,
      List<RunPlan> plans,
      List<Integer> which,
      double targetF1,
      BiConsumer<Integer, RunSummary> finished) {
    try (SparkSessions.Lease s = SparkSessions.open(master, "focal4j " + String.join(" ", args))) {
      SparkExperiments.run(s.session(), args, plans, which, targetF1, finished);
    }
  }

  @Override
  public EvaluationResult evaluate(
      String master, String path, DocstartPolicy docstart, java.nio.charset.Charset encoding) {
    try (SparkSessions.Lease s = SparkSessions.open(master, "focal4j evaluate " + path)) {
      return SparkEvaluation.evaluate(s.session(), path, docstart, encoding);
    }
  }

  @Override
  public long tag(String master, TagJob job) {
    try (SparkSessions.Lease s = SparkSessions.open(master, "focal4j tag " + job.input())) {
      return SparkTagging.tag(s.session(), job);
    }
  }
}
