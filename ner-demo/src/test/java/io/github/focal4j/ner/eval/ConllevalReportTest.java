package io.github.focal4j.ner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConllevalReportTest {

  @Test
  void fixedRoundsTheExactBinaryValueHalfToEvenLikeC() {
    assertEquals("  0.12", ConllevalReport.fixed(0.125, 6));
    assertEquals("  0.38", ConllevalReport.fixed(0.375, 6));
    assertEquals("  0.62", ConllevalReport.fixed(0.625, 6));
    assertEquals("  1.00", ConllevalReport.fixed(1.005, 6)); // 1.00499999999999989...
    assertEquals("100.00", ConllevalReport.fixed(100.0, 6));
    assertEquals("  0.00", ConllevalReport.fixed(0.0, 6));
  }

  @Test
  void padsTypesToSeventeenUtf8Bytes() {
    assertEquals("              LOC", ConllevalReport.padLeftUtf8("LOC", 17));
    assertEquals("             \u00C4\u00D6", ConllevalReport.padLeftUtf8("\u00C4\u00D6", 17));
    assertEquals("ABCDEFGHIJKLMNOPQR", ConllevalReport.padLeftUtf8("ABCDEFGHIJKLMNOPQR", 17));
  }

  @Test
  void detailsShowSupportAndTokenConfusion() {
    EvaluationResult r =
        ConllEvaluator.evaluate(
            List.of(Arrays.asList("B-PER I-PER O O O B-LOC".split(" "))),
            List.of(Arrays.asList("B-PER I-PER O B-LOC O O".split(" "))));
    assertEquals(
        "type                support    found  correct  precision   recall      FB1\n"
            + "              LOC         1        1        0      0.00%    0.00%     0.00\n"
            + "              PER         1        1        1    100.00%  100.00%   100.00\n"
            + "          overall         2        2        1     50.00%   50.00%    50.00\n"
            + "tokens (rows gold, columns predicted):        O   entity\n"
            + "                                    O        2        1\n"
            + "                               entity        1        2\n"
            + "O-token recall:  66.67%; entity-token recall:  66.67%; entity-token precision:  66.67%;"
            + " gold O share:  50.00%\n",
        ConllevalReport.formatDetails(r));
  }
}
