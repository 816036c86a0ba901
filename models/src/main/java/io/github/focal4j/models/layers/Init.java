package io.github.focal4j.models.layers;

import io.github.focal4j.autodiff.Tensor;
import java.util.random.RandomGenerator;

/**
 * Parameter initialisers. Defaults used by the layers: Glorot/Xavier uniform for input and output
 * weights, orthogonal recurrent weights (one orthogonal block per gate), forget-gate bias 1
 * (Jozefowicz et al. 2015), other biases 0, embeddings uniform in ±√(3/E) (variance 1/E, as Lample
 * et al. 2016), and an embedding's padding row 0.
 */
public final class Init {
  private Init() {}

  /**
   * Uniform in ±√(6 / (fanIn + fanOut)) (Glorot and Bengio 2010; PyTorch's {@code
   * xavier_uniform_}).
   */
  public static Tensor glorotUniform(RandomGenerator rng, int fanIn, int fanOut, int... shape) {
    double bound = Math.sqrt(6.0 / (fanIn + fanOut));
    return Tensor.uniform(rng, -bound, bound, shape);
  }

  /** Uniform in {@code [-bound, bound)}. */
  public static Tensor uniform(RandomGenerator rng, double bound, int... shape) {
    return Tensor.uniform(rng, -bound, bound, shape);
  }

  /**
   * A {@code [blocks·n, n]} matrix made of {@code blocks} random orthogonal {@code n×n} blocks
   * stacked vertically (QR of a Gaussian matrix with the signs of R's diagonal folded in, as
   * PyTorch's {@code orthogonal_}; here by modified Gram–Schmidt).
   */
  public static Tensor orthogonalBlocks(RandomGenerator rng, int blocks, int n) {
    double[] out = new double[blocks * n * n];
    for (int blk = 0; blk < blocks; blk++) {
      double[][] q = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          q[i][j] = rng.nextGaussian();
        }
      }
      // Orthonormalise the rows in order; each row keeps the sign of its projection on itself (R's
      // diagonal > 0).
      for (int i = 0; i < n; i++) {
        double[] v = q[i];
        for (int k = 0; k < i; k++) {
          double dot = 0;
          for (int j = 0; j < n; j++) {
            dot += v[j] * q[k][j];
          }
          for (int j = 0; j < n; j++) {
            v[j] -= dot * q[k][j];
          }
        }
        double norm = 0;
        for (int j = 0; j < n; j++) {
          norm += v[j] * v[j];
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < n; j++) {
          v[j] /= norm;
        }
      }
      for (int i = 0; i < n; i++) {
        System.arraycopy(q[i], 0, out, (blk * n + i) * n, n);
      }
    }
    return Tensor.of(out, blocks * n, n);
  }

  /** An LSTM bias {@code [4H]} in gate order i, f, g, o: 1 for the forget gate, 0 elsewhere. */
  public static Tensor lstmBias(int hidden) {
    double[] b = new double[4 * hidden];
    java.util.Arrays.fill(b, hidden, 2 * hidden, 1.0);
    return Tensor.of(b, 4 * hidden);
  }

  /**
   * An embedding table {@code [V, E]} uniform in ±√(3/E), with row {@code paddingIndex} (if ≥ 0)
   * zero.
   */
  public static Tensor embedding(RandomGenerator rng, int rows, int dim, int paddingIndex) {
    Tensor t = uniform(rng, Math.sqrt(3.0 / dim), rows, dim);
    if (paddingIndex >= 0) {
      java.util.Arrays.fill(t.buffer(), paddingIndex * dim, (paddingIndex + 1) * dim, 0.0);
    }
    return t;
  }
}
