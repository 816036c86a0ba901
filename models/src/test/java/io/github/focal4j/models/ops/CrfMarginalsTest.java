package io.github.focal4j.models.ops;

import static io.github.focal4j.models.ops.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.focal4j.autodiff.Autograd;
import io.github.focal4j.autodiff.GradCheck;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Lengths;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The CRF token log-marginals: against brute-force enumeration of all tag sequences, the fused op
 * against the composed reference (values and gradients to 1e-9), finite differences, and PyTorch
 * float64 goldens.
 */
class CrfMarginalsTest {

  private static final int C = 5;
  private static final List<String> BIO = List.of("O", "B-X", "I-X", "B-Y", "I-Y");
  private static final List<String> BIOES = List.of("O", "B-X", "I-X", "E-X", "S-X");

  private static List<TransitionMask> masks() {
    return List.of(TransitionMask.none(C), TransitionMask.bio(BIO), TransitionMask.bioes(BIOES));
  }

  private static Tensor[] scores(SplittableRandom rng, int tokens, double scale) {
    return new Tensor[] {
      Golden.random(rng, scale, tokens, C).requiresGrad(true),
      Golden.random(rng, scale, C, C).requiresGrad(true),
      Golden.random(rng, scale, C).requiresGrad(true),
      Golden.random(rng, scale, C).requiresGrad(true)
    };
  }

  /** A random upstream gradient, 0 where the output is −∞ (no gradient can reach a constant). */
  private static Tensor upstream(SplittableRandom rng, Tensor out) {
    double[] w = new double[out.numel()];
    for (int i = 0; i < w.length; i++) {
      w[i] = Double.isFinite(out.buffer()[i]) ? rng.nextDouble(-1, 1) : 0;
    }
    return Tensor.of(w, out.shape());
  }

  private static Tensor finiteMask(Tensor out) {
    double[] m = new double[out.numel()];
    for (int i = 0; i < m.length; i++) {
      m[i] = Double.isFinite(out.buffer()[i]) ? 1 : 0;
    }
    return Tensor.of(m, out.shape());
  }

  @Test
  void marginalsAreTheProbabilitiesOfAllTagSequences() {
    SplittableRandom rng = new SplittableRandom(11);
    for (TransitionMask mask : masks()) {
      for (int len = 1; len <= 4; len++) {
        Tensor[] s = scores(rng, len, 1.5);
        double[] m = CrfMarginals.apply(s[0], Lengths.of(len), s[1], s[2], s[3], mask).toArray();
        double[] expected = new double[len * C];
        double z = 0;
        int[] y = new int[len];
        for (int code = 0; code < Math.pow(C, len); code++) {
          for (int i = 0, v = code; i < len; i++, v /= C) {
            y[i] = v % C;
          }
          double w = Math.exp(score(s, mask, y));
          z += w;
          for (int t = 0; t < len; t++) {
            expected[t * C + y[t]] += w;
          }
        }
        for (int k = 0; k < expected.length; k++) {
          double p = expected[k] / z;
          if (p == 0) {
            assertEquals(Double.NEGATIVE_INFINITY, m[k], "impossible tag at " + k);
          } else {
            assertEquals(p, Math.exp(m[k]), 1e-12, "marginal " + k + " of length " + len);
          }
        }
      }
    }
  }

  private static double score(Tensor[] s, TransitionMask mask, int[] y) {
    if (!mask.start(y[0]) || !mask.end(y[y.length - 1])) {
      return Double.NEGATIVE_INFINITY;
    }
    double v = s[2].buffer()[y[0]] + s[3].buffer()[y[y.length - 1]];
    for (int t = 0; t < y.length; t++) {
      v += s[0].buffer()[t * C + y[t]];
      if (t > 0) {
        if (!mask.allowed(y[t - 1], y[t])) {
          return Double.NEGATIVE_INFINITY;
        }
        v += s[1].buffer()[y[t - 1] * C + y[t]];
      }
    }
    return v;
  }

