package io.github.focal4j.models.training;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.io.CheckpointException;
import io.github.focal4j.models.io.SectionReader;
import io.github.focal4j.models.io.SectionWriter;
import java.util.List;

/** {@link OptimizerConfig.Sgd}'s update; one momentum buffer per parameter element. */
final class SgdOptimizer implements Optimizer {

  private final OptimizerConfig.Sgd c;
  private final double[][] params;
  private final double[][] buf;
  private long t;

  SgdOptimizer(OptimizerConfig.Sgd config, List<Tensor> params) {
    this.c = config;
    this.params = new double[params.size()][];
    this.buf = new double[params.size()][];
    for (int i = 0; i < params.size(); i++) {
      this.params[i] = params.get(i).buffer();
      buf[i] = new double[this.params[i].length];
    }
  }

  @Override
  public void beginStep() {
    t++;
  }

  @Override
  public void update(int index, double[] grad, int from, int to, double lr) {
    double[] p = params[index];
    double[] b = buf[index];
    double mu = c.momentum();
    double wd = c.weightDecay();
    boolean first = t == 1;
    boolean nesterov = c.nesterov() == OptimizerConfig.Nesterov.ON;
    for (int k = from; k < to; k++) {
      double g = wd == 0 ? grad[k] : grad[k] + wd * p[k];
      if (mu != 0) {
        b[k] = first ? g : mu * b[k] + (1 - c.dampening()) * g;
        g = nesterov ? g + mu * b[k] : b[k];
      }
      p[k] -= lr * g;
    }
  }

  @Override
  public long steps() {
    return t;
  }

  @Override
  public void save(SectionWriter out) {
    out.writeString("sgd").writeLong(t).writeInt(params.length);
    for (double[] b : buf) {
      out.writeDoubles(b);
    }
  }

  @Override
  public void load(SectionReader in) throws CheckpointException {
    String kind = in.readString();
    if (!kind.equals("sgd")) {
      throw in.malformed("holds the state of optimizer '" + kind + "', the configuration says sgd");
    }
    long steps = in.readLong();
    int n = in.readInt();
    if (n != params.length) {
      throw in.malformed("holds buffers of " + n + " parameters, the model has " + params.length);
    }
    double[][] nb = new double[n][];
    for (int i = 0; i < n; i++) {
      nb[i] = in.readDoubles();
      if (nb[i].length != params[i].length) {
        throw in.malformed(
            "holds a buffer of length "
                + nb[i].length
                + " for parameter "
                + i
                + " of length "
                + params[i].length);
      }
    }
    in.expectEnd();
    t = steps;
    for (int i = 0; i < n; i++) {
      System.arraycopy(nb[i], 0, buf[i], 0, nb[i].length);
    }
  }
}
