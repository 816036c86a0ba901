package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.loss.CrossEntropyLoss;
import io.github.focal4j.loss.Hyperparameter;
import io.github.focal4j.loss.LossType;
import io.github.focal4j.loss.Losses;
import io.github.focal4j.ner.experiment.LossSpecException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Flags derived from the loss registry: a hyperparameter key no declared flag covers gets one. */
class LossOptionsTest {

  /** A stand-in for a loss added later, with a key of its own and a flag. */
  record Toy(double smooth, boolean squared) {
    Toy withSmooth(double s) {
      return new Toy(s, squared);
    }

    Toy squaredOn() {
      return new Toy(smooth, true);
    }
  }

  private static final LossType<Toy> TOY =
      LossType.of(
          "toy",
          new Toy(1, false),
          c -> CrossEntropyLoss.binary(),
          c -> CrossEntropyLoss.multiClass(),
          Hyperparameter.number("sharpness", Toy::smooth, Toy::withSmooth),
          Hyperparameter.number("gamma", Toy::smooth, Toy::withSmooth),
          Hyperparameter.flag("squared", Toy::squared, Toy::squaredOn));

  @Test
  void everyHyperparameterOfARegisteredLossHasAFlag() {
    CommandLine cl = Main.commandLine(new Main());
    for (String command : new String[] {"train", "curves"}) {
      for (LossType<?> t : Losses.ALL) {
        for (Hyperparameter<?> h : t.hyperparameters()) {
          assertNotNull(
              cl.getSubcommands().get(command).getCommandSpec().findOption("--" + h.key()),
              command + " --" + h.key());
        }
      }
    }
    assertNull(
        cl.getSubcommands().get("compare").getCommandSpec().findOption("--epsilon"),
        "compare has no LossOptions");
  }

  @Test
  void aNewKeyGetsAFlagThatReachesTheLossSpec() {
    CommandLine cl = Main.commandLine(new Main());
    LossOptions.addFlags(cl, List.of(TOY));
    CommandLine.Model.CommandSpec train = cl.getSubcommands().get("train").getCommandSpec();
    assertTrue(train.findOption("--sharpness").description()[0].startsWith("toy: sharpness"));
    assertEquals(0, train.findOption("--squared").arity().min());
    assertTrue(train.findOption("--gamma").order() < 40, "a declared flag is not replaced");
    TrainCommand cmd =
        (TrainCommand)
            cl.parseArgs("train", "--sharpness", "0.5", "--squared")
                .subcommand()
                .commandSpec()
                .userObject();
    assertEquals(
        Map.of("sharpness", Optional.of("0.5"), "squared", Optional.empty()), cmd.loss.addedFlags);
    assertTrue(cmd.loss.given());
    // ce has neither: the usual usage error, naming the flag
    LossSpecException e = assertThrows(LossSpecException.class, () -> cmd.loss.spec("ce"));
    assertEquals("--sharpness", e.flag());
    assertEquals("--sharpness does not apply to --loss ce", e.getMessage());
    // not given: nothing recorded (picocli's initial null and false are not values)
    CommandLine fresh = Main.commandLine(new Main());
    LossOptions.addFlags(fresh, List.of(TOY));
    TrainCommand none =
        (TrainCommand)
            fresh.parseArgs("train", "--loss", "focal").subcommand().commandSpec().userObject();
    assertEquals(Map.of(), none.loss.addedFlags);
    assertEquals("focal(gamma=2)", none.loss.spec("ce").toString());
  }
}
