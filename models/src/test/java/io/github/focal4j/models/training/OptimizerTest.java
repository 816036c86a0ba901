package io.github.focal4j.models.training;

import static io.github.focal4j.models.ops.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.ops.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {

  @Test
  void adamAndSgdMatchPyTorchStepForStep() {
    for (JsonElement el : Golden.load("optim.json").getAsJsonArray("cases")) {
      JsonObject c = el.getAsJsonObject();
      double lr = c.get("lr").getAsDouble();
      double wd = c.get("weight_decay").getAsDouble();
      OptimizerConfig config;
      if (c.get("kind").getAsString().equals("adam")) {
        JsonArray betas = c.getAsJsonArray("betas");
        config =
            new OptimizerConfig.Adam(
                lr,
                betas.get(0).getAsDouble(),
                betas.get(1).getAsDouble(),
                c.get("eps").getAsDouble(),
                wd);
      } else {
        config =
            new OptimizerConfig.Sgd(
                lr,
                c.get("momentum").getAsDouble(),
                c.get("dampening").getAsDouble(),
                c.get("nesterov").getAsBoolean()
                    ? OptimizerConfig.Nesterov.ON
                    : OptimizerConfig.Nesterov.OFF,
                wd);
      }
      Tensor p = Tensor.of(Golden.doubles(c, "start"));
      Optimizer opt = config.create(List.of(p));
      for (JsonElement g : c.getAsJsonArray("grads")) {
        JsonArray ga = g.getAsJsonArray();
        double[] grad = new double[ga.size()];
        for (int i = 0; i < grad.length; i++) {
          grad[i] = ga.get(i).getAsDouble();
        }
        opt.beginStep();
        opt.update(0, grad, 0, 3, lr); // two ranges: the split must not matter
        opt.update(0, grad, 3, grad.length, lr);
      }
      assertEquals(3, opt.steps());
      assertClose(
          Golden.doubles(c, "end"), p.toArray(), 1e-12, c.get("kind").getAsString() + " " + c);
    }
  }

  @Test
  void schedulesAndClipping() {
    assertEquals(1.0, LearningRateSchedule.constant().factor(99, 100));
    LearningRateSchedule lin = LearningRateSchedule.linearDecay(0.0);
    assertEquals(1.0, lin.factor(0, 11));
    assertEquals(0.5, lin.factor(5, 11), 1e-15);
    assertEquals(0.0, lin.factor(10, 11), 1e-15);
    LearningRateSchedule w = LearningRateSchedule.warmup(4, LearningRateSchedule.constant());
    assertEquals(0.25, w.factor(0, 100));
    assertEquals(1.0, w.factor(3, 100));
    assertEquals(1.0, w.factor(50, 100));
    double[][] g = {{3, 0}, {0, 4}};
    assertEquals(5.0, GradientClipping.globalNorm(g));
    double coef = GradientClipping.clip(g, 1.0);
    assertEquals(1.0 / (5 + 1e-6), coef, 1e-15);
    assertEquals(1.0, GradientClipping.globalNorm(g), 1e-6);
    assertEquals(1.0, GradientClipping.clip(g, 10.0));
  }
}
