/**
 * Focal4J autodiff: a small reverse-mode automatic differentiation engine over dense float64 tensors —
 * {@link io.github.focal4j.autodiff.Tensor} and its ops (one (forward, backward) pair per class in
 * {@code io.github.focal4j.autodiff.ops}), {@link io.github.focal4j.autodiff.GradCheck}, and the matrix kernel
 * in {@code io.github.focal4j.autodiff.kernels}. No dependencies outside the JDK.
 */
module io.github.focal4j.autodiff {
  // Gemm asks HotSpot's diagnostic bean whether Math.fma is one instruction (UseFMA)
  requires jdk.management;

  exports io.github.focal4j.autodiff;
  exports io.github.focal4j.autodiff.ops;
  exports io.github.focal4j.autodiff.kernels;
}
