package io.github.focal4j.models.ops;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.data.Lengths;
import io.github.focal4j.models.lanes.FloatLanes;

/**
 * {@link LstmSequence}'s op computed in float32 on {@link FloatLanes}: the same equations, forward
 * and backward, with float64 inputs, parameters, outputs and gradients (the master copies), as
 * PyTorch's autocast runs chosen ops in a lower precision than the parameters it keeps. Loaded only
 * when the JVM has the Vector API.
 *
 * <p>Work is laid out time-major, as PyTorch's packed sequences are: step {@code t}'s running
 * sentences (a prefix of the length-sorted order) occupy consecutive rows, so a step's recurrent
 * product reads the previous step's hidden states as one contiguous block. Widths handed to {@link
 * FloatLanes#mulAdd} as B's columns are padded with zeros to its vector length.
 *
 * <p>Saved context: the inputs (float), the gate activations, the cells, their tanh and the hidden
 * states.
 */
final class LstmFloat32 {

  static {
    FloatTraining.ready();
  }

  private LstmFloat32() {}

  /** Shapes already checked by {@link LstmSequence#apply}. */
  static Tensor apply(
      Tensor x, Lengths lengths, boolean reverse, Tensor wIh, Tensor wHh, Tensor bias) {
    int n = lengths.total();
    int d = wIh.size(1);
    int g4 = wIh.size(0);
    int h = g4 / 4;
    int gp = FloatLanes.roundUp(g4); // gate row width; gate q's unit k at column q·h + k
    int dp = FloatLanes.roundUp(d);
    int hp = FloatLanes.roundUp(h);
    double[] wih = wIh.buffer();
    double[] whh = wHh.buffer();

    RunningSentences running = new RunningSentences(lengths);
    int[] order = running.order();
    int steps = lengths.maxLength();
    int batch = lengths.batchSize();
    int[] start = new int[steps + 1]; // time-major rows of step t: [start[t], start[t + 1])
    for (int t = 0; t < steps; t++) {
      start[t + 1] = start[t] + running.activeAt(t);
    }
    int[] packedRow = new int[n]; // time-major row → packed (sentence-major) row
    for (int t = 0; t < steps; t++) {
      for (int r = 0; r < running.activeAt(t); r++) {
        packedRow[start[t] + r] = lengths.row(order[r], t, reverse);
      }
    }

    float[] xs = new float[n * d];
    double[] xd = x.buffer();
    for (int row = 0; row < n; row++) {
      int src = packedRow[row] * d;
      for (int p = 0; p < d; p++) {
        xs[row * d + p] = (float) xd[src + p];
      }
    }
    // act: pre-activations, then (in place) the gates i, f, g, o.
    float[] act = new float[n * gp];
    float[] bs = new float[gp];
    for (int j = 0; j < g4; j++) {
      bs[j] = (float) bias.buffer()[j];
    }
    for (int row = 0; row < n; row++) {
      System.arraycopy(bs, 0, act, row * gp, gp);
    }
    FloatLanes.mulAdd(n, gp, d, xs, 0, d, transposed(wih, g4, d, gp), act, 0, gp);

    float[] whhT = transposed(whh, g4, h, gp);
    float[] cs = new float[n * h];
    float[] tcs = new float[n * h];
    float[] hs = new float[n * h];
    float[] scratch = new float[FloatLanes.roundUp(batch * h)];
    float[] zeros = new float[h];
    // exp's argument for each gate column (−a for σ, −2a for tanh, 0 for padding), then the gate
    // p / (1 + e) − q: σ = 1/(1 + e^{−a}), tanh = 2/(1 + e^{−2a}) − 1.
    float[] scale = new float[gp];
    float[] p = new float[gp];
    float[] q = new float[gp];
    for (int j = 0; j < g4; j++) {
      boolean tanh = j >= 2 * h && j < 3 * h;
      scale[j] = tanh ? -2f : -1f;
      p[j] = tanh ? 2f : 1f;
      q[j] = tanh ? 1f : 0f;
    }
    for (int t = 0; t < steps; t++) {
      int active = start[t + 1] - start[t];
      int first = start[t];
      if (t > 0) {
        FloatLanes.mulAdd(active, gp, h, hs, start[t - 1] * h, h, whhT, act, first * gp, gp);
      }
      for (int row = first; row < first + active; row++) {
        int base = row * gp;
        for (int j = 0; j < gp; j++) {
          act[base + j] *= scale[j];
        }
      }
      FloatLanes.exp(act, first * gp, active * gp);
      for (int row = first; row < first + active; row++) {
        int base = row * gp;
        for (int j = 0; j < gp; j++) {
          act[base + j] = p[j] / (1f + act[base + j]) - q[j];
        }
      }
      for (int r = 0; r < active; r++) {
        int base = (first + r) * gp;
        int cRow = (first + r) * h;
        float[] cp = t == 0 ? zeros : cs; // c_{t-1}: the same rank's cell one step earlier
        int prev = t == 0 ? 0 : (start[t - 1] + r) * h;
        for (int k = 0; k < h; k++) {
          float c = act[base + h + k] * cp[prev + k] + act[base + k] * act[base + 2 * h + k];
          cs[cRow + k] = c;
          scratch[r * h + k] = -2f * c;
        }
      }
      FloatLanes.exp(scratch, 0, FloatLanes.roundUp(active * h));
      for (int r = 0; r < active; r++) {
        int base = (first + r) * gp + 3 * h;
        int cRow = (first + r) * h;
        for (int k = 0; k < h; k++) {
          float tc = 2f / (1f + scratch[r * h + k]) - 1f;
          tcs[cRow + k] = tc;
          hs[cRow + k] = act[base + k] * tc;
        }
      }
    }
    double[] out = new double[n * h];
    for (int row = 0; row < n; row++) {
      int dst = packedRow[row] * h;
      for (int k = 0; k < h; k++) {
        out[dst + k] = hs[row * h + k];
      }
    }

    return Tensor.fromOp(
        "lstm",
        out,
        new int[] {n, h},
        (gOut, grads) -> {
          float[] dA = new float[n * gp];
          float[] dhRec = new float[batch * hp]; // W_hhᵀ da of the step after, by rank
          float[] dcNext = new float[batch * h]; // dc ⊙ f of the step after, by rank
          float[] whhRows = rows(whh, g4, h, hp);
          float[] gs = new float[n * h]; // gOut, time-major
          for (int row = 0; row < n; row++) {
            int src = packedRow[row] * h;
            for (int k = 0; k < h; k++) {
              gs[row * h + k] = (float) gOut[src + k];
            }
          }
          for (int t = steps - 1; t >= 0; t--) {
            int active = start[t + 1] - start[t];
            int first = start[t];
            FloatLanes.lstmStepBackward(
                active,
                h,
                gp,
                act,
                dA,
                first * gp,
                tcs,
                gs,
                first * h,
                t == 0 ? zeros : cs,
                t == 0 ? 0 : start[t - 1] * h,
                t == 0 ? 0 : h,
                dhRec,
                hp,
                dcNext);
            if (t > 0) {
              java.util.Arrays.fill(dhRec, 0, active * hp, 0f);
              FloatLanes.mulAdd(active, hp, g4, dA, first * gp, gp, whhRows, dhRec, 0, hp);
            }
          }
          if (grads[0] != null) {
            float[] dx = new float[n * dp];
            FloatLanes.mulAdd(n, dp, g4, dA, 0, gp, rows(wih, g4, d, dp), dx, 0, dp);
            double[] gx = grads[0];
            for (int row = 0; row < n; row++) {
              int dst = packedRow[row] * d;
              for (int c = 0; c < d; c++) {
                gx[dst + c] += dx[row * dp + c];
              }
            }
          }
          // dW_ihᵀ = Xᵀ dA and dW_hhᵀ = H_prevᵀ dA: dA is already B's layout, so only the narrower
          // factor is transposed.
          if (grads[1] != null) {
            float[] xT = new float[d * n];
            for (int row = 0; row < n; row++) {
              for (int c = 0; c < d; c++) {
                xT[c * n + row] = xs[row * d + c];
              }
            }
            float[] dwT = new float[d * gp];
            FloatLanes.mulAdd(d, gp, n, xT, 0, n, dA, dwT, 0, gp);
            addTransposed(dwT, gp, grads[1], g4, d);
          }
          if (grads[2] != null) {
            float[] hPrevT = new float[h * n]; // the hidden state each row's step started from
            for (int t = 1; t < steps; t++) {
              for (int r = 0; r < start[t + 1] - start[t]; r++) {
                int from = (start[t - 1] + r) * h;
                int row = start[t] + r;
                for (int k = 0; k < h; k++) {
                  hPrevT[k * n + row] = hs[from + k];
                }
              }
            }
            float[] dwT = new float[h * gp];
            FloatLanes.mulAdd(h, gp, n, hPrevT, 0, n, dA, dwT, 0, gp);
            addTransposed(dwT, gp, grads[2], g4, h);
          }
          double[] gb = grads[3];
          if (gb != null) {
            for (int row = 0; row < n; row++) {
              for (int j = 0; j < g4; j++) {
                gb[j] += dA[row * gp + j];
              }
            }
          }
        },
        x,
        wIh,
        wHh,
        bias);
  }

  /** The transpose of row-major {@code m [rows, cols]}, as float {@code [cols, width]}. */
  private static float[] transposed(double[] m, int rows, int cols, int width) {
    float[] out = new float[cols * width];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * width + r] = (float) m[r * cols + c];
      }
    }
    return out;
  }

  /** Row-major {@code m [rows, cols]} as float rows {@code width} wide (zero-padded). */
  private static float[] rows(double[] m, int rows, int cols, int width) {
    float[] out = new float[rows * width];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r * width + c] = (float) m[r * cols + c];
      }
    }
    return out;
  }

  /** {@code acc[r·cols + c] += mT[c·width + r]} for {@code r < rows, c < cols}. */
  private static void addTransposed(float[] mT, int width, double[] acc, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        acc[r * cols + c] += mT[c * width + r];
      }
    }
  }
}
