package io.github.focal4j.models.training;

import io.github.focal4j.models.io.CheckpointException;
import io.github.focal4j.models.io.SectionReader;
import io.github.focal4j.models.io.SectionWriter;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code PROG} section of a training checkpoint, a {@link TrainingProgress}: epoch,
 * batchInEpoch (int32), step (int64), best dev score (double, NaN before the first evaluation),
 * best epoch (int32, -1 before the first evaluation), bad epochs (int32), stopped early (bool),
 * data fingerprint (int64, 0 before the data is known), epoch loss sum (double), epoch tokens
 * (int64). The layout is the one of the first checkpoints, so they still read.
 */
final class TrainingProgressCodec {
  private TrainingProgressCodec() {}

  private static final int NO_BEST_EPOCH = -1; // on file only
  private static final long NO_FINGERPRINT = 0; // on file only: fingerprints are never 0

  static byte[] write(TrainingProgress p) {
    EarlyStopping.State e = p.earlyStopping();
    return new SectionWriter()
        .writeInt(p.epoch())
        .writeInt(p.batchInEpoch())
        .writeLong(p.step())
        .writeDouble(e.best().map(BestEpoch::devScore).orElse(Double.NaN))
        .writeInt(e.best().map(BestEpoch::epoch).orElse(NO_BEST_EPOCH))
        .writeInt(e.badEpochs())
        .writeBoolean(e.stopped())
        .writeLong(p.dataFingerprint().orElse(NO_FINGERPRINT))
        .writeDouble(p.epochLossSum())
        .writeLong(p.epochTokens())
        .toByteArray();
  }

  /**
   * @throws CheckpointException if the section is short, long, or holds an impossible position
   */
  static TrainingProgress read(SectionReader r) throws CheckpointException {
    int epoch = r.readInt();
    int batchInEpoch = r.readInt();
    long step = r.readLong();
    double bestScore = r.readDouble();
    int bestEpoch = r.readInt();
    int badEpochs = r.readInt();
    boolean stopped = r.readBoolean();
    long fingerprint = r.readLong();
    double epochLossSum = r.readDouble();
    long epochTokens = r.readLong();
    r.expectEnd();
    if (epoch < 0 || batchInEpoch < 0 || step < 0) {
      throw r.malformed(
          "holds an inconsistent position (epoch "
              + epoch
              + ", batch "
              + batchInEpoch
              + ", step "
              + step
              + ")");
    }
    try {
      Optional<BestEpoch> best =
          bestEpoch == NO_BEST_EPOCH
              ? Optional.empty()
              : Optional.of(new BestEpoch(bestEpoch, bestScore));
      return new TrainingProgress(
          epoch,
          batchInEpoch,
          step,
          fingerprint == NO_FINGERPRINT ? OptionalLong.empty() : OptionalLong.of(fingerprint),
          epochLossSum,
          epochTokens,
          new EarlyStopping.State(best, badEpochs, stopped));
    } catch (IllegalArgumentException e) {
      throw r.malformed("holds an invalid training progress: " + e.getMessage());
    }
  }
}
