package io.github.focal4j.ner.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The losses of loss-core by their command-line names. Each kind lists the hyperparameters that apply
 * to it ({@link LossParam#appliesTo}).
 */
public enum LossKind {
  /** Cross-entropy ({@code CrossEntropyLoss}). */
  CE("ce"),
  /** Hard truncation λ·CE, λ = θ(m − p_t) ({@code HardTruncationLoss}). */
  HARD("hard"),
  /** The softened loss L** = σ(−Kz)·CE ({@code SoftenedLoss}). */
  SOFT("soft"),
  /** Focal loss α_t(1 − p_t)^γ·CE ({@code FocalLoss}). */
  FOCAL("focal"),
  /** FL* = −log σ(γz + β)/γ ({@code FocalStarLoss}). */
  FOCAL_STAR("focal-star"),
  /** Poly-1: CE + ε(1 − p_t) ({@code PolyLoss} with γ = 0). */
  POLY1("poly1"),
  /** Poly-focal: FL_γ + ε(1 − p_t)^(γ+1) ({@code PolyLoss} with γ &gt; 0 allowed). */
  POLY_FOCAL("poly-focal");

  private final String cliName;

  LossKind(String cliName) {
    this.cliName = cliName;
  }

  /** The command-line name, such as {@code focal-star}. */
  public String cliName() {
    return cliName;
  }

  /**
   * The kind named {@code name} (its command-line name, case-insensitive).
   *
   * @throws IllegalArgumentException naming the value and the known names
   */
  public static LossKind parse(String name) {
    for (LossKind k : values()) {
      if (k.cliName.equalsIgnoreCase(name.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown loss '" + name + "'; expected one of " + names());
  }

  /** The command-line names, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(LossKind::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName.toLowerCase(Locale.ROOT);
  }
}
