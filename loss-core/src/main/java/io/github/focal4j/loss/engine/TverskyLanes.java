package io.github.focal4j.loss.engine;

import static io.github.focal4j.loss.engine.LaneMath.LENGTH;
import static io.github.focal4j.loss.engine.LaneMath.SPECIES;
import static jdk.incubator.vector.DoubleVector.fromArray;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

/**
 * {@code TverskyLoss.valueAndSlope} on vectors, step for step (the binary fused kernel's vector
 * path).
 */
public final class TverskyLanes extends IndicatorLanes {
  private final double alpha;
  private final double beta;
  private final double gamma;

  public TverskyLanes(double alpha, double beta, double gamma) {
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
  }

  @Override
  public void valuesAndSlopes(double[] zs, double[] ys, double[] loss, double[] slope, int n) {
    sigmoidParts(zs, n); // e, r, q = σ(−z)
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector z = fromArray(SPECIES, zs, i);
      DoubleVector e = fromArray(SPECIES, this.e, i);
      DoubleVector r = fromArray(SPECIES, this.r, i);
      DoubleVector q = fromArray(SPECIES, this.q, i);
      DoubleVector p = r.blend(e.mul(r), z.compare(LT, 0.0)); // σ(z)
      VectorMask<Double> positive = fromArray(SPECIES, ys, i).compare(EQ, 1.0);
      DoubleVector d = p.mul(alpha).add(gamma).blend(p.add(q.mul(beta)).add(gamma), positive);
      DoubleVector numerator = p.mul(alpha).blend(q.mul(beta), positive);
      DoubleVector c =
          DoubleVector.broadcast(SPECIES, alpha * gamma).blend(-beta * (1.0 + gamma), positive);
      c.mul(p).mul(q).div(d.mul(d)).intoArray(slope, i);
      numerator.div(d).intoArray(loss, i);
    }
  }
}
