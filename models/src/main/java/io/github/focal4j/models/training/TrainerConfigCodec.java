package io.github.focal4j.models.training;

import io.github.focal4j.models.io.CheckpointException;
import io.github.focal4j.models.io.SectionReader;
import io.github.focal4j.models.io.SectionWriter;
import io.github.focal4j.models.ops.Precision;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The {@code TRCF} section of a training checkpoint: epochs, batchSize, shards (int32), seed
 * (int64), clipNorm (double, 0 for no clipping), patience (int32, 0 for no early stopping), the
 * optimizer ({@code "adam"} lr β₁ β₂ ε weightDecay | {@code "sgd"} lr momentum dampening nesterov
 * weightDecay) and the schedule ({@code "constant"} | {@code "linear"} endFactor | {@code "warmup"}
 * steps, then the following schedule), then, only with parameter averaging, {@code "ema"} decay,
 * and only when not float64, {@code "precision"} and its name (checkpoints written before these
 * existed end after the schedule).
 */
final class TrainerConfigCodec {
  private TrainerConfigCodec() {}

  static byte[] write(TrainerConfig c) {
    SectionWriter w =
        new SectionWriter()
            .writeInt(c.epochs())
            .writeInt(c.batchSize())
            .writeInt(c.shards())
            .writeLong(c.seed())
            .writeDouble(c.clipNorm().orElse(0))
            .writeInt(c.patience().orElse(0));
    if (c.optimizer() instanceof OptimizerConfig.Adam a) {
      w.writeString("adam")
          .writeDouble(a.learningRate())
          .writeDouble(a.beta1())
          .writeDouble(a.beta2())
          .writeDouble(a.eps())
          .writeDouble(a.weightDecay());
    } else if (c.optimizer() instanceof OptimizerConfig.Sgd s) {
      w.writeString("sgd")
          .writeDouble(s.learningRate())
          .writeDouble(s.momentum())
          .writeDouble(s.dampening())
          .writeBoolean(s.nesterov() == OptimizerConfig.Nesterov.ON)
          .writeDouble(s.weightDecay());
    }
    writeSchedule(w, c.schedule());
    c.emaDecay().ifPresent(d -> w.writeString("ema").writeDouble(d));
    if (c.precision() != Precision.FLOAT64) {
      w.writeString("precision").writeString(c.precision().name());
    }
    return w.toByteArray();
  }

  private static void writeSchedule(SectionWriter w, LearningRateSchedule s) {
    if (s instanceof LearningRateSchedule.LinearDecay l) {
      w.writeString("linear").writeDouble(l.endFactor());
    } else if (s instanceof LearningRateSchedule.Warmup u) {
      w.writeString("warmup").writeInt(u.steps());
      writeSchedule(w, u.after());
    } else {
      w.writeString("constant");
    }
  }

  static TrainerConfig read(SectionReader r) throws CheckpointException {
    try {
      int epochs = r.readInt();
      int batch = r.readInt();
      int shards = r.readInt();
      long seed = r.readLong();
      double clip = r.readDouble();
      int patience = r.readInt();
      String kind = r.readString();
      OptimizerConfig opt =
          switch (kind) {
            case "adam" ->
                new OptimizerConfig.Adam(
                    r.readDouble(), r.readDouble(), r.readDouble(), r.readDouble(), r.readDouble());
            case "sgd" ->
                new OptimizerConfig.Sgd(
                    r.readDouble(),
                    r.readDouble(),
                    r.readDouble(),
                    r.readBoolean() ? OptimizerConfig.Nesterov.ON : OptimizerConfig.Nesterov.OFF,
                    r.readDouble());
            default -> throw r.malformed("names an unknown optimizer '" + kind + "'");
          };
      LearningRateSchedule schedule = readSchedule(r, 0);
      OptionalDouble ema = OptionalDouble.empty();
      Precision precision = Precision.FLOAT64;
      String previous = "the schedule";
      while (r.hasRemaining()) {
        String tag = r.readString();
        if (tag.equals("ema") && previous.equals("the schedule")) {
          ema = OptionalDouble.of(r.readDouble());
        } else if (tag.equals("precision") && !previous.equals("precision")) {
          String name = r.readString();
          precision =
              Arrays.stream(Precision.values())
                  .filter(p -> p.name().equals(name))
                  .findFirst()
                  .orElseThrow(() -> r.malformed("names an unknown precision '" + name + "'"));
        } else {
          throw r.malformed("names an unknown setting '" + tag + "' after " + previous);
        }
        previous = tag;
      }
      r.expectEnd();
      // 0 is how TRCF writes "off" (the layout of the first checkpoints); the configuration says it
      // with empty
      return new TrainerConfig(
          epochs,
          batch,
          opt,
          schedule,
          clip == 0 ? OptionalDouble.empty() : OptionalDouble.of(clip),
          shards,
          seed,
          patience == 0 ? OptionalInt.empty() : OptionalInt.of(patience),
          ema,
          precision);
    } catch (IllegalArgumentException e) {
      throw r.malformed("holds an invalid trainer configuration: " + e.getMessage());
    }
  }

  private static LearningRateSchedule readSchedule(SectionReader r, int depth)
      throws CheckpointException {
    if (depth > 8) {
      throw r.malformed("nests schedules too deeply");
    }
    String kind = r.readString();
    return switch (kind) {
      case "constant" -> LearningRateSchedule.constant();
      case "linear" -> LearningRateSchedule.linearDecay(r.readDouble());
      case "warmup" -> {
        int steps = r.readInt();
        yield LearningRateSchedule.warmup(steps, readSchedule(r, depth + 1));
      }
      default -> throw r.malformed("names an unknown schedule '" + kind + "'");
    };
  }
}
