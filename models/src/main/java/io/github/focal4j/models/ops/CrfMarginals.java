package io.github.focal4j.models.ops;

import io.github.focal4j.autodiff.NoGrad;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Lengths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The token log-marginals of a linear-chain CRF, {@code log p(y_t = c | x)}, as one op with a
 * hand-derived backward (the forward–backward algorithm and its reverse), and the same computation
 * composed of autodiff ops (the reference). Scores as in {@link CrfNll}: emissions {@code e},
 * transitions {@code T}, {@code start}, {@code end}, with disallowed moves ({@link TransitionMask})
 * at −∞.
 *
 * <pre>
 *   α_0(j) = start(j) + e_0(j)               α_t(j) = e_t(j) + logsumexp_i (α_{t−1}(i) + T(i, j))
 *   β_{L−1}(j) = end(j)                      β_t(i) = logsumexp_j (T(i, j) + e_{t+1}(j) + β_{t+1}(j))
 *   log Z = logsumexp_j (α_{L−1}(j) + end(j))     output m_t(j) = α_t(j) + β_t(j) − log Z
 * </pre>
 *
 * <b>Backward</b> (reverse mode through both recursions, O(L·C²) per sentence): with G the upstream
 * gradient, the adjoints start at {@code ᾱ_t = β̄_t = G_t} and {@code log Z̄ = −Σ G}; log Z adds
 * {@code log Z̄ · p_{L−1}} to {@code ᾱ_{L−1}} and to {@code end}; the β recursion is reversed for t
 * = 0 … L−2 with the weights {@code B_t(i, j) = exp(T(i, j) + e_{t+1}(j) + β_{t+1}(j) − β_t(i))}
 * (each {@code β̄_t(i)·B_t(i, j)} goes to {@code β̄_{t+1}(j)}, {@code e_{t+1}(j)} and {@code T(i,
 * j)}), then {@code β̄_{L−1}} to {@code end}; the α recursion is reversed for t = L−1 … 1 with
 * {@code A_t(i, j) = exp(α_{t−1}(i) + T(i, j) + e_t(j) − α_t(j))} ({@code ᾱ_t(j)} goes to {@code
 * e_t(j)}, each {@code ᾱ_t(j)·A_t(i, j)} to {@code ᾱ_{t−1}(i)} and {@code T(i, j)}), then {@code
 * ᾱ_0} to {@code e_0} and {@code start}. The weights A and B are the softmax weights of the forward
 * pass's log-sum-exps, saved there (2·N·C² doubles), so the backward takes no exponential: the op
 * costs 2·L·C² exponentials per sentence in all, against 3·L·C² for {@link CrfNll}'s forward and
 * backward. {@link #applyWithLikelihood} adds the sentence NLL to the same pass: its gradient is
 * log Z's (an extra adjoint of log Z above) minus the gold counts.
 *
 * <p><b>Impossible tags.</b> Where the mask makes tag c impossible at position t (an {@code I-} tag
 * first in the sentence, a {@code B-} tag last under BIOES), the marginal is exactly 0 and the
 * output is −∞: a constant, whose upstream gradient is ignored (no score can move it). Without a
 * mask every output is finite.
 */
public final class CrfMarginals {
  private CrfMarginals() {}

  /**
   * The fused op.
   *
   * @param emissions {@code [N, C]} packed per-token scores
   * @param lengths layout of the N tokens into sentences (empty sentences contribute no rows)
   * @param transitions {@code [C, C]}, {@code T[i, j]} scores tag i followed by tag j
   * @param start {@code [C]} scores of the first tag; {@code end} {@code [C]} of the last
   * @param mask allowed transitions, or {@link TransitionMask#none(int)}
   * @return {@code [N, C]} log-marginals, packed like the emissions; each row's exponentials sum to
   *     1
   * @throws IllegalArgumentException on mismatched shapes
   */
  public static Tensor apply(
      Tensor emissions,
      Lengths lengths,
      Tensor transitions,
      Tensor start,
      Tensor end,
      TransitionMask mask) {
    int c = checkShapes(emissions, lengths, transitions, start, end, mask);
    return fused(emissions, lengths, null, transitions, start, end, mask, c);
  }

  /**
   * The log-marginals and the per-sentence negative log-likelihood of {@link CrfNll} from one
   * forward–backward pass, for an objective that mixes them: the likelihood's gradient (marginals −
   * gold counts) is the gradient of log Z, which the marginals' backward computes anyway, minus the
   * gold counts — so the pair costs little more than the marginals alone, against both ops run
   * separately.
   *
   * @param tags gold tags, packed, length N, each in {@code [0, C)}
   * @return {@code logMarginals [N, C]} as {@link #apply}, {@code nll [B]} as {@link CrfNll#apply};
   *     both differentiable, slices of one op
   * @throws IllegalArgumentException on mismatched shapes, a tag out of range or a gold sequence
   *     the mask forbids (naming the sentence and position)
   */
  public static WithLikelihood applyWithLikelihood(
      Tensor emissions,
      Lengths lengths,
      int[] tags,
      Tensor transitions,
      Tensor start,
      Tensor end,
      TransitionMask mask) {
    int c = checkShapes(emissions, lengths, transitions, start, end, mask);
    CrfNll.checkGoldTags(lengths, tags, c, mask);
    int n = lengths.total();
    Tensor both = fused(emissions, lengths, tags.clone(), transitions, start, end, mask, c);
    return new WithLikelihood(
        both.slice(0, 0, n * c).reshape(n, c), both.slice(0, n * c, n * c + lengths.batchSize()));
  }

  /**
   * The two outputs of {@link #applyWithLikelihood}.
   *
   * @param logMarginals {@code [N, C]}
   * @param nll {@code [B]}
   */
  public record WithLikelihood(Tensor logMarginals, Tensor nll) {}

  /**
   * The forward–backward op: output {@code [N, C]} (no tags) or the flat {@code [N·C + B]} of
   * log-marginals then per-sentence NLL (with tags).
   */
  private static Tensor fused(
      Tensor emissions,
      Lengths lengths,
      int[] tags,
      Tensor transitions,
      Tensor start,
      Tensor end,
      TransitionMask mask,
      int c) {
    int n = lengths.total();
    int batch = lengths.batchSize();
    double[] e = emissions.buffer();
    double[] tr = mask.apply(transitions.buffer());
    double[] st = mask.applyStart(start.buffer());
    double[] en = mask.applyEnd(end.buffer());
    double[] alpha = new double[n * c];
    double[] beta = new double[n * c];
    double[] logZ = new double[batch];
    double[] out = new double[n * c + (tags == null ? 0 : batch)];
    double[] buf = new double[c];
    boolean saveWeights =
        NoGrad.isGradEnabled()
            && (emissions.requiresGrad()
                || transitions.requiresGrad()
                || start.requiresGrad()
                || end.requiresGrad());
    double[] wa = saveWeights ? new double[n * c * c] : null; // A_t(i, j) at [t·C² + j·C + i]
    double[] wb = saveWeights ? new double[n * c * c] : null; // B_t(i, j) at [t·C² + i·C + j]
    for (int b = 0; b < batch; b++) {
      int len = lengths.length(b);
      if (len == 0) {
        continue;
      }
      int o = lengths.offset(b);
      alphaRecursion(e, tr, st, o, len, c, alpha, buf, wa);
      betaRecursion(e, tr, en, o, len, c, beta, buf, wb);
      int last = (o + len - 1) * c;
      for (int j = 0; j < c; j++) {
        buf[j] = alpha[last + j] + en[j];
      }
      double z = CrfNll.logSumExp(buf, c);
      logZ[b] = z;
      for (int k = o * c; k < (o + len) * c; k++) {
        out[k] = alpha[k] + beta[k] - z; // −∞ where either is −∞ (never NaN: z is finite)
      }
      if (tags != null) {
        double gold = st[tags[o]] + en[tags[o + len - 1]];
        for (int t = 0; t < len; t++) {
          gold += e[(o + t) * c + tags[o + t]];
          if (t > 0) {
            gold += tr[tags[o + t - 1] * c + tags[o + t]];
          }
        }
        out[n * c + b] = z - gold;
      }
    }
    int[] shape = tags == null ? new int[] {n, c} : new int[] {n * c + batch};
    return Tensor.fromOp(
        tags == null ? "crfMarginals" : "crfMarginalsNll",
        out,
        shape,
        (g, grads) -> {
          double[] ge = grads[0];
          double[] gt = grads[1];
          double[] gs = grads[2];
          double[] gn = grads[3];
          for (int b = 0; b < batch; b++) {
            int len = lengths.length(b);
            if (len == 0) {
              continue;
            }
            int o = lengths.offset(b);
            double gNll = tags == null ? 0 : g[n * c + b];
            backward(g, gNll, wa, wb, alpha, out, en, logZ[b], o, len, c, ge, gt, gs, gn);
            if (gNll != 0) {
              // The likelihood's − score(gold): minus the gold counts.
              for (int t = 0; t < len; t++) {
                int y = tags[o + t];
                if (ge != null) {
                  ge[(o + t) * c + y] -= gNll;
                }
                if (t > 0 && gt != null) {
                  gt[tags[o + t - 1] * c + y] -= gNll;
                }
              }
              if (gs != null) {
                gs[tags[o]] -= gNll;
              }
              if (gn != null) {
                gn[tags[o + len - 1]] -= gNll;
              }
            }
          }
        },
        emissions,
        transitions,
        start,
        end);
  }

  /**
   * α of one sentence into {@code alpha} rows {@code o .. o+len-1}; with {@code wa}, also the
   * softmax weights {@code A_t(i, j) = exp(α_{t−1}(i) + T(i, j) − logsumexp_k(α_{t−1}(k) + T(k,
   * j)))}.
   */
  private static void alphaRecursion(
      double[] e,
      double[] tr,
      double[] st,
      int o,
      int len,
      int c,
      double[] alpha,
      double[] buf,
      double[] wa) {
    for (int j = 0; j < c; j++) {
      alpha[o * c + j] = st[j] + e[o * c + j];
    }
    for (int t = 1; t < len; t++) {
      int prev = (o + t - 1) * c;
      int row = prev + c;
      for (int j = 0; j < c; j++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < c; i++) {
          buf[i] = alpha[prev + i] + tr[i * c + j];
          m = Math.max(m, buf[i]);
        }
        if (m == Double.NEGATIVE_INFINITY) {
          alpha[row + j] = m; // unreachable: its weights stay 0
          continue;
        }
        double sum = softmaxInPlace(buf, c, m);
        alpha[row + j] = e[row + j] + m + Math.log(sum);
        if (wa != null) {
          System.arraycopy(buf, 0, wa, (o + t) * c * c + j * c, c);
        }
      }
    }
  }

  /**
   * β of one sentence into {@code beta} rows {@code o .. o+len-1}; with {@code wb}, also the
   * softmax weights {@code B_t(i, j) = exp(T(i, j) + e_{t+1}(j) + β_{t+1}(j) − β_t(i))}.
   */
  private static void betaRecursion(
      double[] e,
      double[] tr,
      double[] en,
      int o,
      int len,
      int c,
      double[] beta,
      double[] buf,
      double[] wb) {
    System.arraycopy(en, 0, beta, (o + len - 1) * c, c);
    for (int t = len - 2; t >= 0; t--) {
      int row = (o + t) * c;
      int next = row + c;
      for (int i = 0; i < c; i++) {
        int ti = i * c;
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
          buf[j] = tr[ti + j] + e[next + j] + beta[next + j];
          m = Math.max(m, buf[j]);
        }
        if (m == Double.NEGATIVE_INFINITY) {
          beta[row + i] = m; // no way on to the end: its weights stay 0
          continue;
        }
        double sum = softmaxInPlace(buf, c, m);
        beta[row + i] = m + Math.log(sum);
        if (wb != null) {
          System.arraycopy(buf, 0, wb, (o + t) * c * c + ti, c);
        }
      }
    }
  }

  /**
   * Replaces {@code v[0..n)} by its softmax given its finite maximum m; returns {@code Σ exp(v −
   * m)}.
   */
  private static double softmaxInPlace(double[] v, int n, double m) {
    double sum = 0;
    for (int k = 0; k < n; k++) {
      double x = Math.exp(v[k] - m);
      v[k] = x;
      sum += x;
    }
    double inv = 1.0 / sum;
    for (int k = 0; k < n; k++) {
      v[k] *= inv;
    }
    return sum;
  }

  /**
   * Reverse mode through log Z, the β recursion and the α recursion of one sentence (see the class
   * doc); {@code gLogZ} is an extra adjoint of log Z (the likelihood's upstream gradient, 0 without
   * it).
   */
  private static void backward(
      double[] g,
      double gLogZ,
      double[] wa,
      double[] wb,
      double[] alpha,
      double[] out,
      double[] en,
      double z,
      int o,
      int len,
      int c,
      double[] ge,
      double[] gt,
      double[] gs,
      double[] gn) {
    int base = o * c;
    int cc = c * c;
    double[] abar = new double[len * c];
    double[] bbar = new double[len * c];
    double zbar = gLogZ; // from the likelihood, log Z − score(gold), when it is an output too
    for (int k = 0; k < len * c; k++) {
      double gk = g[base + k];
      if (gk != 0 && out[base + k] != Double.NEGATIVE_INFINITY) {
        abar[k] = gk;
        bbar[k] = gk;
        zbar -= gk;
      }
    }
    // log Z = logsumexp_j (α_{L−1}(j) + end(j)): its gradient is the last position's marginal.
    int lastRow = (o + len - 1) * c;
    int lastLocal = (len - 1) * c;
    if (zbar != 0) {
      for (int j = 0; j < c; j++) {
        double w = zbar * Math.exp(alpha[lastRow + j] + en[j] - z);
        abar[lastLocal + j] += w;
        if (gn != null) {
          gn[j] += w;
        }
      }
    }
    // The β recursion, reversed: β_t depends on β_{t+1}, so its adjoint is complete when t is
    // reached.
    for (int t = 0; t < len - 1; t++) {
      int next = base + (t + 1) * c;
      int local = t * c;
      int wt = (o + t) * cc;
      for (int i = 0; i < c; i++) {
        double bi = bbar[local + i];
        if (bi == 0) {
          continue;
        }
        int wi = wt + i * c;
        int ti = i * c;
        for (int j = 0; j < c; j++) {
          double w = bi * wb[wi + j];
          bbar[local + c + j] += w;
          if (ge != null) {
            ge[next + j] += w;
          }
          if (gt != null) {
            gt[ti + j] += w;
          }
        }
      }
    }
    if (gn != null) {
      for (int j = 0; j < c; j++) {
        gn[j] += bbar[lastLocal + j];
      }
    }
    // The α recursion, reversed: α_t depends on α_{t−1}.
    for (int t = len - 1; t >= 1; t--) {
      int row = base + t * c;
      int local = t * c;
      int wt = (o + t) * cc;
      for (int j = 0; j < c; j++) {
        double aj = abar[local + j];
        if (aj == 0) {
          continue;
        }
        if (ge != null) {
          ge[row + j] += aj;
        }
        int wj = wt + j * c;
        for (int i = 0; i < c; i++) {
          double w = aj * wa[wj + i];
          abar[local - c + i] += w;
          if (gt != null) {
            gt[i * c + j] += w;
          }
        }
      }
    }
    for (int j = 0; j < c; j++) {
      if (ge != null) {
        ge[base + j] += abar[j];
      }
      if (gs != null) {
        gs[j] += abar[j];
      }
    }
  }

  /**
   * The reference: the same log-marginals composed of autodiff ops (slices, additions and {@code
   * logSumExp}, the log-space forward and backward recursions), so that autodiff differentiates it.
   * Slow; for tests and as the definition the fused op is checked against.
   *
   * @throws IllegalArgumentException on mismatched shapes
   */
  public static Tensor composed(
      Tensor emissions,
      Lengths lengths,
      Tensor transitions,
      Tensor start,
      Tensor end,
      TransitionMask mask) {
    int c = checkShapes(emissions, lengths, transitions, start, end, mask);
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
    Tensor trm = transitions.add(Tensor.of(tm, c, c));
    Tensor stm = start.add(Tensor.of(sm, c));
    Tensor enm = end.add(Tensor.of(em, c));
    List<Tensor> rows = new ArrayList<>();
    for (int b = 0; b < lengths.batchSize(); b++) {
      int o = lengths.offset(b);
      int len = lengths.length(b);
      if (len == 0) {
        continue;
      }
      Tensor[] et = new Tensor[len];
      for (int t = 0; t < len; t++) {
        et[t] = emissions.slice(0, o + t, o + t + 1).reshape(c);
      }
      Tensor[] alpha = new Tensor[len];
      alpha[0] = stm.add(et[0]);
      for (int t = 1; t < len; t++) {
        alpha[t] = alpha[t - 1].reshape(c, 1).add(trm).logSumExp(0, false).add(et[t]);
      }
      Tensor[] beta = new Tensor[len];
      beta[len - 1] = enm;
      for (int t = len - 2; t >= 0; t--) {
        beta[t] = trm.add(et[t + 1].add(beta[t + 1]).reshape(1, c)).logSumExp(1, false);
      }
      Tensor logZ = alpha[len - 1].add(enm).logSumExp(0, true);
      for (int t = 0; t < len; t++) {
        rows.add(alpha[t].add(beta[t]).sub(logZ).reshape(1, c));
      }
    }
    return rows.isEmpty() ? Tensor.zeros(0, c) : Tensor.concat(0, rows.toArray(new Tensor[0]));
  }

  private static int checkShapes(
      Tensor emissions,
      Lengths lengths,
      Tensor transitions,
      Tensor start,
      Tensor end,
      TransitionMask mask) {
    int c = transitions.rank() == 2 ? transitions.size(0) : -1;
    int n = lengths.total();
    if (!Arrays.equals(emissions.shape(), new int[] {n, c})
        || !Arrays.equals(transitions.shape(), new int[] {c, c})
        || !Arrays.equals(start.shape(), new int[] {c})
        || !Arrays.equals(end.shape(), new int[] {c})
        || mask.numTags() != c) {
      throw new IllegalArgumentException(
          "crf marginals: shapes do not fit: emissions "
              + Arrays.toString(emissions.shape())
              + " (expected ["
              + n
              + ", C]), transitions "
              + Arrays.toString(transitions.shape())
              + ", start "
              + Arrays.toString(start.shape())
              + ", end "
              + Arrays.toString(end.shape())
              + ", mask for "
              + mask.numTags()
              + " tags");
    }
    return c;
  }
}
