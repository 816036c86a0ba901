package io.github.focal4j.loss.engine;

/**
 * The softened loss's {@code SOFTMAX} multi-class row ({@code SoftenedLoss.SoftmaxRows.row}) on a
 * block of rows: the margins of x and of v = −Kx with {@link RowLanes#margins}, their sigmoid parts
 * in passes, then each row's loss and gradient as in the scalar row.
 */
public final class SoftmaxRowLanes extends RowLanes {
  private final double negK;
  private final boolean detached;
  private double[] e; // the margin of x: exps, sums, logs of sums, margins, sigmoid parts
  private double[] sum;
  private double[] logSum;
  private double[] z;
  private double[] ez;
  private double[] rz;
  private double[] lz;
  private double[] ev; // the same for v = −Kx
  private double[] sumV;
  private double[] logSumV;
  private double[] zv;
  private double[] evz;
  private double[] rv;
  private double[] lv;

  public SoftmaxRowLanes(double k, boolean detached) {
    this.negK = -k;
    this.detached = detached;
  }

  @Override
  public void rows(
      double[] x,
      int off,
      int rows,
      int classes,
      int[] t,
      double[] alpha,
      double[] coef,
      double[] loss,
      double[] grad) {
    int n = LaneMath.roundUp(rows);
    e = LaneMath.ensure(e, n * classes);
    ev = LaneMath.ensure(ev, n * classes);
    sum = LaneMath.ensure(sum, n);
    logSum = LaneMath.ensure(logSum, n);
    z = LaneMath.ensure(z, n);
    ez = LaneMath.ensure(ez, n);
    rz = LaneMath.ensure(rz, n);
    lz = LaneMath.ensure(lz, n);
    sumV = LaneMath.ensure(sumV, n);
    logSumV = LaneMath.ensure(logSumV, n);
    zv = LaneMath.ensure(zv, n);
    evz = LaneMath.ensure(evz, n);
    rv = LaneMath.ensure(rv, n);
    lv = LaneMath.ensure(lv, n);
    RowLanes.margins(x, off, rows, classes, t, 1.0, e, sum, logSum, z);
    RowLanes.margins(x, off, rows, classes, t, negK, ev, sumV, logSumV, zv);
    LaneMath.sigmoidParts(z, ez, rz, lz, n);
    LaneMath.sigmoidParts(zv, evz, rv, lv, n);
    for (int k = 0; k < rows; k++) {
      double ce = Math.max(-z[k], 0.0) + lz[k];
      double w = Scalar.p(zv[k], evz[k], rv[k]); // softmax(−Kx)_t
      double at = alpha == null ? 1.0 : alpha[t[k]];
      loss[k] = at * w * ce;
      if (grad != null) {
        double a = coef[k] * at;
        double dz = -a * w * Scalar.q(z[k], ez[k], rz[k]); // ∂ℓ/∂z_t
        double dzv =
            detached ? 0.0 : a * ce * w * Scalar.q(zv[k], evz[k], rv[k]) * negK; // ∂ℓ/∂z'_t · ∂v/∂x
        double kz = -dz / sum[k];
        double kv = -dzv / sumV[k];
        int o = off + k * classes;
        for (int j = 0; j < classes; j++) {
          int i = RowLanes.at(k, j, classes);
          grad[o + j] = kz * e[i] + kv * ev[i];
        }
        grad[o + t[k]] = dz + dzv;
      }
    }
  }
}
