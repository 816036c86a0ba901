package io.github.focal4j.ner.cluster;

import io.github.focal4j.ner.eval.DocstartPolicy;
import io.github.focal4j.ner.eval.EvaluationResult;
import io.github.focal4j.ner.experiment.RunPlan;
import io.github.focal4j.ner.experiment.RunSummary;
import java.util.List;

/**
 * The engine behind {@code --spark MASTER}: a plug-in found with {@link java.util.ServiceLoader}.
 * ner-demo has none of its own; the {@code spark} module (artifact {@code io.github.focal4j:spark})
 * implements it, so ner-demo never depends on Spark. {@link ClusterBackends#require} finds it or
 * says what to put on the class path.
 *
 * <p>Every method runs a whole job and returns on the driver; the master is the string given to
 * {@code --spark} ({@code local[2]}, {@code spark://host:7077}, {@code yarn} ...). Paths are
 * strings because a cluster reads them itself (a local path must be readable at the same place on
 * every executor; {@code hdfs://} and other Hadoop file systems work too).
 */
public interface ClusterBackend {

  /** The flag's name in messages, such as {@code --spark}. */
  String name();

  /**
   * Runs some runs of an experiment, one task per run. A run that fails (diverges, or throws
   * anything) comes back as a {@linkplain RunSummary#failed() failed} summary with its error; the
   * experiment goes on. {@code finished} is called on the driver as each run ends, in the order
   * they end, so that the caller can keep each result the moment it exists (the run log of an
   * experiment that may be interrupted).
   *
   * <p>Workers do not receive the plans (corpora and settings are large and not serializable): they
   * rebuild them from {@code args} with {@link io.github.focal4j.ner.cli.ExperimentPlans#rebuild}
   * (plans are deterministic), run the one at their index, and check that its series, value and
   * seed are the driver's.
   *
   * @param master the cluster
   * @param args the whole command line of {@code ner-demo compare} or {@code sweep}
   * @param plans the driver's plans, built from {@code args}, all of them
   * @param which the indices (into {@code plans}) of the runs to train
   * @param targetF1 the dev F1 (percent) whose first step each run records
   * @param finished called on the driver with each run's index and summary as it ends
   */
  void runExperiment(
      String master,
      List<String> args,
      List<RunPlan> plans,
      List<Integer> which,
      double targetF1,
      java.util.function.BiConsumer<Integer, RunSummary> finished);

  /**
   * conlleval's counts over every prediction file under {@code path} (a file, a directory of files
   * or a glob), counted per file on the cluster and added up on the driver.
   *
   * @param encoding the files' character encoding (as {@code evaluate --encoding})
   * @throws io.github.focal4j.ner.data.DataFormatException naming {@code file:line} for an
   *     ill-formed file (the first in path order)
   */
  EvaluationResult evaluate(
      String master, String path, DocstartPolicy docstart, java.nio.charset.Charset encoding);

  /**
   * Tags documents: every line of the text files under {@code job.input()} (or every row of the
   * Parquet input's text column) is one document; writes one row per document with its entities.
   *
   * @return the number of documents tagged
   */
  long tag(String master, TagJob job);
}
