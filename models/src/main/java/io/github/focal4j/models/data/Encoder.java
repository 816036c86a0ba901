package io.github.focal4j.models.data;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns sentences into ids with the vocabularies of the training data: words (optionally
 * lower-cased, rare words as {@code <unk>}), characters (code points, case kept; unseen ones as
 * {@code <unk>}), casing classes and tags. {@link #batch(List)} pads a list of encoded sentences
 * into a {@link Batch}. Immutable.
 *
 * <pre>{@code
 * Encoder enc = Encoder.builder().lowercaseWords().minWordCount(1).fit(trainSentences);
 * List<EncodedSentence> train = enc.encodeAll(trainSentences);
 * Batch batch = enc.batch(train.subList(0, 32));
 * }</pre>
 */
public final class Encoder {

  private final Vocabulary words;
  private final Vocabulary chars;
  private final TagSet tags;

  /** {@code chars.id} of the code points below 256, which make up almost all text seen here. */
  private final int[] latin1CharIds = new int[256];

  public Encoder(Vocabulary words, Vocabulary chars, TagSet tags) {
    this.words = words;
    this.chars = chars;
    this.tags = tags;
    for (int c = 0; c < latin1CharIds.length; c++) {
      latin1CharIds[c] = chars.id(String.valueOf((char) c));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Vocabulary words() {
    return words;
  }

  public Vocabulary chars() {
    return chars;
  }

  public TagSet tags() {
    return tags;
  }

  /**
   * @throws IllegalArgumentException for a tag training never saw, naming it, the token and the
   *     known tags
   */
  public EncodedSentence encode(Sentence s) {
    int n = s.size();
    int[] w = new int[n];
    int[] cs = new int[n];
    int[] offs = new int[n + 1];
    int total = 0;
    for (int i = 0; i < n; i++) {
      String tok = s.tokens().get(i);
      total += tok.codePointCount(0, tok.length());
    }
    int[] ch = new int[total];
    int p = 0;
    for (int i = 0; i < n; i++) {
      String tok = s.tokens().get(i);
      w[i] = words.id(tok);
      cs[i] = Casing.of(tok).ordinal();
      for (int k = 0; k < tok.length(); ) {
        int cp = tok.codePointAt(k);
        k += Character.charCount(cp);
        ch[p++] =
            cp < latin1CharIds.length
                ? latin1CharIds[cp]
                : chars.id(new String(Character.toChars(cp)));
      }
      offs[i + 1] = p;
    }
    int[] t = null;
    if (!s.tags().isEmpty()) {
      t = new int[n];
      for (int i = 0; i < n; i++) {
        t[i] = tags.idOrMinusOne(s.tags().get(i));
        if (t[i] < 0) {
          throw new IllegalArgumentException(
              "tag '"
                  + s.tags().get(i)
                  + "' of token "
                  + i
                  + " ('"
                  + abbreviate(s.tokens().get(i))
                  + "') was not seen in the training data; known tags: "
                  + tags.tags());
        }
      }
    }
    return new EncodedSentence(w, cs, ch, offs, t);
  }

  /** {@link #encode} of each sentence; an error names the sentence's index. */
  public List<EncodedSentence> encodeAll(List<Sentence> sentences) {
    List<EncodedSentence> out = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      try {
        out.add(encode(sentences.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sentence " + i + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Pads encoded sentences into a batch (all labeled or all unlabeled). */
  public Batch batch(List<EncodedSentence> sentences) {
    return Batch.of(sentences);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** Options, then {@link #fit(List)} on the training sentences. */
  public static final class Builder {
    private boolean lowercase;
    private int minWordCount = 1;

    private Builder() {}

    /** Lower-case words before the word lookup (characters keep their case). */
    public Builder lowercaseWords() {
      this.lowercase = true;
      return this;
    }

    /** Words seen fewer times in training become {@code <unk>}; default 1. */
    public Builder minWordCount(int count) {
      Preconditions.checkArgument(count >= 1, "minWordCount must be >= 1, got %s", count);
      this.minWordCount = count;
      return this;
    }

    /**
     * Builds the vocabularies from training sentences, which must all be labeled.
     *
     * @throws IllegalArgumentException if there are no sentences, no tokens, or an unlabeled
     *     sentence
     */
    public Encoder fit(List<Sentence> train) {
      Vocabulary.Builder w = Vocabulary.builder().minCount(minWordCount);
      if (lowercase) {
        w.lowercase();
      }
      Vocabulary.Builder c = Vocabulary.builder();
      Set<String> seenTags = new LinkedHashSet<>();
      long tokens = 0;
      for (int i = 0; i < train.size(); i++) {
        Sentence s = train.get(i);
        Preconditions.checkArgument(s.isLabeled(), "training sentence %s has no tags", i);
        for (String tok : s.tokens()) {
          w.add(tok);
          tok.codePoints().forEach(cp -> c.add(new String(Character.toChars(cp))));
        }
        seenTags.addAll(s.tags());
        tokens += s.size();
      }
      Preconditions.checkArgument(
          tokens > 0, "the training data has no tokens (%s sentences)", train.size());
      return new Encoder(w.build(), c.build(), TagSet.from(seenTags));
    }
  }
}
