package io.github.focal4j.loss;

import static io.github.focal4j.loss.SoftenedLoss.MultiClassWeight.SOFTMAX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.autodiff.ops.Sigmoid;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The claims the project rests on — those of Su Jianlin, 2017, 《从loss的硬截断、软化到focal loss》, and where
 * its multi-class softened formula ({@link SoftenedLoss.MultiClassWeight#SOFTMAX}) departs from
 * them — as executable checks.
 */
class ArticleClaimsTest {

  // ------------------------------------------------------------ K = γ = 1: L** ≡ FL

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void softenedWithKOneIsFocalWithGammaOneBinary(Implementation impl) {
    SplittableRandom rng = new SplittableRandom(1);
    double[] x = Catalog.logits(rng, 60, true);
    Tensor y = Tensor.of(Catalog.binaryTargets(rng, 60), 6, 10);
    BinaryLoss soft =
        SoftenedLoss.binary().k(1).reduction(Reduction.NONE).implementation(impl).build();
    BinaryLoss focal =
        FocalLoss.binary().gamma(1).reduction(Reduction.NONE).implementation(impl).build();
    Compare.Result a = Compare.evaluate(t -> soft.apply(t, y), x, 6, 10);
    Compare.Result b = Compare.evaluate(t -> focal.apply(t, y), x, 6, 10);
    Compare.close("value", a.value(), b.value(), 1e-12);
    Compare.close("grad", a.grad(), b.grad(), 1e-12);
  }

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void softenedWithKOneIsFocalWithGammaOneMultiClass(Implementation impl) {
    for (int classes : new int[] {2, 3, 9}) {
      SplittableRandom rng = new SplittableRandom(classes);
      double[] x = Catalog.logits(rng, 8 * classes, true);
      IntTensor t = IntTensor.of(Catalog.classTargets(rng, 8, classes, false), 8);
      MultiClassLoss focal =
          FocalLoss.multiClass().gamma(1).reduction(Reduction.NONE).implementation(impl).build();
      MultiClassLoss margin =
          SoftenedLoss.multiClass()
              .k(1)
              .weight(SoftenedLoss.MultiClassWeight.MARGIN)
              .reduction(Reduction.NONE)
              .implementation(impl)
              .build();
      Compare.Result f = Compare.evaluate(v -> focal.apply(v, t), x, 8, classes);
      Compare.Result m = Compare.evaluate(v -> margin.apply(v, t), x, 8, classes);
      Compare.close("margin value C=" + classes, m.value(), f.value(), 1e-12);
      Compare.close("margin grad C=" + classes, m.grad(), f.grad(), 1e-12);
      if (classes == 2) { // the article's softmax(−Kx)_t weight agrees at C = 2 only
        MultiClassLoss article =
            SoftenedLoss.multiClass()
                .k(1)
                .weight(SOFTMAX)
                .reduction(Reduction.NONE)
                .implementation(impl)
                .build();
        Compare.Result s = Compare.evaluate(v -> article.apply(v, t), x, 8, classes);
        Compare.close("softmax value C=2", s.value(), f.value(), 1e-12);
        Compare.close("softmax grad C=2", s.grad(), f.grad(), 1e-12);
      }
    }
  }

  @Test
  void articleSoftmaxWeightIsNotFocalBeyondTwoClasses() {
    // x = 0 for three classes: 1 − p_t = 2/3, but softmax(−x)_t = 1/3.
    Tensor x = Tensor.zeros(1, 3);
    IntTensor t = IntTensor.of(0);
    double ce = Math.log(3);
    double article = SoftenedLoss.multiClass().k(1).weight(SOFTMAX).build().apply(x, t).item();
    double focal = FocalLoss.multiClass().gamma(1).build().apply(x, t).item();
    assertEquals(ce / 3, article, 1e-15);
    assertEquals(2 * ce / 3, focal, 1e-15);
  }

  // ------------------------------------------------------------ K → ∞: L** → L*(m = 1/2)

  @Test
  void softenedApproachesHardTruncationAsKGrowsAwayFromZero() {
    double[] x = new double[81];
    for (int i = 0; i < x.length; i++) {
      double v = -8 + 0.2 * i;
      x[i] = Math.abs(v) < 0.5 ? Math.copySign(0.5, v) : v; // |x| >= 0.5
    }
    for (double y : new double[] {0, 1}) {
      Tensor yt = Tensor.full(y, x.length);
      double[] hard =
          HardTruncationLoss.binary()
              .reduction(Reduction.NONE)
              .build()
              .apply(Tensor.of(x), yt)
              .toArray();
      double previous = Double.POSITIVE_INFINITY;
      for (double k : new double[] {1, 4, 16, 64}) {
        double[] soft =
            SoftenedLoss.binary()
                .k(k)
                .reduction(Reduction.NONE)
                .build()
                .apply(Tensor.of(x), yt)
                .toArray();
        double err = 0;
        for (int i = 0; i < x.length; i++) {
          err = Math.max(err, Math.abs(soft[i] - hard[i]));
        }
        assertTrue(err < previous, "error must shrink with K: " + err + " at K=" + k);
        // |σ(−Kz) − θ(−z)| = σ(−K|z|) ≤ e^{−K|z|}, and CE ≤ 8.001 on this grid
        assertTrue(err <= Math.exp(-k * 0.5) * 8.001, "K=" + k + " error " + err);
        previous = err;
      }
    }
  }

  @Test
  void multiClassMarginSoftenedApproachesHardTruncationButTheSeedFormDoesNot() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 200;
    int classes = 4;
    double[] x = new double[n * classes];
    for (int i = 0; i < x.length; i++) {
      x[i] = 4 * rng.nextGaussian();
    }
    IntTensor t = IntTensor.of(Catalog.classTargets(rng, n, classes, false), n);
    double[] hard =
        HardTruncationLoss.multiClass()
            .reduction(Reduction.NONE)
            .build()
            .apply(Tensor.of(x, n, classes), t)
            .toArray();
    double[] margin =
        SoftenedLoss.multiClass()
            .k(200)
            .weight(SoftenedLoss.MultiClassWeight.MARGIN)
            .reduction(Reduction.NONE)
            .build()
            .apply(Tensor.of(x, n, classes), t)
            .toArray();
    double[] article =
        SoftenedLoss.multiClass()
            .k(200)
            .weight(SOFTMAX)
            .reduction(Reduction.NONE)
            .build()
            .apply(Tensor.of(x, n, classes), t)
            .toArray();
    double marginErr = 0;
    double articleErr = 0;
    double[] p = Tensor.of(x, n, classes).softmax(1).toArray();
    for (int i = 0; i < n; i++) {
      double pt = p[i * classes + t.buffer()[i]];
      if (Math.abs(pt - 0.5) > 0.02) { // away from the step
        marginErr = Math.max(marginErr, Math.abs(margin[i] - hard[i]));
        articleErr = Math.max(articleErr, Math.abs(article[i] - hard[i]));
      }
    }
    assertTrue(marginErr < 1e-6, "margin form error " + marginErr);
    assertTrue(articleErr > 0.1, "article form error " + articleErr);
  }

  // ------------------------------------------------------------ hard truncation: zero gradient
  // past m

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void hardTruncationGradientIsExactlyZeroPastTheThreshold(Implementation impl) {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 200;
    double m = 0.7;
    double[] x = Catalog.logits(rng, n, true);
    double[] y = Catalog.binaryTargets(rng, n);
    BinaryLoss hard =
        HardTruncationLoss.binary()
            .threshold(m)
            .reduction(Reduction.SUM)
            .implementation(impl)
            .build();
    double[] g = Compare.evaluate(v -> hard.apply(v, Tensor.of(y, n)), x, n).grad();
    int past = 0;
    for (int i = 0; i < n; i++) {
      double pt = Sigmoid.value(y[i] == 1 ? x[i] : -x[i]);
      if (pt > m) {
        assertEquals(0.0, g[i], 0.0, "element " + i + " p_t=" + pt);
        past++;
      } else if (pt < 1 - 1e-15) {
        assertNotEquals(0.0, g[i], "element " + i + " p_t=" + pt);
      }
    }
    assertTrue(past > 20 && past < n - 20, "both kinds present: " + past);

    int[] t = Catalog.classTargets(rng, n, 3, false);
    double[] xm = Catalog.logits(rng, n * 3, true);
    MultiClassLoss mh =
        HardTruncationLoss.multiClass()
            .threshold(m)
            .reduction(Reduction.SUM)
            .implementation(impl)
            .build();
    double[] gm = Compare.evaluate(v -> mh.apply(v, IntTensor.of(t, n)), xm, n, 3).grad();
    double[] p = Tensor.of(xm, n, 3).softmax(1).toArray();
    for (int i = 0; i < n; i++) {
      if (p[i * 3 + t[i]] > m) {
        for (int j = 0; j < 3; j++) {
          assertEquals(0.0, gm[i * 3 + j], 0.0, "row " + i);
        }
      }
    }
  }

  // ------------------------------------------------------------ detached weight: full − detached =
  // w'·CE

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void detachedGradientLacksExactlyTheWeightDerivativeTermBinary(Implementation impl) {
    SplittableRandom rng = new SplittableRandom(9);
    int n = 50;
    double[] x = Catalog.logits(rng, n, false);
    double[] y = Catalog.binaryTargets(rng, n);
    double gamma = 2;
    double k = 3;
    double alpha = 0.25;
    BinaryLoss focalFull =
        FocalLoss.binary()
            .gamma(gamma)
            .alpha(alpha)
            .reduction(Reduction.SUM)
            .implementation(impl)
            .build();
    BinaryLoss focalDet =
        FocalLoss.binary()
            .gamma(gamma)
            .alpha(alpha)
            .weightGradient(WeightGradient.DETACHED)
            .reduction(Reduction.SUM)
            .implementation(impl)
            .build();
    BinaryLoss softFull =
        SoftenedLoss.binary().k(k).reduction(Reduction.SUM).implementation(impl).build();
    BinaryLoss softDet =
        SoftenedLoss.binary()
            .k(k)
            .weightGradient(WeightGradient.DETACHED)
            .reduction(Reduction.SUM)
            .implementation(impl)
            .build();
    double[] df = diff(focalFull, focalDet, x, y);
    double[] ds = diff(softFull, softDet, x, y);
    for (int i = 0; i < n; i++) {
      double sign = y[i] == 1 ? 1 : -1;
      double z = sign * x[i];
      double pt = 1 / (1 + Math.exp(-z));
      double ce = -Math.log(pt);
      double at = y[i] == 1 ? alpha : 1 - alpha;
      // focal: w = (1 − p)^γ, dw/dz = −γ (1 − p)^γ p
      double focalTerm = at * -gamma * Math.pow(1 - pt, gamma) * pt * ce * sign;
      // softened: w = σ(−Kz), dw/dz = −K σ(−Kz) σ(Kz)
      double sk = 1 / (1 + Math.exp(k * z));
      double softTerm = -k * sk * (1 - sk) * ce * sign;
      assertEquals(
          focalTerm, df[i], 1e-12 * Math.max(1, Math.abs(focalTerm)), "focal element " + i);
      assertEquals(
          softTerm, ds[i], 1e-12 * Math.max(1, Math.abs(softTerm)), "softened element " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void detachedGradientLacksExactlyTheWeightDerivativeTermMultiClass(Implementation impl) {
    SplittableRandom rng = new SplittableRandom(10);
    int n = 20;
    int c = 4;
    double gamma = 0.5;
    double[] x = Catalog.logits(rng, n * c, false);
    int[] t = Catalog.classTargets(rng, n, c, false);
    MultiClassLoss full =
        FocalLoss.multiClass().gamma(gamma).reduction(Reduction.SUM).implementation(impl).build();
    MultiClassLoss det =
        FocalLoss.multiClass()
            .gamma(gamma)
            .weightGradient(WeightGradient.DETACHED)
            .reduction(Reduction.SUM)
            .implementation(impl)
            .build();
    double[] gFull = Compare.evaluate(v -> full.apply(v, IntTensor.of(t, n)), x, n, c).grad();
    double[] gDet = Compare.evaluate(v -> det.apply(v, IntTensor.of(t, n)), x, n, c).grad();
    for (int i = 0; i < n; i++) {
      double[] p = new double[c];
      double s = 0;
      for (int j = 0; j < c; j++) {
        p[j] = Math.exp(x[i * c + j]);
        s += p[j];
      }
      for (int j = 0; j < c; j++) {
        p[j] /= s;
      }
      double pt = p[t[i]];
      double ce = -Math.log(pt);
      // w = (1 − p_t)^γ; dw/dx_j = −γ (1 − p_t)^(γ−1) · dp_t/dx_j, dp_t/dx_j = p_t (δ_jt − p_j)
      for (int j = 0; j < c; j++) {
        double dpt = pt * ((j == t[i] ? 1 : 0) - p[j]);
        double term = -gamma * Math.pow(1 - pt, gamma - 1) * dpt * ce;
        double d = gFull[i * c + j] - gDet[i * c + j];
        assertEquals(term, d, 1e-11 * Math.max(1, Math.abs(term)), "row " + i + " class " + j);
      }
    }
  }

  private static double[] diff(BinaryLoss full, BinaryLoss detached, double[] x, double[] y) {
    double[] a = Compare.evaluate(v -> full.apply(v, Tensor.of(y, y.length)), x, x.length).grad();
    double[] b =
        Compare.evaluate(v -> detached.apply(v, Tensor.of(y, y.length)), x, x.length).grad();
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = a[i] - b[i];
    }
    // the detached and full losses have the same value
    assertEquals(
        full.apply(Tensor.of(x), Tensor.of(y)).item(),
        detached.apply(Tensor.of(x), Tensor.of(y)).item(),
        0.0);
    return d;
  }
}
