package io.github.focal4j.loss.engine;

import static io.github.focal4j.loss.engine.LaneMath.LENGTH;
import static io.github.focal4j.loss.engine.LaneMath.SPECIES;
import static jdk.incubator.vector.DoubleVector.fromArray;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;

/**
 * {@code SoftenedLoss.valueAndSlope} on vectors, step for step (the fused kernels' vector path).
 */
public final class SoftenedLanes extends MarginLanes {
  private final double k;
  private final double weightSlope; // dw = weightSlope·w·σ(Kz): −K, or 0 when detached
  private double[] negAbs;
  private double[] ek;

  public SoftenedLanes(double k, boolean detached) {
    this.k = k;
    this.weightSlope = detached ? 0.0 : -k;
  }

  @Override
  public void valuesAndSlopes(double[] zs, double[] alpha, double[] loss, double[] slope, int n) {
    sigmoidParts(zs, n); // e = exp(−|z|), r = 1/(1 + e), l = log(1 + e)
    negAbs = LaneMath.ensure(negAbs, n);
    ek = LaneMath.ensure(ek, n);
    for (int i = 0; i < n; i += LENGTH) {
      fromArray(SPECIES, zs, i).abs().neg().intoArray(negAbs, i);
    }
    LaneMath.pow(e, negAbs, k, ek, n); // exp(−K|z|) = e^K
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    for (int i = 0; i < n; i += LENGTH) {
      DoubleVector z = fromArray(SPECIES, zs, i);
      DoubleVector e = fromArray(SPECIES, this.e, i);
      DoubleVector r = fromArray(SPECIES, this.r, i);
      DoubleVector a = fromArray(SPECIES, alpha, i);
      DoubleVector ce = z.neg().max(0.0).add(fromArray(SPECIES, l, i));
      DoubleVector q = r.blend(e.mul(r), z.compare(GT, 0.0)); // σ(−z)
      DoubleVector kz = z.mul(-k);
      DoubleVector ek = fromArray(SPECIES, this.ek, i);
      DoubleVector rk = one.div(ek.add(1.0));
      DoubleVector w = rk.blend(ek.mul(rk), kz.compare(LT, 0.0)); // σ(−Kz)
      DoubleVector dw =
          w.mul(rk.blend(ek.mul(rk), kz.compare(GT, 0.0))).mul(weightSlope); // −K·σ(−Kz)σ(Kz)
      a.mul(dw.mul(ce).sub(w.mul(q))).intoArray(slope, i);
      a.mul(w).mul(ce).intoArray(loss, i);
    }
  }
}
