package io.github.focal4j.ner.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How chunk (entity) boundaries are written as one tag per token, and conversion between the ways.
 *
 * <h2>Tags</h2>
 *
 * A tag is either {@value #OUTSIDE} (no entity) or {@code P-TYPE}: a one-letter prefix {@code P}, a
 * hyphen, and a type. The type is everything after the <em>first</em> hyphen, as in conlleval since
 * 2004, so {@code B-MISC-X} has type {@code MISC-X}. A type must be non-empty, must not start or
 * end with a hyphen and must not contain white space or control characters. Prefixes and {@code O}
 * are upper case: {@code b-per} and {@code o} are errors; the type's case is kept as written.
 * Anything else ({@code X-PER}, {@code B-}, {@code B-PER-}, {@code B}, {@code O-PER}) is not a tag
 * of any scheme.
 *
 * <ul>
 *   <li>{@link #IOB1}: prefixes {@code I} (inside) and {@code B} (a chunk that directly follows a
 *       chunk of the same type).
 *   <li>{@link #IOB2}: {@code B} starts every chunk, {@code I} continues it. The CoNLL-2003 files
 *       use it.
 *   <li>{@link #BIOES}: {@code B} begins, {@code I} continues, {@code E} ends a chunk of two or
 *       more tokens; {@code S} is a single-token chunk.
 * </ul>
 *
 * <h2>Decoding ill-formed sequences</h2>
 *
 * IOB1 and IOB2 sequences are decoded with conlleval's rules, whatever their shape: {@code B-X}
 * always starts a chunk; {@code I-X} continues the chunk of the previous token when that token is
 * {@code B-X} or {@code I-X}, and otherwise (after {@code O}, at the sentence start, or after
 * another type) starts a new chunk. So {@code O I-PER} holds one PER chunk, and IOB1 and IOB2
 * decode identically: they differ only in how they are written.
 *
 * <p>BIOES is decoded by its own meaning, extended the same way: {@code S-X} is a chunk of its own;
 * {@code B-X} starts a chunk; {@code I-X} and {@code E-X} continue an open chunk of type X (opened
 * by {@code B-X} or {@code I-X}) and otherwise start one; {@code E-X} closes its chunk. Note that
 * conlleval itself knows no {@code S} and misreads well-formed BIOES ({@code S-PER S-PER} is one
 * chunk to it): evaluate IOB1 or IOB2 tags, converting first.
 */
public enum TagScheme {
  /** Inside-outside-begin, version 1: {@code B} only between adjacent chunks of one type. */
  IOB1("O, I-TYPE or B-TYPE", 'B', 'I'),
  /** Inside-outside-begin, version 2: every chunk starts with {@code B}. */
  IOB2("O, B-TYPE or I-TYPE", 'B', 'I'),
  /** Begin, inside, outside, end, single. */
  BIOES("O, B-TYPE, I-TYPE, E-TYPE or S-TYPE", 'B', 'I', 'E', 'S');

  /** The tag of a token outside every chunk. */
  public static final String OUTSIDE = "O";

  private final String expected;
  private final String prefixes;

  TagScheme(String expected, char... prefixes) {
    this.expected = expected;
    this.prefixes = new String(prefixes);
  }

  /** True when {@code tag} is a tag of this scheme (see the class comment). */
  public boolean isValid(String tag) {
    return problemWith(tag).isEmpty();
  }

  /**
   * Explains why {@code tag} is not a tag of this scheme, or returns empty when it is. The
   * explanation names the tag, for example {@code tag 'X-PER' is not an IOB2 tag: unknown prefix
   * 'X'; expected O, B-TYPE or I-TYPE}.
   */
  public Optional<String> problemWith(String tag) {
    Objects.requireNonNull(tag, "tag");
    if (tag.equals(OUTSIDE)) {
      return Optional.empty();
    }
    String why = null;
    int hyphen = tag.indexOf('-');
    if (hyphen < 0) {
      why = "no prefix";
    } else if (hyphen != 1 || prefixes.indexOf(tag.charAt(0)) < 0) {
      why = "unknown prefix '" + tag.substring(0, hyphen) + "'";
    } else {
      why = problemWithType(tag.substring(2));
    }
    if (why == null) {
      return Optional.empty();
    }
    String article = this == IOB1 || this == IOB2 ? "an " : "a ";
    return Optional.of(
        "tag '" + tag + "' is not " + article + name() + " tag: " + why + "; expected " + expected);
  }

  private static String problemWithType(String type) {
    if (type.isEmpty()) {
      return "empty type";
    }
    if (type.startsWith("-") || type.endsWith("-")) {
      return "type '" + type + "' starts or ends with '-'";
    }
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        return "type contains white space or a control character";
      }
    }
    return null;
  }

  /**
   * Checks that {@code tag} belongs to this scheme.
   *
   * @return the tag
   * @throws IllegalArgumentException with the message of {@link #problemWith(String)} if it does
   *     not
   */
  public String requireValid(String tag) {
    Optional<String> problem = problemWith(tag);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return tag;
  }

  /**
   * The chunks of a tag sequence of this scheme, in order, read as described in the class comment.
   *
   * @throws IllegalArgumentException naming the first tag (and its index) that is not of this
   *     scheme
   */
  public List<Chunk> decode(List<String> tags) {
    List<Chunk> chunks = new ArrayList<>();
    String openType = null; // type of a chunk that the next token may continue, or null
    int start = -1;
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      Optional<String> problem = problemWith(tag);
      if (problem.isPresent()) {
        throw new IllegalArgumentException("at index " + i + ": " + problem.get());
      }
      if (tag.equals(OUTSIDE)) {
        openType = closeOpen(chunks, openType, start, i);
        continue;
      }
      char prefix = tag.charAt(0);
      String type = tag.substring(2);
      boolean continues = (prefix == 'I' || prefix == 'E') && type.equals(openType);
      if (!continues) {
        closeOpen(chunks, openType, start, i);
        start = i;
      }
      openType = type;
      if (this == BIOES && (prefix == 'E' || prefix == 'S')) {
        openType = closeOpen(chunks, openType, start, i + 1);
      }
    }
    closeOpen(chunks, openType, start, tags.size());
    return List.copyOf(chunks);
  }

  private static String closeOpen(List<Chunk> chunks, String openType, int start, int end) {
    if (openType != null) {
      chunks.add(new Chunk(openType, start, end));
    }
    return null;
  }

  /**
   * Writes chunks as tags of this scheme.
   *
   * @param chunks chunks ordered by position, not overlapping, within {@code [0, length)}
   * @param length the number of tokens
   * @return one tag per token; tokens outside every chunk get {@value #OUTSIDE}
   * @throws IllegalArgumentException if the chunks overlap, are out of order or out of range
   */
  public List<String> encode(List<Chunk> chunks, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length " + length + " is negative");
    }
    String[] tags = new String[length];
    Arrays.fill(tags, OUTSIDE);
    Chunk previous = null;
    for (Chunk chunk : chunks) {
      if (chunk.end() > length) {
        throw new IllegalArgumentException(chunk + " ends after the sentence of length " + length);
      }
      if (previous != null && chunk.start() < previous.end()) {
        throw new IllegalArgumentException(chunk + " overlaps or precedes " + previous);
      }
      boolean adjacentSameType =
          previous != null
              && previous.end() == chunk.start()
              && previous.type().equals(chunk.type());
      for (int i = chunk.start(); i < chunk.end(); i++) {
        tags[i] = prefix(chunk, i, adjacentSameType) + "-" + chunk.type();
      }
      previous = chunk;
    }
    return List.of(tags);
  }

  private char prefix(Chunk chunk, int i, boolean adjacentSameType) {
    boolean first = i == chunk.start();
    switch (this) {
      case IOB1:
        return first && adjacentSameType ? 'B' : 'I';
      case IOB2:
        return first ? 'B' : 'I';
      case BIOES:
        if (chunk.length() == 1) {
          return 'S';
        }
        return first ? 'B' : i == chunk.end() - 1 ? 'E' : 'I';
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * Rewrites a tag sequence of this scheme in scheme {@code to}: {@code to.encode(decode(tags),
   * tags.size())}. Ill-formed input is first read as the class comment describes, so the result is
   * always well-formed; converting to the same scheme normalises ({@code O I-PER} becomes {@code O
   * B-PER} in IOB2).
   *
   * @throws IllegalArgumentException naming the first tag (and its index) not of this scheme
   */
  public List<String> convert(List<String> tags, TagScheme to) {
    Objects.requireNonNull(to, "to");
    return to.encode(decode(tags), tags.size());
  }
}
