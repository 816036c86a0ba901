package io.github.focal4j.loss;

/**
 * Hyperparameter checks: each returns the value or throws an IllegalArgumentException naming it.
 */
final class Params {

  private Params() {}

  /** γ-like: finite and ≥ 0. */
  static double nonNegative(String loss, String name, double v) {
    if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
      throw error(loss, name, v, "must be finite and >= 0");
    }
    return v;
  }

  /** K-like: finite and > 0. */
  static double positive(String loss, String name, double v) {
    if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
      throw error(loss, name, v, "must be finite and > 0");
    }
    return v;
  }

  /** α-like: in [0, 1]. */
  static double unitClosed(String loss, String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw error(loss, name, v, "must be in [0, 1]");
    }
    return v;
  }

  /** Threshold-like: in (0, 1). */
  static double unitOpen(String loss, String name, double v) {
    if (!(v > 0 && v < 1)) {
      throw error(loss, name, v, "must be in (0, 1)");
    }
    return v;
  }

  /** Finite and ≥ min. */
  static double atLeast(String loss, String name, double v, double min) {
    if (!(v >= min && v < Double.POSITIVE_INFINITY)) {
      throw error(loss, name, v, "must be finite and >= " + min);
    }
    return v;
  }

  /** Finite. */
  static double finite(String loss, String name, double v) {
    if (!Double.isFinite(v)) {
      throw error(loss, name, v, "must be finite");
    }
    return v;
  }

  static <T> T notNull(String loss, String name, T v) {
    if (v == null) {
      throw new IllegalArgumentException(loss + ": " + name + " must not be null");
    }
    return v;
  }

  private static IllegalArgumentException error(String loss, String name, double v, String rule) {
    return new IllegalArgumentException(loss + ": " + name + " " + rule + ", got " + v);
  }
}
