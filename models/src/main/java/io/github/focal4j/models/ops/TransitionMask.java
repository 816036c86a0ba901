package io.github.focal4j.models.ops;

import java.util.Arrays;
import java.util.List;

/**
 * Which tag transitions a linear-chain CRF may use: {@code allowed(i, j)} for tag i followed by tag
 * j, and which tags may start and end a sentence. Disallowed moves score −∞ in both the forward
 * algorithm and Viterbi decoding. Built from tag names for the BIO (IOB2) and BIOES schemes, where
 * a tag is {@code O} or {@code P-TYPE} with prefix P in {B, I} or {B, I, E, S}. Immutable.
 */
public final class TransitionMask {

  private final int numTags;
  private final boolean[] allowed;
  private final boolean[] start;
  private final boolean[] end;
  private final boolean all;

  private TransitionMask(int numTags, boolean[] allowed, boolean[] start, boolean[] end) {
    this.numTags = numTags;
    this.allowed = allowed;
    this.start = start;
    this.end = end;
    boolean a = true;
    for (boolean x : allowed) {
      a &= x;
    }
    for (int i = 0; i < numTags; i++) {
      a &= start[i] && end[i];
    }
    this.all = a;
  }

  /** Every transition allowed. */
  public static TransitionMask none(int numTags) {
    boolean[] t = new boolean[numTags * numTags];
    boolean[] s = new boolean[numTags];
    Arrays.fill(t, true);
    Arrays.fill(s, true);
    return new TransitionMask(numTags, t, s, s.clone());
  }

  /**
   * IOB2: a sentence starts with O or B-x; I-x follows only B-x or I-x; anything may end a
   * sentence.
   *
   * @throws IllegalArgumentException for a tag that is neither O nor B-/I- with a type
   */
  public static TransitionMask bio(List<String> tags) {
    return build(tags, "BI");
  }

  /**
   * BIOES: a sentence starts with O, B-x or S-x; B-x and I-x continue with I-x or E-x of the same
   * type; O, E-x and S-x continue with O, B-y or S-y; only O, E-x and S-x end a sentence.
   *
   * @throws IllegalArgumentException for a tag that is neither O nor B-/I-/E-/S- with a type
   */
  public static TransitionMask bioes(List<String> tags) {
    return build(tags, "BIES");
  }

  private static TransitionMask build(List<String> tags, String prefixes) {
    int c = tags.size();
    char[] prefix = new char[c];
    String[] type = new String[c];
    for (int k = 0; k < c; k++) {
      String tag = tags.get(k);
      if (tag.equals("O")) {
        prefix[k] = 'O';
        type[k] = "";
      } else if (tag.length() > 2 && tag.charAt(1) == '-' && prefixes.indexOf(tag.charAt(0)) >= 0) {
        prefix[k] = tag.charAt(0);
        type[k] = tag.substring(2);
      } else {
        throw new IllegalArgumentException(
            "tag '"
                + tag
                + "' is not in the "
                + (prefixes.length() == 2 ? "BIO" : "BIOES")
                + " scheme (expected O or one of "
                + prefixes.chars().mapToObj(ch -> (char) ch + "-TYPE").toList()
                + ")");
      }
    }
    boolean[] t = new boolean[c * c];
    boolean[] s = new boolean[c];
    boolean[] e = new boolean[c];
    for (int j = 0; j < c; j++) {
      boolean inside = prefix[j] == 'I' || prefix[j] == 'E';
      s[j] = !inside;
      e[j] = prefixes.length() == 2 || prefix[j] == 'O' || prefix[j] == 'E' || prefix[j] == 'S';
      for (int i = 0; i < c; i++) {
        boolean open =
            prefix[i] == 'B' || prefix[i] == 'I'; // a chunk of type[i] is still open after i
        boolean ok;
        if (prefixes.length() == 2) {
          ok = prefix[j] != 'I' || (open && type[i].equals(type[j]));
        } else {
          ok = inside ? open && type[i].equals(type[j]) : !open;
        }
        t[i * c + j] = ok;
      }
    }
    return new TransitionMask(c, t, s, e);
  }

  public int numTags() {
    return numTags;
  }

  public boolean allowed(int from, int to) {
    return allowed[from * numTags + to];
  }

  public boolean start(int tag) {
    return start[tag];
  }

  public boolean end(int tag) {
    return end[tag];
  }

  /** The transition scores with −∞ where disallowed (the same array when everything is allowed). */
  double[] apply(double[] transitions) {
    return all ? transitions : masked(transitions, allowed);
  }

  double[] applyStart(double[] scores) {
    return all ? scores : masked(scores, start);
  }

  double[] applyEnd(double[] scores) {
    return all ? scores : masked(scores, end);
  }

  private static double[] masked(double[] v, boolean[] ok) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      if (!ok[i]) {
        out[i] = Double.NEGATIVE_INFINITY;
      }
    }
    return out;
  }
}
