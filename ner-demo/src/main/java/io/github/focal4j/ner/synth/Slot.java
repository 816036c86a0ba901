package io.github.focal4j.ner.synth;

/**
 * A placeholder in a {@link Template}, written {@code {NAME}}. Entity slots carry the entity type
 * they produce; the others produce tokens tagged O.
 */
enum Slot {
  PER("PER"),
  LAST("PER"),
  LOC("LOC"),
  CITY("LOC"),
  COUNTRY("LOC"),
  ORG("ORG"),
  NAT("MISC"),
  EVENT("MISC"),
  DAY(null),
  MONTH(null),
  NUM(null),
  YEAR(null),
  DATE(null),
  PCT(null),
  SCORE(null),
  ROLE(null),
  CURRENCY(null);

  private final String entityType;

  Slot(String entityType) {
    this.entityType = entityType;
  }

  /** The entity type this slot produces, or null for slots tagged O. */
  String entityType() {
    return entityType;
  }

  boolean isEntity() {
    return entityType != null;
  }

  /** The slot a template token names, or null when the token is literal text. */
  static Slot of(String token) {
    if (token.length() < 3 || token.charAt(0) != '{' || token.charAt(token.length() - 1) != '}') {
      return null;
    }
    String name = token.substring(1, token.length() - 1);
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("unknown template slot " + token, e);
    }
  }
}
