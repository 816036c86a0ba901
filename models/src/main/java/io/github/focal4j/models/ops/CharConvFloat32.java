package io.github.focal4j.models.ops;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.lanes.FloatLanes;

/**
 * {@link CharConvMaxPool}'s op computed in float32 on {@link FloatLanes}, with float64 inputs,
 * outputs and gradients (see {@link Precision}). The convolution is one product on the float im2col
 * matrix; the backward uses the max-pool's sparsity: only each (word, filter)'s arg-max position
 * receives a gradient, so {@code dW[f] += g · cols[arg]} and {@code dcols[arg] += g · W[f]} are one
 * short vector update each instead of dense products over every position. Loaded only when the JVM
 * has the Vector API.
 *
 * <p>Saved context: the im2col matrix (float), the weights (float) and the arg-max positions.
 */
final class CharConvFloat32 {

  static {
    FloatTraining.ready();
  }

  private CharConvFloat32() {}

  /** Arguments already checked by {@link CharConvMaxPool#apply}; {@code cid, offs} are copies. */
  static Tensor apply(Tensor table, int[] cid, int[] offs, Tensor weight, Tensor bias) {
    int f = weight.size(0);
    int e = weight.size(1);
    int w = weight.size(2);
    int words = offs.length - 1;
    int positions = cid.length;
    int width = e * w;
    int fp = FloatLanes.roundUp(f);
    double[] tab = table.buffer();
    float[] cols = new float[positions * width];
    CharConvMaxPool.forEachTap(
        offs,
        w,
        (p, k, q) -> {
          for (int j = 0, src = cid[q] * e, dst = p * width + k; j < e; j++) {
            cols[dst + j * w] = (float) tab[src + j];
          }
        });
    double[] wd64 = weight.buffer();
    float[] wt = new float[f * width]; // [F, E·w], as the weight is laid out
    float[] wT = new float[width * fp]; // its transpose, columns padded to whole vectors
    for (int j = 0; j < f; j++) {
      for (int c = 0; c < width; c++) {
        float v = (float) wd64[j * width + c];
        wt[j * width + c] = v;
        wT[c * fp + j] = v;
      }
    }
    float[] conv = new float[positions * fp];
    FloatLanes.mulAdd(positions, fp, width, cols, 0, width, wT, conv, 0, fp);
    double[] out = new double[words * f];
    int[] arg = new int[words * f];
    // float to double is exact and keeps the order, so the max and its position are float's
    CharConvMaxPool.maxPool(offs, f, i -> conv[i], fp, bias.buffer(), out, arg);
    return Tensor.fromOp(
        "charConvMaxPool",
        out,
        new int[] {words, f},
        (g, grads) -> {
          double[] gb = grads[2];
          if (gb != null) {
            for (int i = 0; i < arg.length; i++) {
              gb[i % f] += g[i];
            }
          }
          if (grads[1] != null) {
            float[] dw = new float[f * width];
            for (int i = 0; i < arg.length; i++) {
              FloatLanes.axpy(width, (float) g[i], cols, arg[i] * width, dw, (i % f) * width);
            }
            double[] gw = grads[1];
            for (int c = 0; c < dw.length; c++) {
              gw[c] += dw[c];
            }
          }
          double[] gt = grads[0];
          if (gt != null) {
            float[] dcols = new float[positions * width];
            for (int i = 0; i < arg.length; i++) {
              FloatLanes.axpy(width, (float) g[i], wt, (i % f) * width, dcols, arg[i] * width);
            }
            CharConvMaxPool.scatterToTable(offs, w, e, cid, i -> dcols[i], gt);
          }
        },
        table,
        weight,
        bias);
  }
}
