package io.github.focal4j.models.lanes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VectorSupportTest {

  @Test
  void advisesTheCompilePolicyOnlyUnderHotSpotsDefault() {
    Optional<String> advice = VectorSupport.compilePolicyAdvice(VMOption.Origin.DEFAULT);
    assertTrue(
        advice.orElseThrow().startsWith("start java with -XX:Tier3DelayOn=100000 "), advice.get());
    for (VMOption.Origin set :
        new VMOption.Origin[] {
          VMOption.Origin.VM_CREATION,
          VMOption.Origin.ENVIRON_VAR,
          VMOption.Origin.CONFIG_FILE,
          VMOption.Origin.ERGONOMIC
        }) {
      assertEquals(Optional.empty(), VectorSupport.compilePolicyAdvice(set), set.toString());
    }
  }

  @Test
  void readsThisJvmsOption() {
    VMOption option =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .getVMOption("Tier3DelayOn");
    // surefire starts the test JVMs without the option (then the advice is there), unless the
    // environment adds it
    assertEquals(
        option.getOrigin() == VMOption.Origin.DEFAULT,
        VectorSupport.compilePolicyAdvice().isPresent(),
        option.toString());
  }
}
