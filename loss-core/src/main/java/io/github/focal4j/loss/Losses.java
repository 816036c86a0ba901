package io.github.focal4j.loss;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry: every {@link LossType} by name, in the order command lines and help texts list
 * them. A new loss is one file beside the others (its configuration record, builders and {@code
 * TYPE}) and one line here.
 */
public final class Losses {

  /** Every loss type. Names and hyperparameter keys are checked by {@code LossTypeTest}. */
  public static final List<LossType<?>> ALL =
      List.of(
          CrossEntropyLoss.TYPE,
          HardTruncationLoss.TYPE,
          SoftenedLoss.TYPE,
          FocalLoss.TYPE,
          FocalStarLoss.TYPE,
          PolyLoss.POLY1,
          PolyLoss.POLY_FOCAL,
          DiceLoss.DSC,
          DiceLoss.DICE,
          TverskyLoss.TYPE,
          MomLoss.TYPE);

  private Losses() {}

  /** The type with this name (case-insensitive), if any. */
  public static Optional<LossType<?>> named(String name) {
    return ALL.stream().filter(t -> t.name().equalsIgnoreCase(name.trim())).findFirst();
  }

  /** The names, comma-separated: {@code ce, hard, soft, ...}. */
  public static String names() {
    return ALL.stream().map(LossType::name).collect(Collectors.joining(", "));
  }

  /** The types that have a hyperparameter with this key, in registry order. */
  public static List<LossType<?>> having(String key) {
    return ALL.stream().filter(t -> t.hyperparameter(key).isPresent()).collect(Collectors.toList());
  }
}
