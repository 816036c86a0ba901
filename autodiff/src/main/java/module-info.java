/**
 * Focal4J autodiff: a small reverse-mode automatic differentiation engine over dense float64
 * tensors — {@link io.github.focal4j.autodiff.Tensor} (its ops are package-private (forward,
 * backward) pairs beside it, reached through Tensor's methods), {@link
 * io.github.focal4j.autodiff.GradCheck}, and the matrix kernel in {@code
 * io.github.focal4j.autodiff.kernels}. {@code io.github.focal4j.autodiff.ops} holds only the scalar
 * {@code Sigmoid.value} that loss-core's fused kernels share bit for bit. No dependencies outside
 * the JDK.
 */
module io.github.focal4j.autodiff {
  // Gemm asks HotSpot's diagnostic bean whether Math.fma is one instruction (UseFMA)
  requires jdk.management;

  exports io.github.focal4j.autodiff;
  exports io.github.focal4j.autodiff.ops;
  exports io.github.focal4j.autodiff.kernels;
}
