package io.github.focal4j.autodiff;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The two loops every elementwise op shares: a unary map and a broadcasting binary map, each with
 * its backward. An op file supplies only its function and its partial derivatives.
 */
final class Elementwise {

  /** dy/dx of a unary op given the input value {@code x} and the output value {@code y}. */
  @FunctionalInterface
  interface UnaryDerivative {
    /** The derivative at input {@code x}, where the forward pass gave {@code y}. */
    double at(double x, double y);
  }

  /** A partial derivative of a binary op given both input values and the output value. */
  @FunctionalInterface
  interface BinaryDerivative {
    /** The partial derivative at inputs {@code (a, b)}, where the forward pass gave {@code y}. */
    double at(double a, double b, double y);
  }

  private Elementwise() {}

  /**
   * {@code y = f(x)} elementwise, same shape as x; backward adds {@code g · dydx(x, y)}.
   *
   * @param op the op's name, for {@link Tensor#op()} and messages
   */
  static Tensor unary(String op, Tensor x, DoubleUnaryOperator f, UnaryDerivative dydx) {
    double[] xs = x.buffer();
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      ys[i] = f.applyAsDouble(xs[i]);
    }
    return Tensor.fromOp(
        op,
        ys,
        x.shape(),
        (g, grads) -> {
          double[] gx = grads[0];
          for (int i = 0; i < xs.length; i++) {
            gx[i] += g[i] * dydx.at(xs[i], ys[i]);
          }
        },
        x);
  }

  /**
   * {@code y = f(a, b)} elementwise with NumPy broadcasting; backward adds {@code g * dyda} into a
   * and {@code g * dydb} into b, summing over broadcast dimensions.
   *
   * @param op the op's name, for {@link Tensor#op()} and messages
   * @throws IllegalArgumentException naming {@code op} and both shapes if they do not broadcast
   */
  static Tensor binary(
      String op,
      Tensor a,
      Tensor b,
      DoubleBinaryOperator f,
      BinaryDerivative dyda,
      BinaryDerivative dydb) {
    int[] outShape = Shape.broadcast(op, a.shape(), b.shape());
    int[] ia = Shape.broadcastIndex(a.shape(), outShape);
    int[] ib = Shape.broadcastIndex(b.shape(), outShape);
    double[] as = a.buffer();
    double[] bs = b.buffer();
    double[] ys = new double[Shape.numel(outShape)];
    for (int i = 0; i < ys.length; i++) {
      ys[i] = f.applyAsDouble(as[ia == null ? i : ia[i]], bs[ib == null ? i : ib[i]]);
    }
    return Tensor.fromOp(
        op,
        ys,
        outShape,
        (g, grads) -> {
          double[] ga = grads[0];
          double[] gb = grads[1];
          for (int i = 0; i < ys.length; i++) {
            int ai = ia == null ? i : ia[i];
            int bi = ib == null ? i : ib[i];
            if (ga != null) {
              ga[ai] += g[i] * dyda.at(as[ai], bs[bi], ys[i]);
            }
            if (gb != null) {
              gb[bi] += g[i] * dydb.at(as[ai], bs[bi], ys[i]);
            }
          }
        },
        a,
        b);
  }
}
