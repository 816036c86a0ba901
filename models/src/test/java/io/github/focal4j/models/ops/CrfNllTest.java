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

class CrfNllTest {

  private static final List<String> BIO = List.of("O", "B-X", "I-X", "B-Y", "I-Y");

  /**
   * The forward algorithm composed from autodiff primitives; masked entries are added as −∞
   * constants.
   */
  static Tensor composed(
      Tensor e, Lengths lengths, int[] tags, Tensor tr, Tensor st, Tensor en, TransitionMask mask) {
    int c = tr.size(0);
    double[] tm = new double[c * c];
    double[] sm = new double[c];
    double[] em = new double[c];
    for (int i = 0; i < c; i++) {
      sm[i] = mask.start(i) ? 0 : Double.NEGATIVE_INFINITY;
      em[i] = mask.end(i) ? 0 : Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        tm[i * c + j] = mask.allowed(i, j) ? 0 : Double.NEGATIVE_INFINITY;
      }
    }
    Tensor trm = tr.add(Tensor.of(tm, c, c));
    Tensor stm = st.add(Tensor.of(sm, c));
    Tensor enm = en.add(Tensor.of(em, c));
    Tensor[] out = new Tensor[lengths.batchSize()];
    for (int b = 0; b < lengths.batchSize(); b++) {
      int o = lengths.offset(b);
      int len = lengths.length(b);
      Tensor alpha = stm.add(e.slice(0, o, o + 1).reshape(c));
      Tensor gold =
          stm.indexSelect(0, tags[o]).add(e.slice(0, o, o + 1).reshape(c).indexSelect(0, tags[o]));
      for (int t = 1; t < len; t++) {
        Tensor et = e.slice(0, o + t, o + t + 1).reshape(c);
        alpha = alpha.reshape(c, 1).add(trm).logSumExp(0, false).add(et);
        gold =
            gold.add(et.indexSelect(0, tags[o + t]))
                .add(trm.reshape(c * c).indexSelect(0, tags[o + t - 1] * c + tags[o + t]));
      }
      gold = gold.add(enm.indexSelect(0, tags[o + len - 1]));
      out[b] = alpha.add(enm).logSumExp(0, true).sub(gold);
    }
    return Tensor.concat(0, out);
  }

  private static int[] validBioTags(SplittableRandom rng, int n) {
    int[] tags = new int[n];
    for (int i = 0; i < n; i++) {
      tags[i] = rng.nextInt(5);
      if ((tags[i] == 2 || tags[i] == 4)
          && (i == 0 || (tags[i - 1] + 1) / 2 != (tags[i] + 1) / 2)) {
        tags[i] = tags[i] - 1; // I-x without B-x/I-x before: make it B-x
      }
    }
    return tags;
  }

  @Test
  void gradientsMatchFiniteDifferencesWithAndWithoutConstraints() {
    Lengths lengths = Lengths.of(3, 1, 4);
    for (TransitionMask mask : List.of(TransitionMask.none(5), TransitionMask.bio(BIO))) {
      SplittableRandom rng = new SplittableRandom(5);
      int[] tags = validBioTags(rng, lengths.total());
      Tensor[] in = {
        Golden.random(rng, 1, lengths.total(), 5).requiresGrad(true),
        Golden.random(rng, 0.5, 5, 5).requiresGrad(true),
        Golden.random(rng, 0.5, 5).requiresGrad(true),
        Golden.random(rng, 0.5, 5).requiresGrad(true)
      };
      GradCheck.check(t -> CrfNll.apply(t[0], lengths, tags, t[1], t[2], t[3], mask), in)
          .assertWithin(1e-8, 1e-6);
    }
  }

  @Test
  void matchesTheComposedForwardAlgorithmToOneInABillion() {
    Lengths lengths = Lengths.of(4, 1, 6, 2);
    for (TransitionMask mask : List.of(TransitionMask.none(5), TransitionMask.bio(BIO))) {
      SplittableRandom rng = new SplittableRandom(6);
      int[] tags = validBioTags(rng, lengths.total());
      List<Tensor> in =
          List.of(
              Golden.random(rng, 2, lengths.total(), 5).requiresGrad(true),
              Golden.random(rng, 1, 5, 5).requiresGrad(true),
              Golden.random(rng, 1, 5).requiresGrad(true),
              Golden.random(rng, 1, 5).requiresGrad(true));
      Tensor w = Golden.random(rng, 1, lengths.batchSize());
      Tensor fused = CrfNll.apply(in.get(0), lengths, tags, in.get(1), in.get(2), in.get(3), mask);
      Tensor ref = composed(in.get(0), lengths, tags, in.get(1), in.get(2), in.get(3), mask);
      assertClose(ref.toArray(), fused.toArray(), 1e-9, "nll");
      List<Tensor> gf = Autograd.grad(fused.mul(w).sum(), in);
      List<Tensor> gr = Autograd.grad(ref.mul(w).sum(), in);
      for (int k = 0; k < 4; k++) {
        assertClose(gr.get(k).toArray(), gf.get(k).toArray(), 1e-9, "gradient " + k);
      }
    }
  }

  @Test
  void matchesPyTorchReferenceAndViterbi() {
    for (JsonElement el : Golden.load("crf.json").getAsJsonArray("cases")) {
      JsonObject c = el.getAsJsonObject();
      List<String> names = new ArrayList<>();
      for (JsonElement n : c.getAsJsonArray("tag_names")) {
        names.add(n.getAsString());
      }
      int k = names.size();
      Lengths lengths = Lengths.of(Golden.ints(c, "lengths"));
      TransitionMask mask =
          c.get("constrained_bio").getAsBoolean()
              ? TransitionMask.bio(names)
              : TransitionMask.none(k);
      Tensor e = Tensor.of(Golden.doubles(c, "emissions"), lengths.total(), k).requiresGrad(true);
      Tensor tr = Tensor.of(Golden.doubles(c, "transitions"), k, k).requiresGrad(true);
      Tensor st = Tensor.of(Golden.doubles(c, "start"), k).requiresGrad(true);
      Tensor en = Tensor.of(Golden.doubles(c, "end"), k).requiresGrad(true);
      Tensor nll = CrfNll.apply(e, lengths, Golden.ints(c, "tags"), tr, st, en, mask);
      assertClose(Golden.doubles(c, "nll"), nll.toArray(), 1e-9, "nll");
      List<Tensor> g =
          Autograd.grad(
              nll.mul(Tensor.of(Golden.doubles(c, "grad_output"))).sum(), List.of(e, tr, st, en));
      String[] keys = {"grad_emissions", "grad_transitions", "grad_start", "grad_end"};
      for (int i = 0; i < 4; i++) {
        assertClose(Golden.doubles(c, keys[i]), g.get(i).toArray(), 1e-9, keys[i]);
      }
      assertArrayEquals(Golden.ints(c, "viterbi"), Viterbi.decode(e, lengths, tr, st, en, mask));
    }
  }

  @Test
  void viterbiFindsTheBestOfAllSequencesAndRespectsConstraints() {
    SplittableRandom rng = new SplittableRandom(7);
    for (TransitionMask mask : List.of(TransitionMask.none(5), TransitionMask.bio(BIO))) {
      for (int trial = 0; trial < 20; trial++) {
        int len = 1 + rng.nextInt(4);
        Lengths lengths = Lengths.of(len);
        Tensor e = Golden.random(rng, 3, len, 5);
        Tensor tr = Golden.random(rng, 3, 5, 5);
        Tensor st = Golden.random(rng, 3, 5);
        Tensor en = Golden.random(rng, 3, 5);
        int[] best = Viterbi.decode(e, lengths, tr, st, en, mask);
        double bestScore = Double.NEGATIVE_INFINITY;
        int[] brute = null;
        int[] y = new int[len];
        for (int code = 0; code < Math.pow(5, len); code++) {
          for (int i = 0, v = code; i < len; i++, v /= 5) {
            y[i] = v % 5;
          }
          double s = score(e, tr, st, en, mask, y);
          if (s > bestScore) {
            bestScore = s;
            brute = y.clone();
          }
        }
        assertEquals(bestScore, score(e, tr, st, en, mask, best), 1e-12);
        assertArrayEquals(brute, best);
      }
    }
  }

  private static double score(
      Tensor e, Tensor tr, Tensor st, Tensor en, TransitionMask m, int[] y) {
    int c = 5;
    if (!m.start(y[0]) || !m.end(y[y.length - 1])) {
      return Double.NEGATIVE_INFINITY;
    }
    double s = st.buffer()[y[0]] + en.buffer()[y[y.length - 1]];
    for (int t = 0; t < y.length; t++) {
      s += e.buffer()[t * c + y[t]];
      if (t > 0) {
        if (!m.allowed(y[t - 1], y[t])) {
          return Double.NEGATIVE_INFINITY;
        }
        s += tr.buffer()[y[t - 1] * c + y[t]];
      }
    }
    return s;
  }

  @Test
  void bioAndBioesRules() {
    TransitionMask bio = TransitionMask.bio(BIO);
    assertTrue(bio.start(0) && bio.start(1) && !bio.start(2));
    assertTrue(bio.allowed(1, 2) && bio.allowed(2, 2) && !bio.allowed(0, 2) && !bio.allowed(3, 2));
    assertTrue(bio.allowed(2, 3) && bio.allowed(2, 0) && bio.end(2));
    List<String> bioes = List.of("O", "B-X", "I-X", "E-X", "S-X");
    TransitionMask m = TransitionMask.bioes(bioes);
    assertTrue(m.start(0) && m.start(1) && m.start(4) && !m.start(2) && !m.start(3));
    assertTrue(
        m.allowed(1, 2)
            && m.allowed(1, 3)
            && m.allowed(2, 3)
            && !m.allowed(1, 0)
            && !m.allowed(1, 4));
    assertTrue(m.allowed(3, 0) && m.allowed(4, 1) && !m.allowed(0, 3) && !m.allowed(3, 2));
    assertTrue(m.end(0) && m.end(3) && m.end(4) && !m.end(1) && !m.end(2));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TransitionMask.bio(List.of("O", "X-PER")));
    assertTrue(e.getMessage().contains("'X-PER'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TransitionMask.bio(List.of("O", "B-")));
  }

  @Test
  void goldSequenceBreakingTheConstraintsIsAClearError() {
    Lengths lengths = Lengths.of(2);
    Tensor z = Tensor.zeros(5, 5);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CrfNll.apply(
                    Tensor.zeros(2, 5),
                    lengths,
                    new int[] {0, 2},
                    z,
                    Tensor.zeros(5),
                    Tensor.zeros(5),
                    TransitionMask.bio(BIO)));
    assertTrue(
        e.getMessage().contains("sentence 0") && e.getMessage().contains("position 1"),
        e.getMessage());
  }
}
