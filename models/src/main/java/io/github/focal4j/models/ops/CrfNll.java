package io.github.focal4j.models.ops;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Lengths;
import java.util.Arrays;

/**
 * The negative log-likelihood of gold tag sequences under a linear-chain CRF, per sentence, as one
 * op:
 *
 * <pre>
 *   score(y) = start[y₀] + Σ_t e[t, y_t] + Σ_{t≥1} T[y_{t-1}, y_t] + end[y_{L-1}]
 *   nll      = log Z − score(y_gold),   log Z = log Σ_y exp score(y)   (forward algorithm)
 * </pre>
 *
 * Disallowed transitions ({@link TransitionMask}) are removed from the sum (score −∞), so
 * probability lives on valid sequences only. Backward (forward–backward algorithm): the gradient of
 * {@code nll} is the <em>marginals minus the gold counts</em> — {@code P(y_t = j) − [y_t = j]} for
 * emissions, {@code Σ_t P(y_{t-1} = i, y_t = j) − count(i → j)} for transitions, likewise for start
 * and end. Saved context: the forward variables α and log Z of each sentence; β is computed in the
 * backward.
 */
public final class CrfNll {
  private CrfNll() {}

  /**
   * @param emissions {@code [N, C]} packed per-token scores
   * @param lengths layout of the N tokens into sentences
   * @param tags gold tags, packed, length N, each in {@code [0, C)}
   * @param transitions {@code [C, C]}, {@code T[i, j]} scores tag i followed by tag j
   * @param start {@code [C]} scores of the first tag; {@code end} {@code [C]} of the last
   * @param mask allowed transitions, or {@link TransitionMask#none(int)}
   * @return {@code [B]} per-sentence negative log-likelihood (0 for an empty sentence)
   * @throws IllegalArgumentException on mismatched shapes, a tag out of range, or a gold sequence
   *     the mask forbids (naming the sentence and position)
   */
  public static Tensor apply(
      Tensor emissions,
      Lengths lengths,
      int[] tags,
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
        || tags.length != n
        || mask.numTags() != c) {
      throw new IllegalArgumentException(
          "crf: shapes do not fit: emissions "
              + Arrays.toString(emissions.shape())
              + " (expected ["
              + n
              + ", C]), transitions "
              + Arrays.toString(transitions.shape())
              + ", start "
              + Arrays.toString(start.shape())
              + ", end "
              + Arrays.toString(end.shape())
              + ", "
              + tags.length
              + " tags, mask for "
              + mask.numTags()
              + " tags");
    }
    checkGoldTags(lengths, tags, c, mask);
    int batch = lengths.batchSize();
    double[] e = emissions.buffer();
    double[] tr = mask.apply(transitions.buffer());
    double[] st = mask.applyStart(start.buffer());
    double[] en = mask.applyEnd(end.buffer());
    double[] alpha = new double[n * c];
    double[] logZ = new double[batch];
    double[] nll = new double[batch];
    double[] buf = new double[c];
    for (int b = 0; b < batch; b++) {
      int len = lengths.length(b);
      if (len == 0) {
        continue;
      }
      int o = lengths.offset(b);
      forward(e, tr, st, o, len, c, alpha, buf);
      int last = (o + len - 1) * c;
      for (int j = 0; j < c; j++) {
        buf[j] = alpha[last + j] + en[j];
      }
      logZ[b] = logSumExp(buf, c);
      double gold = st[tags[o]] + en[tags[o + len - 1]];
      for (int t = 0; t < len; t++) {
        gold += e[(o + t) * c + tags[o + t]];
        if (t > 0) {
          gold += tr[tags[o + t - 1] * c + tags[o + t]];
        }
      }
      nll[b] = logZ[b] - gold;
    }
    return Tensor.fromOp(
        "crfNll",
        nll,
        new int[] {batch},
        (g, grads) -> {
          double[] ge = grads[0];
          double[] gt = grads[1];
          double[] gs = grads[2];
          double[] gn = grads[3];
          double[] beta = new double[c];
          double[] next = new double[c];
          for (int b = 0; b < batch; b++) {
            int len = lengths.length(b);
            if (len == 0 || g[b] == 0) {
              continue;
            }
            double w = g[b];
            int o = lengths.offset(b);
            double z = logZ[b];
            System.arraycopy(en, 0, beta, 0, c); // β_{L-1}
            for (int t = len - 1; t >= 0; t--) {
              int row = (o + t) * c;
              for (int j = 0; j < c; j++) {
                double p = Math.exp(alpha[row + j] + beta[j] - z);
                if (ge != null) {
                  ge[row + j] += w * p;
                }
                if (t == 0 && gs != null) {
                  gs[j] += w * p;
                }
                if (t == len - 1 && gn != null) {
                  gn[j] += w * p;
                }
              }
              if (t == 0) {
                break;
              }
              // Pair marginals P(y_{t-1}=i, y_t=j) and β_{t-1}.
              int prevRow = (o + t - 1) * c;
              for (int j = 0; j < c; j++) {
                next[j] = e[row + j] + beta[j]; // score of being at j at t, onwards
              }
              for (int i = 0; i < c; i++) {
                double ai = alpha[prevRow + i];
                for (int j = 0; j < c; j++) {
                  double s = tr[i * c + j] + next[j];
                  buf[j] = s;
                  if (gt != null) {
                    gt[i * c + j] += w * Math.exp(ai + s - z);
                  }
                }
                beta[i] = logSumExp(buf, c);
              }
            }
            // Minus the gold counts.
            for (int t = 0; t < len; t++) {
              int y = tags[o + t];
              if (ge != null) {
                ge[(o + t) * c + y] -= w;
              }
              if (t > 0 && gt != null) {
                gt[tags[o + t - 1] * c + y] -= w;
              }
            }
            if (gs != null) {
              gs[tags[o]] -= w;
            }
            if (gn != null) {
              gn[tags[o + len - 1]] -= w;
            }
          }
        },
        emissions,
        transitions,
        start,
        end);
  }

  /**
   * Checks gold tags against the tag count and the transition constraints.
   *
   * @param tags packed gold tags, one per token of {@code lengths}
   * @throws IllegalArgumentException for a tag out of {@code [0, c)} or a gold sequence the mask
   *     forbids, naming the sentence and the position
   */
  public static void checkGoldTags(Lengths lengths, int[] tags, int c, TransitionMask mask) {
    if (tags.length != lengths.total()) {
      throw new IllegalArgumentException(
          "crf: " + tags.length + " gold tags for " + lengths.total() + " tokens");
    }
    int batch = lengths.batchSize();
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < lengths.length(b); t++) {
        int y = tags[lengths.offset(b) + t];
        if (y < 0 || y >= c) {
          throw new IllegalArgumentException(
              "crf: tag "
                  + y
                  + " of sentence "
                  + b
                  + " at position "
                  + t
                  + " is out of range [0, "
                  + c
                  + ")");
        }
        int prev = t == 0 ? -1 : tags[lengths.offset(b) + t - 1];
        boolean allowed = t == 0 ? mask.start(y) : mask.allowed(prev, y);
        if (!allowed || (t == lengths.length(b) - 1 && !mask.end(y))) {
          throw new IllegalArgumentException(
              "crf: the gold tags of sentence "
                  + b
                  + " break the transition"
                  + " constraints at position "
                  + t
                  + " (tag "
                  + (t == 0 ? "<start>" : prev)
                  + " -> "
                  + y
                  + (allowed ? " -> <end>" : "")
                  + ")");
        }
      }
    }
  }

  /** α of one sentence into {@code alpha} rows {@code o .. o+len-1}. */
  static void forward(
      double[] e, double[] tr, double[] st, int o, int len, int c, double[] alpha, double[] buf) {
    for (int j = 0; j < c; j++) {
      alpha[o * c + j] = st[j] + e[o * c + j];
    }
    for (int t = 1; t < len; t++) {
      int prev = (o + t - 1) * c;
      int row = (o + t) * c;
      for (int j = 0; j < c; j++) {
        for (int i = 0; i < c; i++) {
          buf[i] = alpha[prev + i] + tr[i * c + j];
        }
        alpha[row + j] = logSumExp(buf, c) + e[row + j];
      }
    }
  }

  /** log Σ exp over the first {@code n} values, max-shifted; −∞ when all are −∞. */
  static double logSumExp(double[] v, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, v[i]);
    }
    if (m == Double.NEGATIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.exp(v[i] - m);
    }
    return m + Math.log(s);
  }
}
