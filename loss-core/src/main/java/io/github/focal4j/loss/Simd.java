package io.github.focal4j.loss;

import io.github.focal4j.loss.engine.LaneMath;
import java.util.Optional;

/**
 * Whether the fused kernels run on the Vector API ({@code jdk.incubator.vector}). That needs the
 * JVM flag {@code --add-modules jdk.incubator.vector} (on JDK 17 nothing else can add the module:
 * not a JAR manifest, not code) and a preferred vector of at least 4 doubles (AVX2 or AVX-512 on
 * x86). Otherwise every fused kernel runs its scalar form; both are held to the composed reference
 * to 1e-12 by the same tests, which run once without and once with the flag.
 *
 * <p>This class refers to no {@code jdk.incubator.vector} type: the classes that do ({@link
 * LaneMath}, the engine's {@code ...Lanes} classes, the drivers' vector chunks) are only loaded
 * once {@link #ENABLED} is true.
 */
final class Simd {

  private static final String MODULE = "jdk.incubator.vector";

  /**
   * Logs which path the kernels take, once per JVM (when this class is initialised), through {@link
   * System.Logger} so the library needs no logging dependency: JUL by default, SLF4J or Log4j where
   * a bridge such as {@code slf4j-jdk-platform-logging} is on the class path.
   */
  private static final System.Logger LOG = System.getLogger("io.github.focal4j.loss");

  /** True when the fused kernels take the vector path in this JVM. */
  static final boolean ENABLED = detect();

  private Simd() {}

  private static boolean detect() {
    Optional<Module> vector = ModuleLayer.boot().findModule(MODULE);
    if (vector.isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          "Focal4J loss kernels: scalar path (the JVM runs without the Vector API"
              + " module); start java with --add-modules "
              + MODULE
              + " for the vectorized kernels");
      return false;
    }
    try {
      // On the module path, loss-core reads the incubator module only through this edge
      // (module-info does not
      // require it); on the class path this does nothing.
      Simd.class.getModule().addReads(vector.get());
      int lanes = LaneMath.LENGTH;
      if (lanes < 4) {
        LOG.log(
            System.Logger.Level.INFO,
            "Focal4J loss kernels: scalar path (the CPU's preferred vector holds "
                + lanes
                + " doubles; the vector path needs 4 or more)");
        return false;
      }
      LOG.log(
          System.Logger.Level.DEBUG,
          "Focal4J loss kernels: vector path, " + lanes + " doubles per vector");
      return true;
    } catch (LinkageError e) { // the module is present but unusable: keep the scalar kernels
      LOG.log(
          System.Logger.Level.INFO,
          "Focal4J loss kernels: scalar path ("
              + MODULE
              + " is present but"
              + " unusable: "
              + e
              + ")");
      return false;
    }
  }
}
