package io.github.focal4j.models.lanes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The float32 kernels against plain double arithmetic (runs where the Vector API is present). */
class FloatLanesTest {

  @BeforeEach
  void needsTheVectorApi() {
    assumeTrue(
        VectorSupport.UNAVAILABLE.isEmpty(), "runs in the surefire execution with the Vector API");
  }

  private static float[] random(SplittableRandom rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextDouble(-1, 1);
    }
    return a;
  }

  @Test
  void mulAddMatchesTheTripleLoopOnEveryBlockShape() {
    SplittableRandom rng = new SplittableRandom(3);
    int l = FloatLanes.LENGTH;
    for (int m : new int[] {0, 1, 3, 4, 5, 8, 9, 13}) {
      for (int vectors : new int[] {1, 2, 3, 4, 5, 7, 8, 9}) {
        for (int k : new int[] {1, 2, 7, 33}) {
          int n = vectors * l;
          int lda = k + 3; // rows of A with a stride and an offset
          int aOff = 5;
          int ldc = n + l;
          int cOff = 2 * l;
          float[] a = random(rng, aOff + Math.max(m, 1) * lda);
          float[] b = random(rng, k * n);
          float[] c = random(rng, cOff + Math.max(m, 1) * ldc);
          double[] want = new double[c.length];
          for (int i = 0; i < c.length; i++) {
            want[i] = c[i];
          }
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              for (int p = 0; p < k; p++) {
                want[cOff + i * ldc + j] += (double) a[aOff + i * lda + p] * b[p * n + j];
              }
            }
          }
          FloatLanes.mulAdd(m, n, k, a, aOff, lda, b, c, cOff, ldc);
          for (int i = 0; i < c.length; i++) {
            assertEquals(
                want[i], c[i], 1e-5 * (1 + k), "m=" + m + " n=" + n + " k=" + k + " at " + i);
          }
        }
      }
    }
  }

  @Test
  void mulAddPanelsIsMulAddToTheBit() {
    SplittableRandom rng = new SplittableRandom(4);
    int l = FloatLanes.LENGTH;
    // rows below, at and across the 64-row chunks; widths that are and are not whole panels
    for (int m : new int[] {0, 1, 3, 4, 7, 64, 67, 130}) {
      for (int vectors : new int[] {1, 2, 3, 4, 5, 6, 7, 13}) {
        for (int k : new int[] {1, 5, 33}) {
          int n = vectors * l;
          int lda = k + 2;
          int aOff = 3;
          int ldc = n + l;
          int cOff = l;
          float[] a = random(rng, aOff + Math.max(m, 1) * lda);
          float[] b = random(rng, k * n);
          float[] want = random(rng, cOff + Math.max(m, 1) * ldc);
          float[] got = want.clone();
          FloatLanes.mulAdd(m, n, k, a, aOff, lda, b, want, cOff, ldc);
          FloatLanes.mulAddPanels(
              m, n, k, a, aOff, lda, FloatLanes.panels(b, k, n), got, cOff, ldc);
          for (int i = 0; i < want.length; i++) {
            assertEquals(
                Float.floatToRawIntBits(want[i]),
                Float.floatToRawIntBits(got[i]),
                "m=" + m + " n=" + n + " k=" + k + " at " + i);
          }
        }
      }
    }
  }

  @Test
  void panelsHoldEveryElementOfBOnce() {
    int l = FloatLanes.LENGTH;
    int k = 3;
    for (int vectors = 1; vectors <= 13; vectors++) {
      int n = vectors * l;
      float[] b = new float[k * n];
      for (int i = 0; i < b.length; i++) {
        b[i] = i;
      }
      float[] panels = FloatLanes.panels(b, k, n);
      java.util.Arrays.sort(panels);
      assertEquals(java.util.Arrays.toString(b), java.util.Arrays.toString(panels), "n=" + n);
    }
  }

  @Test
  void expIsWithinFourUlpOfMathExpAndClampsOutsideTheFloatRange() {
    int l = FloatLanes.LENGTH;
    int n = 200_000 / l * l;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = -87f + 175f * i / (n - 1);
    }
    float[] y = x.clone();
    FloatLanes.exp(y, 0, n);
    for (int i = 0; i < n; i++) {
      double want = Math.exp(x[i]);
      assertTrue(
          Math.abs(y[i] - want) <= 4 * Math.ulp((float) want), "exp(" + x[i] + ") = " + y[i]);
    }
    float[] extremes = new float[l];
    extremes[0] = -1000f;
    extremes[1] = 1000f;
    extremes[2] = Float.NEGATIVE_INFINITY;
    extremes[3] = Float.POSITIVE_INFINITY;
    FloatLanes.exp(extremes, 0, l);
    assertEquals((float) Math.exp(-87), extremes[0], Math.ulp((float) Math.exp(-87)) * 4);
    assertEquals((float) Math.exp(88), extremes[1], Math.ulp((float) Math.exp(88)) * 4);
    assertEquals(extremes[0], extremes[2]);
    assertEquals(extremes[1], extremes[3]);
    assertEquals(1f, extremes[4]); // exp(0)
  }

  @Test
  void lstmCellFollowsTheGateEquations() {
    SplittableRandom rng = new SplittableRandom(5);
    int hp = 2 * FloatLanes.LENGTH;
    int rows = 3;
    float[] gates = new float[rows * 4 * hp];
    for (int i = 0; i < gates.length; i++) {
      gates[i] = (float) rng.nextDouble(-12, 12);
    }
    gates[0] = 100f; // saturated gates stay finite
    gates[hp] = -100f;
    float[] cell = random(rng, rows * hp);
    float[] pre = gates.clone();
    float[] oldCell = cell.clone();
    float[] hidden = new float[rows * hp];
    FloatLanes.lstmCell(rows, hp, gates, cell, hidden, new float[rows * hp]);
    for (int r = 0; r < rows; r++) {
      for (int u = 0; u < hp; u++) {
        int g = r * 4 * hp + u;
        double i = 1 / (1 + Math.exp(-pre[g]));
        double f = 1 / (1 + Math.exp(-pre[g + hp]));
        double gg = Math.tanh(pre[g + 2 * hp]);
        double o = 1 / (1 + Math.exp(-pre[g + 3 * hp]));
        double c = f * oldCell[r * hp + u] + i * gg;
        assertEquals(c, cell[r * hp + u], 1e-6, "cell " + r + "," + u);
        assertEquals(o * Math.tanh(c), hidden[r * hp + u], 1e-6, "hidden " + r + "," + u);
      }
    }
  }

  /**
   * Every element, in the vector body or the scalar tail, as the plain float expressions give it.
   */
  @Test
  void lstmStepBackwardIsTheGateDerivativesToTheBit() {
    SplittableRandom rng = new SplittableRandom(9);
    int rows = 3;
    int l = FloatLanes.LENGTH;
    for (int h : new int[] {3, l, 2 * l + 5}) {
      int gp = FloatLanes.roundUp(4 * h);
      int hp = FloatLanes.roundUp(h);
      float[] act = new float[2 + rows * gp];
      float[] tanhC = new float[1 + rows * h];
      float[] gOut = new float[1 + rows * h];
      float[] cPrev = new float[4 + rows * h];
      float[] dhRec = new float[rows * hp];
      float[] dcNext = new float[rows * h];
      for (float[] x : new float[][] {act, tanhC, gOut, cPrev, dhRec, dcNext}) {
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
      }
      float[] dA = new float[act.length];
      float[] dcIn = dcNext.clone();
      FloatLanes.lstmStepBackward(
          rows, h, gp, act, dA, 2, tanhC, gOut, 1, cPrev, 4, h, dhRec, hp, dcNext);
      for (int r = 0; r < rows; r++) {
        for (int k = 0; k < h; k++) {
          int a = 2 + r * gp;
          float i = act[a + k];
          float f = act[a + h + k];
          float g = act[a + 2 * h + k];
          float o = act[a + 3 * h + k];
          float tc = tanhC[1 + r * h + k];
          float dh = gOut[1 + r * h + k] + dhRec[r * hp + k];
          float dc = dh * o * (1 - tc * tc) + dcIn[r * h + k];
          String at = "h=" + h + " r=" + r + " k=" + k;
          assertEquals(dc * f, dcNext[r * h + k], 0f, at + " dcNext");
          assertEquals(dc * g * i * (1 - i), dA[a + k], 0f, at + " da_i");
          assertEquals(dc * cPrev[4 + r * h + k] * f * (1 - f), dA[a + h + k], 0f, at + " da_f");
          assertEquals(dc * i * (1 - g * g), dA[a + 2 * h + k], 0f, at + " da_g");
          assertEquals(dh * tc * o * (1 - o), dA[a + 3 * h + k], 0f, at + " da_o");
        }
      }
    }
  }

  @Test
  void axpyIsAMultiplyThenAnAddPerElementInBodyAndTail() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int n : new int[] {1, FloatLanes.LENGTH, 2 * FloatLanes.LENGTH + 3}) {
      float[] x = new float[n + 2];
      float[] y = new float[n + 5];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rng.nextDouble(-1, 1);
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = (float) rng.nextDouble(-1, 1);
      }
      float[] expected = y.clone();
      float alpha = 0.37f;
      for (int i = 0; i < n; i++) {
        expected[3 + i] += alpha * x[2 + i];
      }
      FloatLanes.axpy(n, alpha, x, 2, y, 3);
      for (int i = 0; i < y.length; i++) {
        assertEquals(expected[i], y[i], 0f, "n=" + n + " i=" + i);
      }
    }
  }

  @Test
  void charConvMaxPoolsOnlyOverTheWordsOwnWindows() {
    SplittableRandom rng = new SplittableRandom(9);
    int fp = FloatLanes.LENGTH;
    int vocab = 4;
    for (int width : new int[] {1, 3, 5}) {
      float[] table = random(rng, width * vocab * fp);
      float[] bias = random(rng, fp);
      int[] chars = {3, 1, 2, 0, 2, 1, 3};
      for (int[] word : new int[][] {{0, 1}, {1, 4}, {2, 7}, {0, 7}}) {
        float[] out = new float[fp];
        FloatLanes.charConvMax(table, vocab, width, fp, chars, word[0], word[1], bias, out, 0);
        int half = (width - 1) / 2;
        for (int f = 0; f < fp; f++) {
          double best = Double.NEGATIVE_INFINITY;
          for (int p = word[0]; p < word[1]; p++) {
            double s = 0;
            for (int k = 0; k < width; k++) {
              int q = p + k - half;
              if (q >= word[0] && q < word[1]) {
                s += table[(k * vocab + chars[q]) * fp + f];
              }
            }
            best = Math.max(best, s);
          }
          assertEquals(best + bias[f], out[f], 1e-6, "width " + width + " filter " + f);
        }
      }
    }
  }
}
