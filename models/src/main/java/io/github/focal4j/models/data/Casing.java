package io.github.focal4j.models.data;

/**
 * The shape of a word's letters and digits, a feature that survives lower-casing (Chiu and Nichols
 * 2016; Reimers and Gurevych 2017). Ids are the ordinals; {@link #PAD} is 0.
 */
public enum Casing {
  PAD,
  /** Only digits. */
  NUMERIC,
  /** More than half digits. */
  MAINLY_NUMERIC,
  ALL_LOWER,
  ALL_UPPER,
  /** First character upper-case. */
  INITIAL_UPPER,
  /** Contains a digit. */
  CONTAINS_DIGIT,
  OTHER;

  /** The casing class of a non-empty token. */
  public static Casing of(String token) {
    int digits = 0;
    int lower = 0;
    int upper = 0;
    int n = 0;
    for (int i = 0; i < token.length(); ) {
      int cp = token.codePointAt(i);
      i += Character.charCount(cp);
      n++;
      if (Character.isDigit(cp)) {
        digits++;
      } else if (Character.isLowerCase(cp)) {
        lower++;
      } else if (Character.isUpperCase(cp)) {
        upper++;
      }
    }
    if (n > 0 && digits == n) {
      return NUMERIC;
    }
    if (digits * 2 > n) {
      return MAINLY_NUMERIC;
    }
    if (n > 0 && lower == n) {
      return ALL_LOWER;
    }
    if (n > 0 && upper == n) {
      return ALL_UPPER;
    }
    if (n > 0 && Character.isUpperCase(token.codePointAt(0))) {
      return INITIAL_UPPER;
    }
    if (digits > 0) {
      return CONTAINS_DIGIT;
    }
    return OTHER;
  }
}