  @Test
  void fusedMatchesTheComposedForwardBackwardToOneInABillion() {
    Lengths lengths = Lengths.of(4, 1, 0, 7, 2);
    for (TransitionMask mask : masks()) {
      SplittableRandom rng = new SplittableRandom(12);
      Tensor[] s = scores(rng, lengths.total(), 2);
      List<Tensor> in = List.of(s);
      Tensor fused = CrfMarginals.apply(s[0], lengths, s[1], s[2], s[3], mask);
      Tensor ref = CrfMarginals.composed(s[0], lengths, s[1], s[2], s[3], mask);
      double[] f = fused.toArray();
      double[] r = ref.toArray();
      for (int i = 0; i < f.length; i++) {
        if (r[i] == Double.NEGATIVE_INFINITY) {
          assertEquals(r[i], f[i], "impossible entry " + i);
          f[i] = 0;
          r[i] = 0;
        }
      }
      assertClose(r, f, 1e-9, "log-marginals");
      Tensor w = upstream(rng, fused);
      Tensor zero = Tensor.zeros(fused.shape());
      Tensor mask01 = finiteMask(fused);
      List<Tensor> gf = Autograd.grad(Tensor.where(mask01, fused, zero).mul(w).sum(), in);
      List<Tensor> gr = Autograd.grad(Tensor.where(mask01, ref, zero).mul(w).sum(), in);
      for (int k = 0; k < 4; k++) {
        assertClose(gr.get(k).toArray(), gf.get(k).toArray(), 1e-9, "gradient " + k);
      }
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Lengths lengths = Lengths.of(3, 1, 5);
    for (TransitionMask mask : masks()) {
      SplittableRandom rng = new SplittableRandom(13);
      Tensor[] s = scores(rng, lengths.total(), 1);
      Tensor mask01 = finiteMask(CrfMarginals.apply(s[0], lengths, s[1], s[2], s[3], mask));
      Tensor zero = Tensor.zeros(mask01.shape());
      GradCheck.check(
              t ->
                  Tensor.where(
                      mask01, CrfMarginals.apply(t[0], lengths, t[1], t[2], t[3], mask), zero),
              s)
          .assertWithin(1e-8, 1e-6);
    }
  }

  /**
   * Valid gold tags under every mask of {@link #masks()}: O and S-X (BIOES index 4 is S-X; BIO
   * index 4 is I-Y).
   */
  private static int[] goldTags(SplittableRandom rng, int n, TransitionMask mask) {
    int[] tags = new int[n];
    for (int i = 0; i < n; i++) {
      tags[i] = mask.start(4) && mask.end(4) && rng.nextBoolean() ? 4 : 0;
    }
    return tags;
  }

  @Test
  void marginalsWithTheLikelihoodEqualBothOpsRunSeparately() {
    Lengths lengths = Lengths.of(4, 1, 0, 7, 2);
    for (TransitionMask mask : masks()) {
      SplittableRandom rng = new SplittableRandom(15);
      Tensor[] s = scores(rng, lengths.total(), 2);
      int[] tags = goldTags(rng, lengths.total(), mask);
      List<Tensor> in = List.of(s);
      CrfMarginals.WithLikelihood both =
          CrfMarginals.applyWithLikelihood(s[0], lengths, tags, s[1], s[2], s[3], mask);
      Tensor m = CrfMarginals.apply(s[0], lengths, s[1], s[2], s[3], mask);
      Tensor nll = CrfNll.apply(s[0], lengths, tags, s[1], s[2], s[3], mask);
      assertArrayEquals(m.toArray(), both.logMarginals().toArray(), 0.0);
      assertArrayEquals(nll.toArray(), both.nll().toArray(), 1e-12);
      Tensor w = upstream(rng, m);
      Tensor v = Golden.random(rng, 1, lengths.batchSize());
      Tensor mask01 = finiteMask(m);
      Tensor zero = Tensor.zeros(m.shape());
      List<Tensor> gBoth =
          Autograd.grad(
              Tensor.where(mask01, both.logMarginals(), zero)
                  .mul(w)
                  .sum()
                  .add(both.nll().mul(v).sum()),
              in);
      List<Tensor> gApart =
          Autograd.grad(Tensor.where(mask01, m, zero).mul(w).sum().add(nll.mul(v).sum()), in);
      for (int k = 0; k < 4; k++) {
        assertClose(gApart.get(k).toArray(), gBoth.get(k).toArray(), 1e-12, "gradient " + k);
      }
      GradCheck.check(
              t -> {
                CrfMarginals.WithLikelihood r =
                    CrfMarginals.applyWithLikelihood(t[0], lengths, tags, t[1], t[2], t[3], mask);
                return Tensor.where(mask01, r.logMarginals(), zero)
                    .mul(w)
                    .sum()
                    .add(r.nll().mul(v).sum());
              },
              s)
          .assertWithin(1e-8, 1e-6);
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CrfMarginals.applyWithLikelihood(
                    Tensor.zeros(2, C),
                    Lengths.of(2),
                    new int[] {0, 2},
                    Tensor.zeros(C, C),
                    Tensor.zeros(C),
                    Tensor.zeros(C),
                    TransitionMask.bio(BIO)));
    assertTrue(
        e.getMessage().contains("sentence 0") && e.getMessage().contains("position 1"),
        e.getMessage());
  }

  @Test
  void theNllGradientIsTheSpecialCaseOfMinusLogGoldMarginalsSummed() {
    // A cross-check between the two ops on a length-1 sentence, where log p(y) = log p(y_0).
    SplittableRandom rng = new SplittableRandom(14);
    Tensor[] s = scores(rng, 1, 1);
    TransitionMask mask = TransitionMask.bioes(BIOES);
    int gold = 4;
    Tensor nll = CrfNll.apply(s[0], Lengths.of(1), new int[] {gold}, s[1], s[2], s[3], mask);
    Tensor viaMarginal =
        CrfMarginals.apply(s[0], Lengths.of(1), s[1], s[2], s[3], mask)
            .reshape(C)
            .indexSelect(0, gold)
            .neg();
    assertEquals(nll.item(), viaMarginal.item(), 1e-12);
    List<Tensor> in = List.of(s);
    List<Tensor> g1 = Autograd.grad(nll.sum(), in);
    List<Tensor> g2 = Autograd.grad(viaMarginal.sum(), in);
    for (int k = 0; k < 4; k++) {
      assertClose(g1.get(k).toArray(), g2.get(k).toArray(), 1e-12, "gradient " + k);
    }
  }

  @Test
  void matchesPyTorchForwardBackwardAndAutograd() {
    JsonObject root = Golden.load("crf_marginals.json");
    int cases = 0;
    for (JsonElement el : root.getAsJsonArray("cases")) {
      JsonObject c = el.getAsJsonObject();
      List<String> names = new ArrayList<>();
      for (JsonElement n : c.getAsJsonArray("tag_names")) {
        names.add(n.getAsString());
      }
      int k = names.size();
      Lengths lengths = Lengths.of(Golden.ints(c, "lengths"));
      String scheme = c.get("constraints").getAsString();
      TransitionMask mask =
          switch (scheme) {
            case "none" -> TransitionMask.none(k);
            case "bio" -> TransitionMask.bio(names);
            case "bioes" -> TransitionMask.bioes(names);
            default -> throw new AssertionError(scheme);
          };
      Tensor e = Tensor.of(Golden.doubles(c, "emissions"), lengths.total(), k).requiresGrad(true);
      Tensor tr = Tensor.of(Golden.doubles(c, "transitions"), k, k).requiresGrad(true);
      Tensor st = Tensor.of(Golden.doubles(c, "start"), k).requiresGrad(true);
      Tensor en = Tensor.of(Golden.doubles(c, "end"), k).requiresGrad(true);
      Tensor m = CrfMarginals.apply(e, lengths, tr, st, en, mask);
      double[] expected =
          Golden.doubles(c, "log_marginals_finite"); // −∞ written as the golden's stand-in
      double[] actual = m.toArray();
      double standIn = c.get("impossible").getAsDouble();
      for (int i = 0; i < actual.length; i++) {
        if (actual[i] == Double.NEGATIVE_INFINITY) {
          actual[i] = standIn;
        }
      }
      assertClose(expected, actual, 1e-9, scheme + " log-marginals");
      Tensor w = Tensor.of(Golden.doubles(c, "grad_output"), lengths.total(), k);
      Tensor zero = Tensor.zeros(m.shape());
      List<Tensor> g =
          Autograd.grad(Tensor.where(finiteMask(m), m, zero).mul(w).sum(), List.of(e, tr, st, en));
      String[] keys = {"grad_emissions", "grad_transitions", "grad_start", "grad_end"};
      for (int i = 0; i < 4; i++) {
        assertClose(Golden.doubles(c, keys[i]), g.get(i).toArray(), 1e-9, scheme + " " + keys[i]);
      }
      cases++;
    }
    assertEquals(3, cases);
  }

  /**
   * The objective of {@code Objective.crf(focal(γ=2), μ=0.5)} on packed rows, composed as that
   * objective composes it (likelihood per token, log-marginals with impossible entries replaced,
   * focal mean over tokens), against PyTorch autograd through its own forward–backward and focal
   * loss.
   */
  @Test
  void mixedFocalObjectiveMatchesPyTorch() {
    for (JsonElement el : Golden.load("crf_marginals.json").getAsJsonArray("cases")) {
      JsonObject c = el.getAsJsonObject();
      List<String> names = new ArrayList<>();
      for (JsonElement n : c.getAsJsonArray("tag_names")) {
        names.add(n.getAsString());
      }
      int k = names.size();
      Lengths lengths = Lengths.of(Golden.ints(c, "lengths"));
      String scheme = c.get("constraints").getAsString();
      TransitionMask mask =
          scheme.equals("none")
              ? TransitionMask.none(k)
              : scheme.equals("bio") ? TransitionMask.bio(names) : TransitionMask.bioes(names);
      Tensor e = Tensor.of(Golden.doubles(c, "emissions"), lengths.total(), k).requiresGrad(true);
      Tensor tr = Tensor.of(Golden.doubles(c, "transitions"), k, k).requiresGrad(true);
      Tensor st = Tensor.of(Golden.doubles(c, "start"), k).requiresGrad(true);
      Tensor en = Tensor.of(Golden.doubles(c, "end"), k).requiresGrad(true);
      int[] tags = Golden.ints(c, "tags");
      double mu = c.get("mu").getAsDouble();
      io.github.focal4j.loss.MultiClassLoss focal =
          io.github.focal4j.loss.FocalLoss.multiClass().gamma(c.get("gamma").getAsDouble()).build();
      Tensor nll = CrfNll.apply(e, lengths, tags, tr, st, en, mask).sum().div(lengths.total());
      Tensor logits =
          CrfMarginals.apply(e, lengths, tr, st, en, mask)
              .maximum(Tensor.scalar(c.get("impossible").getAsDouble()));
      Tensor objective =
          nll.mul(mu)
              .add(
                  focal
                      .apply(logits, io.github.focal4j.autodiff.IntTensor.of(tags, tags.length))
                      .mul(1 - mu));
      assertEquals(c.get("objective").getAsDouble(), objective.item(), 1e-9, scheme + " objective");
      List<Tensor> g = Autograd.grad(objective, List.of(e, tr, st, en));
      String[] keys = {
        "objective_grad_emissions",
        "objective_grad_transitions",
        "objective_grad_start",
        "objective_grad_end"
      };
      for (int i = 0; i < 4; i++) {
        assertClose(Golden.doubles(c, keys[i]), g.get(i).toArray(), 1e-9, scheme + " " + keys[i]);
      }
      // The same objective from one pass, as Objective.crf computes it for 0 < μ < 1.
      CrfMarginals.WithLikelihood both =
          CrfMarginals.applyWithLikelihood(e, lengths, tags, tr, st, en, mask);
      Tensor onePass =
          both.nll()
              .sum()
              .div(lengths.total())
              .mul(mu)
              .add(
                  focal
                      .apply(
                          both.logMarginals()
                              .maximum(Tensor.scalar(c.get("impossible").getAsDouble())),
                          io.github.focal4j.autodiff.IntTensor.of(tags, tags.length))
                      .mul(1 - mu));
      assertEquals(
          c.get("objective").getAsDouble(), onePass.item(), 1e-9, scheme + " objective, one pass");
      List<Tensor> g1 = Autograd.grad(onePass, List.of(e, tr, st, en));
      for (int i = 0; i < 4; i++) {
        assertClose(
            Golden.doubles(c, keys[i]), g1.get(i).toArray(), 1e-9, scheme + " one pass " + keys[i]);
      }
    }
  }

  @Test
  void mismatchedShapesAreAClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CrfMarginals.apply(
                    Tensor.zeros(3, C),
                    Lengths.of(2),
                    Tensor.zeros(C, C),
                    Tensor.zeros(C),
                    Tensor.zeros(C),
                    TransitionMask.none(C)));
    assertTrue(
        e.getMessage().contains("[3, 5]") && e.getMessage().contains("expected [2, C]"),
        e.getMessage());
  }
}
