package io.github.focal4j.loss;

import io.github.focal4j.loss.engine.LaneMath;

/**
 * Whether the fused kernels run on the Vector API ({@code jdk.incubator.vector}). That needs the JVM flag
 * {@code --add-modules jdk.incubator.vector} (on JDK 17 nothing else can add the module: not a JAR manifest,
 * not code) and a preferred vector of at least 4 doubles (AVX2 or AVX-512 on x86). Otherwise every fused
 * kernel runs its scalar form; both are held to the composed reference to 1e-12 by the same tests, which
 * run once without and once with the flag.
 *
 * <p>This class refers to no {@code jdk.incubator.vector} type: the classes that do ({@link LaneMath}, the
 * engine's {@code ...Lanes} classes, the drivers' vector chunks) are only loaded once {@link #ENABLED} is true.
 */
final class Simd {

  private static final String MODULE = "jdk.incubator.vector";

  /** True when the fused kernels take the vector path in this JVM. */
  static final boolean ENABLED = detect();

  private Simd() {}

  private static boolean detect() {
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      return false;
    }
    try {
      return LaneMath.LENGTH >= 4;
    } catch (LinkageError e) { // the module is present but unusable: keep the scalar kernels
      return false;
    }
  }
}
