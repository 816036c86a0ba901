package io.github.focal4j.models.lanes;

import java.util.Optional;

/**
 * Whether this JVM can run the kernels of this package: it needs the Vector API ({@code
 * jdk.incubator.vector}, which on JDK 17 only the flag {@code --add-modules jdk.incubator.vector}
 * adds; the {@code ner-demo} launcher passes it) and a preferred vector of at least 256 bits (8
 * floats, 4 doubles: AVX2 or AVX-512 on x86). Refers to no incubator type: {@link FloatLanes} and
 * {@link DoubleLanes} are loaded only once this says yes.
 *
 * <p>Without it, {@code inference.FloatTagger} refuses with {@link #UNAVAILABLE}'s sentence and
 * training's products run their scalar loops, which give the same bits.
 */
public final class VectorSupport {

  private static final String MODULE = "jdk.incubator.vector";

  /** Empty when the kernels can run; otherwise why not, as a sentence naming the flag. */
  public static final Optional<String> UNAVAILABLE = detect();

  private VectorSupport() {}

  private static Optional<String> detect() {
    Optional<Module> vector = ModuleLayer.boot().findModule(MODULE);
    if (vector.isEmpty()) {
      return Optional.of(
          "the float32 inference path needs the Vector API: start java with --add-modules "
              + MODULE);
    }
    try {
      // On the module path this module reads the incubator module only through this edge
      // (module-info does not require it); on the class path it does nothing.
      VectorSupport.class.getModule().addReads(vector.get());
      int lanes = FloatLanes.LENGTH;
      return lanes >= 8
          ? Optional.empty()
          : Optional.of(
              "the float32 inference path needs vectors of 8 or more floats; this CPU's hold "
                  + lanes);
    } catch (LinkageError e) {
      return Optional.of(
          "the float32 inference path cannot use " + MODULE + " in this JVM (" + e + ")");
    }
  }
}
