package io.github.focal4j.models.inference;

import java.util.Optional;

/**
 * Whether this JVM can run the float32 inference path: it needs the Vector API ({@code
 * jdk.incubator.vector}, which on JDK 17 only the flag {@code --add-modules jdk.incubator.vector}
 * adds; the {@code ner-demo} launcher passes it) and a preferred vector of at least 8 floats (AVX2
 * or AVX-512 on x86). Refers to no incubator type: {@link FloatLanes} is loaded only once this says
 * yes.
 */
final class VectorSupport {

  private static final String MODULE = "jdk.incubator.vector";

  /** Empty when the float32 path can run; otherwise why not, as a sentence. */
  static final Optional<String> UNAVAILABLE = detect();

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
