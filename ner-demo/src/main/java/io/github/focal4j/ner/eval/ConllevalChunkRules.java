package io.github.focal4j.ner.eval;

import java.util.Set;

/**
 * The chunk boundary rules of the CoNLL {@code conlleval} script (version 2004-01-26), its {@code
 * endOfChunk} and {@code startOfChunk} subroutines rule for rule, quirks included. (Prefixes come
 * from splitting at the first hyphen, so they never contain the space used in the pair keys.)
 *
 * <p>A tag is split at its first hyphen into a prefix ({@code B}, {@code I}, {@code O}, or anything
 * else) and a type ({@code ""} without a hyphen). Besides the B/I/O rules the script knows {@code
 * E} ("end"), and treats {@code [} and {@code ]} as one-token chunks and {@code .} as outside-like.
 * It has no {@code S} prefix: {@code S-PER S-PER} is one chunk, and {@code E-X B-X} neither ends
 * nor starts one. These methods reproduce all of that on purpose.
 */
final class ConllevalChunkRules {

  private ConllevalChunkRules() {}

  /** (previous prefix, prefix) pairs for which conlleval's {@code endOfChunk} says "ended". */
  private static final Set<String> END_PAIRS =
      Set.of("B B", "B O", "I B", "I O", "E E", "E I", "E O");

  /** (previous prefix, prefix) pairs for which conlleval's {@code startOfChunk} says "started". */
  private static final Set<String> START_PAIRS =
      Set.of("B B", "I B", "O B", "O I", "E E", "E I", "O E");

  /** True when a chunk ended between the previous token and this one. */
  static boolean endOfChunk(String prevTag, String tag, String prevType, String type) {
    return END_PAIRS.contains(prevTag + " " + tag)
        || (!prevTag.equals("O") && !prevTag.equals(".") && !prevType.equals(type))
        // conlleval, corrected 1998-12-22: these chunks are assumed to have length 1
        || prevTag.equals("]")
        || prevTag.equals("[");
  }

  /** True when a chunk started between the previous token and this one. */
  static boolean startOfChunk(String prevTag, String tag, String prevType, String type) {
    return START_PAIRS.contains(prevTag + " " + tag)
        || (!tag.equals("O") && !tag.equals(".") && !prevType.equals(type))
        // conlleval, corrected 1998-12-22: these chunks are assumed to have length 1
        || tag.equals("[")
        || tag.equals("]");
  }

  /**
   * The prefix of a tag as conlleval splits it: everything before the first hyphen, or the whole
   * tag when it has none.
   */
  static String prefix(String tag) {
    int hyphen = tag.indexOf('-');
    return hyphen < 0 ? tag : tag.substring(0, hyphen);
  }

  /**
   * The type of a tag as conlleval splits it: everything after the first hyphen, or {@code ""}.
   * Perl's truth test in the script also turns the type {@code "0"} into {@code ""}.
   */
  static String type(String tag) {
    int hyphen = tag.indexOf('-');
    String type = hyphen < 0 ? "" : tag.substring(hyphen + 1);
    return type.equals("0") ? "" : type;
  }
}
