package io.github.focal4j.models.ops;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Lengths;
import java.util.Arrays;

/**
 * One LSTM direction over a packed batch of sentences, forward and backward through time as a
 * single op.
 *
 * <p>For each sentence, from its first token ({@link Direction#FORWARD}) or from its own last token
 * ({@link Direction#BACKWARD}), with {@code h₀ = c₀ = 0} and PyTorch's gate order i, f, g, o:
 *
 * <pre>
 *   a = W_ih x_t + W_hh h_{t-1} + b          (a = [a_i, a_f, a_g, a_o], each H wide)
 *   i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g               h_t = o ⊙ tanh(c_t)
 * </pre>
 *
 * {@code b} is PyTorch's {@code b_ih + b_hh}. The input projection of every token is one matrix
 * product; each time step adds the recurrent product for the sentences still running (a prefix of
 * the length-sorted order), so padding is never computed. Matrices are held as arrays of rows, so a
 * step addresses its sentences' rows without copies and every product runs {@link
 * RowKernels#mulAdd}'s vectorised loop (no packing, unlike {@code Gemm}: at these shapes packing
 * costs more than it saves; see the models README).
 *
 * <p>Backward through time, hand-derived: with {@code dh_t} the output gradient plus the recurrent
 * one,
 *
 * <pre>
 *   dc_t = dh_t ⊙ o ⊙ (1 − tanh²c_t) + dc_{t+1} ⊙ f_{t+1}
 *   da_i = dc_t ⊙ g ⊙ i(1−i)   da_f = dc_t ⊙ c_{t-1} ⊙ f(1−f)   da_g = dc_t ⊙ i ⊙ (1−g²)   da_o = dh_t ⊙ tanh c_t ⊙ o(1−o)
 *   dh_{t-1} += W_hhᵀ da                      (per step, running sentences only)
 *   dx = da W_ih,  dW_ih = daᵀ x,  dW_hh = daᵀ h_{prev},  db = Σ da   (one product each over all tokens)
 * </pre>
 *
 * Saved context: the gate activations, the cells and their tanh.
 */
public final class LstmSequence {

  /** Which end of each sentence the recurrence starts from. */
  public enum Direction {
    FORWARD,
    BACKWARD
  }

  private LstmSequence() {}

  /** {@link #apply(Tensor, Lengths, Direction, Tensor, Tensor, Tensor, Precision)} in float64. */
  public static Tensor apply(
      Tensor x, Lengths lengths, Direction direction, Tensor wIh, Tensor wHh, Tensor bias) {
    return apply(x, lengths, direction, wIh, wHh, bias, Precision.FLOAT64);
  }

