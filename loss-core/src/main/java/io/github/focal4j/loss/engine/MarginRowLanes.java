package io.github.focal4j.loss.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A margin loss's multi-class row ({@code MarginRows.row} in the loss package) on a block of rows:
 * the shifted logits of all rows in one array, one exp pass over it, the margins of all rows, the
 * function's {@link MarginLanes} on them, then each row's gradient.
 */
public final class MarginRowLanes extends RowLanes {
  private final MarginLanes f;
  private double[] e; // exp(x_j − max_{k≠t} x_k), 0 at t, laid out as RowLanes.at says
  private double[] sum; // [rows]: Σ_j e_j
  private double[] logSum;
  private double[] z;
  private double[] at;
  private double[] value;
  private double[] slope;

  public MarginRowLanes(MarginLanes f) {
    this.f = f;
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
    sum = LaneMath.ensure(sum, n);
    logSum = LaneMath.ensure(logSum, n);
    z = LaneMath.ensure(z, n);
    at = LaneMath.ensure(at, n);
    value = LaneMath.ensure(value, n);
    slope = LaneMath.ensure(slope, n);
    RowLanes.margins(
        x, off, rows, classes, t, 1.0, e, sum, logSum, z); // z_t = x_t − log Σ_{j≠t} e^{x_j}
    for (int k = 0; k < n; k++) {
      at[k] = k < rows && alpha != null ? alpha[t[k]] : 1.0;
    }
    f.valuesAndSlopes(z, at, value, slope, n);
    System.arraycopy(value, 0, loss, 0, rows);
    if (grad != null) {
      gradient(off, rows, classes, t, coef, grad);
    }
  }

  /**
   * grad = coef·f'(z_t)·∂z_t/∂x: d at the target, −d·e_j/Σ e elsewhere; a group of rows at a time,
   * into e's lanes, then out to the logits' layout.
   */
  private void gradient(int off, int rows, int classes, int[] t, double[] coef, double[] grad) {
    final int width = LaneMath.LENGTH;
    final VectorSpecies<Double> species = LaneMath.SPECIES;
    double[] targetLane = new double[width];
    for (int g = 0; g < rows; g += width) {
      for (int r = 0; r < width; r++) {
        targetLane[r] = g + r < rows ? t[g + r] : -1; // past the end: no target, never written out
      }
      DoubleVector tv = DoubleVector.fromArray(species, targetLane, 0);
      DoubleVector d =
          DoubleVector.fromArray(species, coef, g).mul(DoubleVector.fromArray(species, slope, g));
      DoubleVector q = d.neg().div(DoubleVector.fromArray(species, sum, g));
      for (int j = 0; j < classes; j++) {
        int i = g * classes + j * width;
        q.mul(DoubleVector.fromArray(species, e, i))
            .blend(d, tv.compare(VectorOperators.EQ, j))
            .intoArray(e, i);
      }
    }
    RowLanes.transposeOut(e, rows, classes, grad, off);
  }
}
