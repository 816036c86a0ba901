package io.github.focal4j.loss.engine;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * A row kernel's ({@code RowKernel} in the loss package) fused form on the vector path: a block of
 * rows at a time, exps and logs as passes over whole arrays (see {@link LaneMath}), the per-row
 * bookkeeping in plain loops. Only arrays cross its methods. An instance holds work arrays: one per
 * thread.
 *
 * <p><b>No gather, no scatter.</b> Rows move between the logits' layout and the lane layout ({@link
 * #at}) by plain scalar loads and stores ({@link #margins} in, {@link #transposeOut} out), never by
 * the Vector API's index-mapped {@code fromArray}/{@code intoArray}. AVX2 has no scatter
 * instruction, and on it JDK 17 runs the index-mapped {@code intoArray} as Java code that boxes a
 * vector per call, slower than the scalar kernel (loss-core's README, "What this machine found").
 * The scalar transposes are no slower than the hardware gather there, and work the same on every
 * CPU.
 */
public abstract class RowLanes {

  /**
   * Rows {@code [0, rows)} of the logits starting at {@code x[off]}, C per row: {@code loss[k]} is
   * row k's loss (α included, weight not) and, when grad is not null, {@code grad[off + k·C + j] =
   * coef[k]·∂ℓ_k/∂x_j} for every j.
   *
   * @param t each row's target, in [0, C)
   * @param alpha per-class α (length C) or null
   * @param coef each row's weight
   */
  public abstract void rows(
      double[] x,
      int off,
      int rows,
      int classes,
      int[] t,
      double[] alpha,
      double[] coef,
      double[] loss,
      double[] grad);

  /**
   * Where {@link #margins} puts row k's class j in its work array: rows in groups of {@link
   * LaneMath#LENGTH}, a group's class j in one vector (lane = row), so that every step runs down
   * the classes with all rows of the group in parallel.
   */
  static int at(int k, int j, int classes) {
    return (k / LaneMath.LENGTH * classes + j) * LaneMath.LENGTH + k % LaneMath.LENGTH;
  }

  /**
   * The target margins of a block of rows of the logits scaled by s (s = 1 for x itself, −K for the
   * softened loss's −Kx), as {@code Margin.multiClass}: with v = s·x and m = max_{j≠t} v_j, {@code
   * e[at(k, j)] = exp(v_j − m)} (0 at j = t), {@code sum[k] = Σ_j e} (in class order), {@code
   * logSum[k] = log sum[k]} and {@code z[k] = v_t − m − logSum[k]}. The rows are transposed a group
   * of {@link LaneMath#LENGTH} at a time (lane = row), one exp pass covers the whole block and one
   * log pass its rows. Rows past {@code rows}, up to the next multiple of the vector length, repeat
   * the group's first row.
   *
   * @param e at least {@code roundUp(rows)·C} doubles
   * @param sum, logSum, z at least {@code roundUp(rows)} doubles
   */
  static void margins(
      double[] x,
      int off,
      int rows,
      int classes,
      int[] t,
      double s,
      double[] e,
      double[] sum,
      double[] logSum,
      double[] z) {
    final int width = LaneMath.LENGTH;
    final VectorSpecies<Double> species = LaneMath.SPECIES;
    int n = LaneMath.roundUp(rows);
    // The whole block into lanes first, then the vector passes: a vector load of values that scalar
    // stores
    // have just written cannot be forwarded from the store buffer and waits (loss-core's README has
    // what a
    // transpose per group right before its loads cost).
    for (int g = 0; g < n; g += width) {
      for (int r = 0; r < width; r++) { // lane r holds row g + r (or row g, past the end)
        int row = g + r < rows ? g + r : g;
        z[g + r] = t[row]; // the target, until z is computed below
        for (int j = 0, from = off + row * classes, to = at(g + r, 0, classes);
            j < classes;
            j++, to += width) {
          e[to] = x[from + j] * s;
        }
      }
    }
    for (int g = 0; g < n; g += width) {
      int group = g * classes;
      DoubleVector tv = DoubleVector.fromArray(species, z, g);
      DoubleVector max = DoubleVector.broadcast(species, Double.NEGATIVE_INFINITY);
      DoubleVector vt = max;
      for (int j = 0; j < classes; j++) {
        DoubleVector v = DoubleVector.fromArray(species, e, group + j * width);
        VectorMask<Double> target = tv.compare(EQ, j);
        max = max.blend(v, v.compare(GT, max).andNot(target)); // max over j ≠ t
        vt = vt.blend(v, target);
      }
      vt.sub(max).intoArray(z, g);
      for (int j = 0; j < classes; j++) {
        int i = group + j * width;
        DoubleVector v = DoubleVector.fromArray(species, e, i).sub(max);
        v.blend(Double.NEGATIVE_INFINITY, tv.compare(EQ, j))
            .intoArray(e, i); // exp: 0 at the target
      }
    }
    LaneMath.exp(e, e, n * classes);
    for (int g = 0; g < n; g += width) {
      DoubleVector total = DoubleVector.zero(species);
      for (int j = 0; j < classes; j++) {
        total = total.add(DoubleVector.fromArray(species, e, g * classes + j * width));
      }
      total.intoArray(sum, g);
    }
    LaneMath.log(sum, logSum, n);
    for (int k = 0; k < n; k += width) {
      DoubleVector.fromArray(species, z, k)
          .sub(DoubleVector.fromArray(species, logSum, k))
          .intoArray(z, k);
    }
  }

  /**
   * The inverse of the lane layout for rows {@code [0, rows)}: {@code out[off + k·C + j] =
   * lanes[at(k, j)]}.
   */
  static void transposeOut(double[] lanes, int rows, int classes, double[] out, int off) {
    final int width = LaneMath.LENGTH;
    for (int k = 0; k < rows; k++) {
      for (int j = 0, from = at(k, 0, classes), to = off + k * classes;
          j < classes;
          j++, from += width) {
        out[to + j] = lanes[from];
      }
    }
  }
}
