package io.github.focal4j.ner.experiment;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A hyperparameter of a {@link LossSpec}: its command-line flag (also its key in the {@link
 * LossSpec#parse} syntax, without the dashes) and the losses it applies to. Giving a
 * hyperparameter to a loss it does not apply to is an error, never silently ignored.
 */
public enum LossParam {
  /** K &gt; 0, the steepness of σ(Kx). */
  K("--k", EnumSet.of(LossKind.SOFT)),
  /** γ, the focusing exponent. */
  GAMMA("--gamma", EnumSet.of(LossKind.FOCAL, LossKind.FOCAL_STAR, LossKind.POLY_FOCAL)),
  /** Scalar α: entity tags weighted α, {@code O} weighted 1 − α. */
  ALPHA("--alpha", EnumSet.allOf(LossKind.class)),
  /** Per-class α by tag or entity type. */
  CLASS_ALPHA("--class-alpha", EnumSet.allOf(LossKind.class)),
  /** α from the effective number of samples with this β. */
  CLASS_BALANCED("--class-balanced", EnumSet.allOf(LossKind.class)),
  /** m, hard truncation's threshold on p_t. */
  THRESHOLD("--threshold", EnumSet.of(LossKind.HARD)),
  /** The reduced focal loss's threshold. */
  REDUCED_THRESHOLD("--reduced-threshold", EnumSet.of(LossKind.FOCAL)),
  /** Label smoothing s. */
  LABEL_SMOOTHING("--label-smoothing", EnumSet.of(LossKind.CE, LossKind.FOCAL)),
  /** Stop the gradient through the weight factor. */
  DETACH_WEIGHT("--detach-weight", EnumSet.of(LossKind.SOFT, LossKind.FOCAL)),
  /** ε, PolyLoss's coefficient. */
  EPSILON("--epsilon", EnumSet.of(LossKind.POLY1, LossKind.POLY_FOCAL)),
  /** β, FL*'s shift. */
  BETA("--beta", EnumSet.of(LossKind.FOCAL_STAR)),
  /** The multi-class weight of the softened loss (softmax or margin). */
  SOFT_WEIGHT("--soft-weight", EnumSet.of(LossKind.SOFT));

  private final String flag;
  private final Set<LossKind> kinds;

  LossParam(String flag, Set<LossKind> kinds) {
    this.flag = flag;
    this.kinds = kinds;
  }

  /** The command-line flag, such as {@code --gamma}. */
  public String flag() {
    return flag;
  }

  /** The key in {@link LossSpec#parse} syntax, such as {@code gamma}. */
  public String key() {
    return flag.substring(2);
  }

  /** Whether this hyperparameter means something for {@code kind}. */
  public boolean appliesTo(LossKind kind) {
    return kinds.contains(kind);
  }

  /** The names of the losses it applies to, for messages. */
  String kindNames() {
    return kinds.size() == LossKind.values().length
        ? "every loss"
        : kinds.stream().map(LossKind::cliName).collect(Collectors.joining(", "));
  }

  /** The parameter whose {@link #key()} is {@code key}, or null. */
  static LossParam byKey(String key) {
    for (LossParam p : values()) {
      if (p.key().equals(key)) {
        return p;
      }
    }
    return null;
  }
}
