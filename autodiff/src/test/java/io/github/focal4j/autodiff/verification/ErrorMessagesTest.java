package io.github.focal4j.autodiff.verification;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input fails with an {@link IllegalArgumentException} whose message names the op and the
 * offending shapes, axis or index (asserted on the message text).
 */
class ErrorMessagesTest {

  private static final Tensor A23 = Tensor.zeros(2, 3);
  private static final Tensor A43 = Tensor.zeros(4, 3);

  /** Asserts an IllegalArgumentException whose message contains every fragment. */
  static void rejects(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
    }
  }

  @Test
  void mismatchedShapesInBinaryOps() {
    String[] names = {"add", "sub", "mul", "div", "pow", "maximum", "minimum"};
    @SuppressWarnings("unchecked")
    BinaryOperator<Tensor>[] ops =
        new BinaryOperator[] {
          (BinaryOperator<Tensor>) Tensor::add, (BinaryOperator<Tensor>) Tensor::sub,
          (BinaryOperator<Tensor>) Tensor::mul, (BinaryOperator<Tensor>) Tensor::div,
          (BinaryOperator<Tensor>) Tensor::pow, (BinaryOperator<Tensor>) Tensor::maximum,
          (BinaryOperator<Tensor>) Tensor::minimum
        };
    for (int i = 0; i < ops.length; i++) {
      BinaryOperator<Tensor> op = ops[i];
      rejects(() -> op.apply(A23, A43), names[i] + ":", "[2, 3]", "[4, 3]", "cannot be broadcast");
      rejects(() -> op.apply(Tensor.zeros(3), Tensor.zeros(2, 2)), names[i] + ":", "[3]", "[2, 2]");
    }
    rejects(() -> Tensor.where(Tensor.zeros(2), A23, A23), "where:", "[2]", "[2, 3]");
  }

  @Test
  void mismatchedShapesInMatmulConcatStackGatherReshape() {
    rejects(() -> A23.matmul(A43), "matmul:", "[2, 3]", "[4, 3]", "3 != 4");
    rejects(() -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)), "matmul:", "batch 2 != 3");
    rejects(() -> Tensor.zeros(3).matmul(Tensor.zeros(3)), "matmul:", "unsupported ranks", "[3]");
    rejects(() -> Tensor.concat(1, A23, A43), "concat:", "tensor 1", "[4, 3]", "[2, 3]");
    rejects(() -> Tensor.concat(0, A23, Tensor.zeros(2)), "concat:", "[2]");
    rejects(() -> Tensor.concat(0), "concat:", "no tensors");
    rejects(() -> Tensor.stack(0, A23, A43), "stack:", "tensor 1", "[4, 3]", "[2, 3]");
    rejects(
        () -> A23.gather(1, IntTensor.of(new int[] {0, 0, 0}, 3, 1)),
        "gather:",
        "[3, 1]",
        "[2, 3]");
    rejects(() -> A23.reshape(4), "reshape:", "[2, 3]", "[4]");
    rejects(() -> A23.reshape(-1, 4), "reshape:", "-1", "[2, 3]");
    rejects(() -> A23.reshape(-1, -1), "reshape:", "more than one -1");
    rejects(() -> A23.permute(1), "permute:", "1 axes", "[2, 3]");
    rejects(() -> A23.permute(1, -1), "permute:", "repeated");
    rejects(() -> A23.squeeze(0), "squeeze:", "[2, 3]", "size 2");
    rejects(() -> A23.exp().backward(Tensor.zeros(3, 2)), "backward:", "[3, 2]", "[2, 3]");
  }

  @Test
  void badAxesNameTheAxisAndTheShape() {
    Object[][] calls = {
      {"sum", (Executable) () -> A23.sum(2, false)},
      {"mean", (Executable) () -> A23.mean(-3, true)},
      {"max", (Executable) () -> A23.max(5, false)},
      {"logSumExp", (Executable) () -> A23.logSumExp(2, false)},
      {"softmax", (Executable) () -> A23.softmax(2)},
      {"logSoftmax", (Executable) () -> A23.logSoftmax(-3)},
      {"slice", (Executable) () -> A23.slice(2, 0, 1)},
      {"concat", (Executable) () -> Tensor.concat(2, A23)},
      {"indexSelect", (Executable) () -> A23.indexSelect(2, 0)},
      {"gather", (Executable) () -> A23.gather(2, IntTensor.of(new int[6], 2, 3))},
      {"transpose", (Executable) () -> A23.transpose(0, 2)},
      {"permute", (Executable) () -> A23.permute(0, 2)},
      {"squeeze", (Executable) () -> A23.squeeze(2)},
      {"size", (Executable) () -> A23.size(-3)},
    };
    for (Object[] c : calls) {
      rejects((Executable) c[1], c[0] + ":", "axis", "[2, 3]");
    }
    rejects(() -> A23.unsqueeze(3), "unsqueeze:", "axis 3", "[2, 3]");
    rejects(() -> A23.unsqueeze(-4), "unsqueeze:", "axis -4");
    rejects(() -> Tensor.stack(3, A23, A23), "stack:", "axis 3", "[2, 3]");
    rejects(() -> Tensor.scalar(1).sum(0, false), "sum:", "axis 0", "[]", "rank 0");
    rejects(() -> Tensor.scalar(1).softmax(-1), "softmax:", "axis -1", "[]");
  }

  @Test
  void outOfRangeIndicesNameTheIndexAndTheShape() {
    rejects(() -> A23.indexSelect(0, 0, 2), "indexSelect:", "index 2", "position 1", "[2, 3]");
    rejects(() -> A23.indexSelect(-1, -1), "indexSelect:", "index -1", "[2, 3]");
    rejects(
        () -> A23.gather(1, IntTensor.of(new int[] {0, 1, 3, 0, 0, 0}, 2, 3)),
        "gather:",
        "index 3",
        "position 2",
        "[2, 3]");
    rejects(() -> A23.gather(0, IntTensor.of(new int[] {-1, 0, 0}, 1, 3)), "gather:", "index -1");
    rejects(() -> A23.slice(1, 1, 4), "slice:", "[1, 4)", "[2, 3]");
    rejects(() -> A23.slice(1, 2, 1), "slice:", "[2, 1)");
    rejects(() -> A23.slice(0, -1, 1), "slice:", "[-1, 1)");
    rejects(() -> A23.get(2, 0), "get:", "[2, 0]", "[2, 3]");
    rejects(() -> A23.get(0), "get:", "1 indices", "[2, 3]");
  }

  @Test
  void rankAboveFourIsRejectedByEveryWayOfMakingOne() {
    Tensor r4 = Tensor.zeros(1, 2, 1, 2);
    rejects(() -> Tensor.zeros(1, 1, 1, 1, 1), "rank 5", "maximum rank 4");
    rejects(() -> Tensor.of(new double[1], 1, 1, 1, 1, 1), "Tensor.of:", "rank 5");
    rejects(() -> Tensor.randn(new SplittableRandom(1), 1, 1, 1, 1, 1), "Tensor.randn:", "rank 5");
    rejects(() -> r4.reshape(1, 1, 2, 1, 2), "reshape:", "rank 5");
    rejects(() -> r4.unsqueeze(0), "unsqueeze:", "rank 5");
    rejects(() -> Tensor.stack(0, r4, r4), "stack:", "[1, 2, 1, 2]", "maximum rank 4");
    rejects(() -> IntTensor.of(new int[1], 1, 1, 1, 1, 1), "IntTensor.of:", "rank 5");
    rejects(() -> r4.matmul(r4), "matmul:", "unsupported ranks");
  }

  @Test
  void reductionsOverEmptyAxesAreRejected() {
    Tensor e = Tensor.zeros(0, 3);
    rejects(() -> e.sum(0, false), "sum:", "axis 0 of size 0", "[0, 3]");
    rejects(() -> e.mean(-2, true), "mean:", "size 0", "[0, 3]");
    rejects(() -> e.max(0, false), "max:", "size 0", "[0, 3]");
    rejects(() -> e.logSumExp(0, false), "logSumExp:", "size 0", "[0, 3]");
    rejects(() -> e.softmax(0), "softmax:", "size 0", "[0, 3]");
    rejects(() -> e.logSoftmax(0), "logSoftmax:", "size 0", "[0, 3]");
    rejects(e::sum, "sum:", "empty", "[0, 3]");
    rejects(e::mean, "mean:", "empty", "[0, 3]");
    rejects(e::max, "max:", "empty", "[0, 3]");
    // Reducing a non-empty axis of an empty tensor is fine: the result is empty too.
    assertTrue(e.sum(1, false).numel() == 0);
  }

  @Test
  void badScalarArguments() {
    rejects(() -> A23.clamp(1, 0), "clamp:", "min 1.0", "max 0.0");
    rejects(() -> A23.clamp(Double.NaN, 0), "clamp:", "NaN");
    rejects(() -> A23.dropout(1.0, new SplittableRandom(1)), "dropout:", "1.0");
    rejects(() -> A23.dropout(-0.1, new SplittableRandom(1)), "dropout:", "-0.1");
    rejects(() -> A23.dropout(Double.NaN, new SplittableRandom(1)), "dropout:", "NaN");
    rejects(() -> Tensor.zeros(65536, 65536), "Tensor.full:", "2^31-1");
    rejects(() -> Tensor.zeros(-1), "negative dimension", "[-1]");
  }
}
