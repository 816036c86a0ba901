package io.github.focal4j.models.training;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.io.CheckpointException;
import io.github.focal4j.models.io.SectionReader;
import io.github.focal4j.models.io.SectionWriter;
import java.util.List;

/** {@link OptimizerConfig.Adam}'s update; moments {@code m}, {@code v} per parameter element. */
final class AdamOptimizer implements Optimizer {

  private final OptimizerConfig.Adam c;
  private final double[][] params;
  private final double[][] m;
  private final double[][] v;
  private long t;
  private double stepSize;
  private double bc2Sqrt;

  AdamOptimizer(OptimizerConfig.Adam config, List<Tensor> params) {
    this.c = config;
    this.params = new double[params.size()][];
    this.m = new double[params.size()][];
    this.v = new double[params.size()][];
    for (int i = 0; i < params.size(); i++) {
      this.params[i] = params.get(i).buffer();
      m[i] = new double[this.params[i].length];
      v[i] = new double[this.params[i].length];
    }
  }

  @Override
  public void beginStep() {
    t++;
    stepSize = 1.0 / (1 - Math.pow(c.beta1(), t));
    bc2Sqrt = Math.sqrt(1 - Math.pow(c.beta2(), t));
  }

  @Override
  public void update(int index, double[] grad, int from, int to, double lr) {
    double[] p = params[index];
    double[] mi = m[index];
    double[] vi = v[index];
    double b1 = c.beta1();
    double b2 = c.beta2();
    double wd = c.weightDecay();
    double eps = c.eps();
    double step = lr * stepSize;
    for (int k = from; k < to; k++) {
      double g = wd == 0 ? grad[k] : grad[k] + wd * p[k];
      double mk = mi[k] * b1 + g * (1 - b1);
      double vk = vi[k] * b2 + (1 - b2) * g * g;
      mi[k] = mk;
      vi[k] = vk;
      p[k] -= step * (mk / (Math.sqrt(vk) / bc2Sqrt + eps));
    }
  }

  @Override
  public long steps() {
    return t;
  }

  @Override
  public void save(SectionWriter out) {
    out.writeString("adam").writeLong(t).writeInt(params.length);
    for (int i = 0; i < params.length; i++) {
      out.writeDoubles(m[i]).writeDoubles(v[i]);
    }
  }

  @Override
  public void load(SectionReader in) throws CheckpointException {
    String kind = in.readString();
    if (!kind.equals("adam")) {
      throw in.malformed(
          "holds the state of optimizer '" + kind + "', the configuration says adam");
    }
    long steps = in.readLong();
    int n = in.readInt();
    if (n != params.length) {
      throw in.malformed("holds moments of " + n + " parameters, the model has " + params.length);
    }
    double[][] nm = new double[n][];
    double[][] nv = new double[n][];
    for (int i = 0; i < n; i++) {
      nm[i] = in.readDoubles();
      nv[i] = in.readDoubles();
      if (nm[i].length != params[i].length || nv[i].length != params[i].length) {
        throw in.malformed(
            "holds moments of length "
                + nm[i].length
                + " for parameter "
                + i
                + " of length "
                + params[i].length);
      }
    }
    in.expectEnd();
    t = steps;
    for (int i = 0; i < n; i++) {
      System.arraycopy(nm[i], 0, m[i], 0, nm[i].length);
      System.arraycopy(nv[i], 0, v[i], 0, nv[i].length);
    }
  }
}
