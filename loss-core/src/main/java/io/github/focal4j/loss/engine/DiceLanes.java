package io.github.focal4j.loss.engine;

import static io.github.focal4j.loss.engine.LaneMath.LENGTH;
import static io.github.focal4j.loss.engine.LaneMath.SPECIES;
import static jdk.incubator.vector.DoubleVector.fromArray;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

/**
 * {@code DiceLoss.valueAndSlope} on vectors, step for step (the binary fused kernel's vector path).
 */
public final class DiceLanes extends IndicatorLanes {
  private final double alpha;
  private final double gamma;
  private double[] w; // (1 − p)^α

  public DiceLanes(double alpha, double gamma) {
    this.alpha = alpha;
    this.gamma = gamma;
  }

  @Override
  public void valuesAndSlopes(double[] zs, double[] ys, double[] loss, double[] slope, int n) {
    sigmoidParts(zs, n); // e, r, l, q = σ(−z), logQ
    w = LaneMath.ensure(w, n);
    LaneMath.pow(q, logQ, alpha, w, n);
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector z = fromArray(SPECIES, zs, i);
      DoubleVector e = fromArray(SPECIES, this.e, i);
      DoubleVector r = fromArray(SPECIES, this.r, i);
      DoubleVector q = fromArray(SPECIES, this.q, i);
      DoubleVector p = r.blend(e.mul(r), z.compare(LT, 0.0)); // σ(z)
      DoubleVector pt = p.mul(fromArray(SPECIES, w, i)); // p̃
      DoubleVector dpt = pt.mul(q.sub(p.mul(alpha)));
      VectorMask<Double> positive = fromArray(SPECIES, ys, i).compare(EQ, 1.0);
      DoubleVector d = pt.add(gamma).blend(pt.add(1.0 + gamma), positive);
      DoubleVector numerator = pt.blend(pt.neg().add(1.0), positive); // p̃, or 1 − p̃ for y = 1
      DoubleVector c = DoubleVector.broadcast(SPECIES, gamma).blend(-(2.0 + gamma), positive);
      c.div(d.mul(d)).mul(dpt).intoArray(slope, i);
      numerator.div(d).intoArray(loss, i);
    }
  }
}
