package io.github.focal4j.models.data;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import it.unimi.dsi.fastutil.objects.Object2IntMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Token ↔ id, built from training data only. Id {@value #PAD} is padding ({@code <pad>}), id
 * {@value #UNK} the unknown token ({@code <unk>}); the rest are the tokens seen at least {@code
 * minCount} times, most frequent first (ties in string order), so the ids do not depend on the
 * order of the data. With {@link Builder#lowercase()} tokens are lower-cased (Locale.ROOT) before
 * counting and before lookup. Immutable.
 */
public final class Vocabulary {

  public static final int PAD = 0;
  public static final int UNK = 1;
  public static final String PAD_TOKEN = "<pad>";
  public static final String UNK_TOKEN = "<unk>";

  private final ImmutableList<String> tokens;
  private final Object2IntOpenHashMap<String> ids;
  private final boolean lowercase;

  private Vocabulary(List<String> tokens, boolean lowercase) {
    this.tokens = ImmutableList.copyOf(tokens);
    this.lowercase = lowercase;
    this.ids = new Object2IntOpenHashMap<>(tokens.size());
    ids.defaultReturnValue(UNK);
    for (int i = 2; i < tokens.size(); i++) {
      Preconditions.checkArgument(
          ids.put(tokens.get(i), i) == UNK, "Vocabulary: duplicate token '%s'", tokens.get(i));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A vocabulary with exactly these ids (for loading a saved model): {@code tokens.get(0)} and
   * {@code tokens.get(1)} must be {@code <pad>} and {@code <unk>}.
   *
   * @throws IllegalArgumentException on missing specials or duplicates
   */
  public static Vocabulary of(List<String> tokens, boolean lowercase) {
    Preconditions.checkArgument(
        tokens.size() >= 2
            && tokens.get(PAD).equals(PAD_TOKEN)
            && tokens.get(UNK).equals(UNK_TOKEN),
        "Vocabulary: ids 0 and 1 must be %s and %s",
        PAD_TOKEN,
        UNK_TOKEN);
    return new Vocabulary(tokens, lowercase);
  }

  /** The id of {@code token} (normalised), {@link #UNK} if unseen. */
  public int id(String token) {
    return ids.getInt(lowercase ? token.toLowerCase(Locale.ROOT) : token);
  }

  /**
   * @throws IllegalArgumentException for an id out of range
   */
  public String token(int id) {
    Preconditions.checkArgument(
        id >= 0 && id < tokens.size(), "Vocabulary: id %s out of range [0, %s)", id, tokens.size());
    return tokens.get(id);
  }

  /** Number of ids, specials included. */
  public int size() {
    return tokens.size();
  }

  public boolean lowercase() {
    return lowercase;
  }

  /** All tokens by id, specials first. */
  public List<String> tokens() {
    return tokens;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vocabulary v && v.lowercase == lowercase && v.tokens.equals(tokens);
  }

  @Override
  public int hashCode() {
    return tokens.hashCode() * 31 + Boolean.hashCode(lowercase);
  }

  @Override
  public String toString() {
    return "Vocabulary(" + tokens.size() + " ids" + (lowercase ? ", lower-cased" : "") + ")";
  }

  /** Counts tokens, then {@link #build()}s. */
  public static final class Builder {
    private final Object2IntOpenHashMap<String> counts = new Object2IntOpenHashMap<>();
    private boolean lowercase;
    private int minCount = 1;

    private Builder() {}

    /** Lower-case tokens (Locale.ROOT) when counting and when looking up. */
    public Builder lowercase() {
      Preconditions.checkState(counts.isEmpty(), "set lowercase() before adding tokens");
      this.lowercase = true;
      return this;
    }

    /** Tokens seen fewer times become {@code <unk>}; default 1. */
    public Builder minCount(int minCount) {
      Preconditions.checkArgument(minCount >= 1, "minCount must be >= 1, got %s", minCount);
      this.minCount = minCount;
      return this;
    }

    public Builder add(String token) {
      counts.addTo(lowercase ? token.toLowerCase(Locale.ROOT) : token, 1);
      return this;
    }

    public Builder addAll(Iterable<String> tokens) {
      tokens.forEach(this::add);
      return this;
    }

    public Vocabulary build() {
      List<Object2IntMap.Entry<String>> kept = new ArrayList<>();
      for (Object2IntMap.Entry<String> e : counts.object2IntEntrySet()) {
        if (e.getIntValue() >= minCount
            && !e.getKey().equals(PAD_TOKEN)
            && !e.getKey().equals(UNK_TOKEN)) {
          kept.add(e);
        }
      }
      kept.sort(
          (a, b) ->
              a.getIntValue() != b.getIntValue()
                  ? Integer.compare(b.getIntValue(), a.getIntValue())
                  : a.getKey().compareTo(b.getKey()));
      List<String> tokens = new ArrayList<>(kept.size() + 2);
      tokens.add(PAD_TOKEN);
      tokens.add(UNK_TOKEN);
      kept.forEach(e -> tokens.add(e.getKey()));
      return new Vocabulary(tokens, lowercase);
    }
  }
}
