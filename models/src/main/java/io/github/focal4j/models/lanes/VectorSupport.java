package io.github.focal4j.models.lanes;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
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

  /** The HotSpot option {@link #compilePolicyAdvice()} asks for, as the launcher passes it. */
  public static final String COMPILE_POLICY = "-XX:Tier3DelayOn=100000";

  private VectorSupport() {}

  /**
   * What to add to this JVM's options so that {@link DoubleLanes} keeps its speed for a whole run,
   * or empty when nothing is needed: when {@code -XX:Tier3DelayOn} was set (to any value) or the
   * JVM is not HotSpot. Under HotSpot's default, methods are compiled without profiling while C2's
   * queue is long; when that hits the Vector API's own methods at start-up, C2 compiles the blocks
   * with boxed vectors, and such a run trains several times slower (to the same result).
   */
  public static Optional<String> compilePolicyAdvice() {
    try {
      HotSpotDiagnosticMXBean hotSpot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return hotSpot == null
          ? Optional.empty()
          : compilePolicyAdvice(hotSpot.getVMOption("Tier3DelayOn").getOrigin());
    } catch (IllegalArgumentException
        | UnsupportedOperationException
        | SecurityException
        | LinkageError e) {
      // not HotSpot, no such option, or a runtime image without jdk.management: nothing to advise
      return Optional.empty();
    }
  }

  /** {@link #compilePolicyAdvice()} given where {@code Tier3DelayOn}'s value came from. */
  static Optional<String> compilePolicyAdvice(VMOption.Origin tier3DelayOn) {
    return tier3DelayOn == VMOption.Origin.DEFAULT
        ? Optional.of(
            "start java with "
                + COMPILE_POLICY
                + " (as ner-demo's launcher does): under HotSpot's default some runs compile the"
                + " Vector API's methods without profiling and train several times slower")
        : Optional.empty();
  }

  private static Optional<String> detect() {
    Optional<Module> vector = ModuleLayer.boot().findModule(MODULE);
    if (vector.isEmpty()) {
      return Optional.of("float32 needs the Vector API: start java with --add-modules " + MODULE);
    }
    try {
      // On the module path this module reads the incubator module only through this edge
      // (module-info does not require it); on the class path it does nothing.
      VectorSupport.class.getModule().addReads(vector.get());
      int lanes = FloatLanes.LENGTH;
      return lanes >= 8
          ? Optional.empty()
          : Optional.of("float32 needs vectors of 8 or more floats; this CPU's hold " + lanes);
    } catch (LinkageError e) {
      return Optional.of("float32 cannot use " + MODULE + " in this JVM (" + e + ")");
    }
  }
}