  /**
   * @param x {@code [N, D]} packed inputs ({@code N = lengths.total()})
   * @param wIh {@code [4H, D]} input weights, gates i, f, g, o
   * @param wHh {@code [4H, H]} recurrent weights
   * @param bias {@code [4H]}
   * @param precision what the op computes in ({@link Precision#FLOAT32}: {@code LstmFloat32})
   * @return {@code [N, H]} hidden states, packed like {@code x}
   * @throws IllegalArgumentException naming the shapes when they do not fit together
   * @throws IllegalStateException for {@link Precision#FLOAT32} on a JVM without the Vector API
   */
  public static Tensor apply(
      Tensor x,
      Lengths lengths,
      Direction direction,
      Tensor wIh,
      Tensor wHh,
      Tensor bias,
      Precision precision) {
    int n = lengths.total();
    int d = wIh.rank() == 2 ? wIh.size(1) : -1;
    int g4 = wIh.rank() == 2 ? wIh.size(0) : -1;
    int h = g4 / 4;
    boolean ok =
        x.rank() == 2
            && x.size(0) == n
            && x.size(1) == d
            && g4 % 4 == 0
            && g4 > 0
            && Arrays.equals(wHh.shape(), new int[] {g4, h})
            && Arrays.equals(bias.shape(), new int[] {g4});
    if (!ok) {
      throw new IllegalArgumentException(
          "lstm: shapes do not fit: x "
              + Arrays.toString(x.shape())
              + " (expected ["
              + n
              + ", D] for "
              + lengths.batchSize()
              + " sentences), W_ih "
              + Arrays.toString(wIh.shape())
              + " (expected [4H, D]), W_hh "
              + Arrays.toString(wHh.shape())
              + " (expected [4H, H]), bias "
              + Arrays.toString(bias.shape())
              + " (expected [4H])");
    }
    boolean reverse = direction == Direction.BACKWARD;
    if (precision == Precision.FLOAT32) {
      precision.requireAvailable("lstm");
      return LstmFloat32.apply(x, lengths, reverse, wIh, wHh, bias);
    }
    double[] wih = wIh.buffer();
    double[] whh = wHh.buffer();
    double[] bs = bias.buffer();
    // Every matrix is kept as an array of rows: a time step then addresses the rows of its running
    // sentences
    // without copying, and every product is RowKernels.mulAdd's plain vectorisable loop.
    double[][] xr = RowKernels.rows(x.buffer(), n, d);

    // Input projection of all tokens at once: act = X·W_ihᵀ + b (pre-activations, then activations
    // in place).
    double[][] act = new double[n][];
    for (int r = 0; r < n; r++) {
      act[r] = bs.clone();
    }
    RowKernels.mulAdd(n, g4, d, xr, RowKernels.transposedRows(wih, g4, d), act);

    double[][] cs = new double[n][h];
    double[][] tcs = new double[n][h];
    double[][] hs = new double[n][h];
    int batch = lengths.batchSize();
    RunningSentences running = new RunningSentences(lengths);
    int[] order = running.order();
    int steps = lengths.maxLength();
    double[][] whhT = RowKernels.transposedRows(whh, g4, h);
    double[][] hPrev = new double[batch][];
    double[][] cPrev = new double[batch][];
    double[][] gates = new double[batch][];
    double[] zeros = new double[h];
    for (int t = 0; t < steps; t++) {
      int active = running.activeAt(t);
      for (int r = 0; r < active; r++) {
        gates[r] = act[lengths.row(order[r], t, reverse)];
      }
      if (t > 0) {
        RowKernels.mulAdd(active, g4, h, hPrev, whhT, gates);
      }
      for (int r = 0; r < active; r++) {
        int row = lengths.row(order[r], t, reverse);
        double[] a = gates[r];
        double[] cp = t == 0 ? zeros : cPrev[r];
        double[] cRow = cs[row];
        double[] tcRow = tcs[row];
        double[] hRow = hs[row];
        for (int k = 0; k < h; k++) {
          double i = RowKernels.sigmoid(a[k]);
          double f = RowKernels.sigmoid(a[h + k]);
          double gg = RowKernels.tanh(a[2 * h + k]);
          double o = RowKernels.sigmoid(a[3 * h + k]);
          double c = f * cp[k] + i * gg;
          double tc = RowKernels.tanh(c);
          a[k] = i;
          a[h + k] = f;
          a[2 * h + k] = gg;
          a[3 * h + k] = o;
          cRow[k] = c;
          tcRow[k] = tc;
          hRow[k] = o * tc;
        }
        cPrev[r] = cRow;
        hPrev[r] = hRow;
      }
    }
    double[] out = new double[n * h];
    for (int r = 0; r < n; r++) {
      System.arraycopy(hs[r], 0, out, r * h, h);
    }

    return Tensor.fromOp(
        "lstm",
        out,
        new int[] {n, h},
        (gOut, grads) -> {
          double[][] dA = new double[n][g4];
          double[][] dGate = new double[batch][];
          double[][] dhNext = new double[batch][h];
          double[][] dcNext = new double[batch][h];
          double[][] whhRows = RowKernels.rows(whh, g4, h);
          for (int t = steps - 1; t >= 0; t--) {
            int active = running.activeAt(t);
            for (int r = 0; r < active; r++) {
              int sentence = order[r];
              int row = lengths.row(sentence, t, reverse);
              double[] cp = t == 0 ? zeros : cs[lengths.row(sentence, t - 1, reverse)];
              double[] a = act[row];
              double[] tcRow = tcs[row];
              double[] dg = dA[row];
              double[] dhn = dhNext[r];
              double[] dcn = dcNext[r];
              int hb = row * h;
              for (int k = 0; k < h; k++) {
                double i = a[k];
                double f = a[h + k];
                double gg = a[2 * h + k];
                double o = a[3 * h + k];
                double tc = tcRow[k];
                double dh = gOut[hb + k] + dhn[k];
                double dc = dh * o * (1 - tc * tc) + dcn[k];
                dcn[k] = dc * f;
                dg[k] = dc * gg * i * (1 - i);
                dg[h + k] = dc * cp[k] * f * (1 - f);
                dg[2 * h + k] = dc * i * (1 - gg * gg);
                dg[3 * h + k] = dh * tc * o * (1 - o);
              }
              dGate[r] = dg;
            }
            if (t > 0) {
              for (int r = 0; r < active; r++) {
                Arrays.fill(dhNext[r], 0.0);
              }
              RowKernels.mulAdd(active, h, g4, dGate, whhRows, dhNext);
            }
          }
          if (grads[0] != null) {
            double[][] dx = new double[n][d];
            RowKernels.mulAdd(n, d, g4, dA, RowKernels.rows(wih, g4, d), dx);
            addRows(dx, grads[0]);
          }
          double[][] dAT =
              grads[1] != null || grads[2] != null ? RowKernels.transposedRows(dA) : null;
          if (grads[1] != null) {
            double[][] dw = new double[g4][d];
            RowKernels.mulAdd(g4, d, n, dAT, xr, dw);
            addRows(dw, grads[1]);
          }
          if (grads[2] != null) {
            double[][] hPrevAll = new double[n][];
            for (int b = 0; b < batch; b++) {
              for (int t = 0; t < lengths.length(b); t++) {
                hPrevAll[lengths.row(b, t, reverse)] =
                    t == 0 ? zeros : hs[lengths.row(b, t - 1, reverse)];
              }
            }
            double[][] dw = new double[g4][h];
            RowKernels.mulAdd(g4, h, n, dAT, hPrevAll, dw);
            addRows(dw, grads[2]);
          }
          double[] gb = grads[3];
          if (gb != null) {
            for (double[] dg : dA) {
              for (int j = 0; j < g4; j++) {
                gb[j] += dg[j];
              }
            }
          }
        },
        x,
        wIh,
        wHh,
        bias);
  }

  /** {@code acc[r·cols + c] += rows[r][c]}. */
  private static void addRows(double[][] rows, double[] acc) {
    for (int r = 0; r < rows.length; r++) {
      double[] src = rows[r];
      int base = r * src.length;
      for (int c = 0; c < src.length; c++) {
        acc[base + c] += src[c];
      }
    }
  }
}
