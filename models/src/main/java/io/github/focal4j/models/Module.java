package io.github.focal4j.models;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.ops.Precision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer or a model: named parameters plus named sub-modules, in registration order, with a
 * train/eval mode and a compute {@link Precision} — the shape of PyTorch's {@code nn.Module}.
 *
 * <p>{@link #namedParameters()} lists a module's own parameters first, then each child's under
 * {@code childName.}, recursively, so names are dotted paths such as {@code
 * encoder.lstm.forward.weightIh}. That order is stable and is the order optimizers and checkpoints
 * use.
 *
 * <p>Data-parallel training builds one {@link #replica()} per shard: the same structure over {@link
 * Tensor#replica() replicated} parameters (shared values, separate gradients). A module whose
 * gradient touches only some rows of a parameter (an embedding) reports them through {@link
 * #touchedRows(String)}, so gradients can be summed and cleared sparsely.
 */
public abstract class Module {

  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;
  private Precision precision = Precision.FLOAT64;

  /** Registers a parameter (marked {@code requiresGrad}); returns it. */
  protected final Tensor registerParameter(String name, Tensor value) {
    checkName(name);
    Preconditions.checkArgument(value.isLeaf(), "parameter '%s' must be a leaf tensor", name);
    value.requiresGrad(true);
    parameters.put(name, value);
    return value;
  }

  /** Registers a sub-module; returns it. */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkName(name);
    children.put(name, module);
    ((Module) module).setTraining(training);
    return module;
  }

  private void checkName(String name) {
    Preconditions.checkArgument(
        name != null && !name.isEmpty() && name.indexOf('.') < 0,
        "a parameter or module name must be non-empty and without dots, got '%s'",
        name);
    Preconditions.checkArgument(
        !parameters.containsKey(name) && !children.containsKey(name),
        "name '%s' is already registered in %s",
        name,
        getClass().getSimpleName());
  }

  /**
   * Every parameter by dotted name, own parameters first, then children's in registration order.
   */
  public final Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out);
    return Collections.unmodifiableMap(out);
  }

  private void collect(String prefix, Map<String, Tensor> out) {
    parameters.forEach((n, p) -> out.put(prefix + n, p));
    children.forEach((n, c) -> c.collect(prefix + n + ".", out));
  }

  /** The parameters in {@link #namedParameters()} order. */
  public final List<Tensor> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /** Total number of scalar parameters. */
  public final long parameterCount() {
    long n = 0;
    for (Tensor p : namedParameters().values()) {
      n += p.numel();
    }
    return n;
  }

  /** The direct children by name, in registration order. */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  /** Training mode (dropout active), recursively. */
  public final void train() {
    setTraining(true);
  }

  /** Evaluation mode (dropout is the identity), recursively. */
  public final void eval() {
    setTraining(false);
  }

  public final boolean isTraining() {
    return training;
  }

  private void setTraining(boolean value) {
    training = value;
    children.values().forEach(c -> c.setTraining(value));
  }

  /**
   * What the ops that offer a choice compute in from now on, recursively (today the LSTM's and the
   * char CNN's; see {@link Precision}). Parameters and gradients stay float64 either way.
   *
   * @throws IllegalStateException naming the missing JVM module when this JVM cannot compute in
   *     {@code value}
   */
  public final void setPrecision(Precision value) {
    Preconditions.checkNotNull(value, "precision");
    value.requireAvailable(getClass().getSimpleName() + ".setPrecision");
    applyPrecision(value);
  }

  private void applyPrecision(Precision value) {
    precision = value;
    children.values().forEach(c -> c.applyPrecision(value));
  }

  /** What this module's ops compute in; {@link Precision#FLOAT64} until {@link #setPrecision}. */
  public final Precision precision() {
    return precision;
  }

  /** Drops every parameter's accumulated gradient. */
  public final void zeroGrad() {
    namedParameters().values().forEach(Tensor::zeroGrad);
  }

  /**
   * The rows of parameter {@code name} (dotted) that may have a non-zero gradient since the last
   * {@link #clearTouchedRows()}, sorted; {@code null} when the gradient may be dense.
   *
   * @throws IllegalArgumentException if no such parameter exists
   */
  public final int[] touchedRows(String name) {
    int dot = name.indexOf('.');
    if (dot < 0) {
      Preconditions.checkArgument(
          parameters.containsKey(name),
          "no parameter '%s' in %s",
          name,
          getClass().getSimpleName());
      return ownTouchedRows(name);
    }
    Module child = children.get(name.substring(0, dot));
    Preconditions.checkArgument(
        child != null, "no module '%s' in %s", name.substring(0, dot), getClass().getSimpleName());
    return child.touchedRows(name.substring(dot + 1));
  }

  /** Forgets the touched rows recorded so far, recursively. */
  public final void clearTouchedRows() {
    clearOwnTouchedRows();
    children.values().forEach(Module::clearTouchedRows);
  }

  /** Row-sparse modules override this and {@link #clearOwnTouchedRows()}; the default is dense. */
  protected int[] ownTouchedRows(String parameterName) {
    return null;
  }

  protected void clearOwnTouchedRows() {}

  /**
   * A module of the same structure whose parameters are {@link Tensor#replica() replicas} of these
   * (shared values, own gradients), in the same mode; for one worker of data-parallel training.
   */
  public abstract Module replica();

  /**
   * Puts {@code replica} (a freshly built copy of this module) in this module's mode and precision;
   * returns it.
   */
  protected final <M extends Module> M inSameMode(M replica) {
    ((Module) replica).setTraining(training);
    ((Module) replica).applyPrecision(precision);
    return replica;
  }

  /**
   * Copies every parameter's values from {@code source}, which must have the same names and shapes.
   */
  public final void copyParametersFrom(Module source) {
    Map<String, Tensor> mine = namedParameters();
    Map<String, Tensor> theirs = source.namedParameters();
    Preconditions.checkArgument(
        mine.keySet().equals(theirs.keySet()),
        "parameter names differ: %s vs %s",
        mine.keySet(),
        theirs.keySet());
    List<String> bad = new ArrayList<>();
    mine.forEach(
        (n, p) -> {
          if (!java.util.Arrays.equals(p.shape(), theirs.get(n).shape())) {
            bad.add(n);
          }
        });
    Preconditions.checkArgument(bad.isEmpty(), "parameter shapes differ for %s", bad);
    mine.forEach((n, p) -> System.arraycopy(theirs.get(n).buffer(), 0, p.buffer(), 0, p.numel()));
  }
}
