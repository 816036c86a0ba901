package io.github.focal4j.ner.synth;

import java.util.Arrays;
import java.util.List;

/**
 * A sentence pattern: literal tokens and {@link Slot}s, for example {@code {PER} won the {EVENT} in
 * {YEAR} .}.
 *
 * @param tokens the tokens of the pattern, slots written {@code {NAME}}
 */
record Template(List<String> tokens) {

  Template {
    tokens = List.copyOf(tokens);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("empty template");
    }
    tokens.forEach(Slot::of); // fails on unknown slots
  }

  /** Parses a line of space-separated tokens. */
  static Template parse(String line) {
    return new Template(Arrays.asList(line.strip().split(" +")));
  }

  boolean hasEntitySlot() {
    return tokens.stream().map(Slot::of).anyMatch(s -> s != null && s.isEntity());
  }

  @Override
  public String toString() {
    return String.join(" ", tokens);
  }
}
