package io.github.focal4j.models;

/** Transition constraints of the CRF head, derived from the tag names of the training data. */
public enum TagConstraints {
  /** Every transition allowed. */
  NONE,
  /** IOB2: I-x only after B-x or I-x. */
  BIO,
  /**
   * BIOES: B-x/I-x continue with I-x/E-x; O, E-x, S-x continue with O, B-y, S-y; only O, E-x, S-x
   * end.
   */
  BIOES
}
