package io.github.focal4j.models.data;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The output classes: tag ↔ id, from training data only, without padding or unknown entries. Ids
 * are {@code O} first (when present), then the other tags in string order. Immutable.
 */
public final class TagSet {

  private final ImmutableList<String> tags;
  private final Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>();

  private TagSet(List<String> tags) {
    Preconditions.checkArgument(!tags.isEmpty(), "TagSet: no tags");
    this.tags = ImmutableList.copyOf(tags);
    ids.defaultReturnValue(-1);
    for (int i = 0; i < tags.size(); i++) {
      Preconditions.checkArgument(
          ids.put(tags.get(i), i) == -1, "TagSet: duplicate tag '%s'", tags.get(i));
    }
  }

  /** The distinct tags of {@code seen}, ordered as described above. */
  public static TagSet from(Collection<String> seen) {
    TreeSet<String> sorted = new TreeSet<>(seen);
    List<String> out = new java.util.ArrayList<>();
    if (sorted.remove("O")) {
      out.add("O");
    }
    out.addAll(sorted);
    return new TagSet(out);
  }

  /** Exactly these ids (for loading a saved model). */
  public static TagSet of(List<String> tags) {
    return new TagSet(tags);
  }

  /** The id of {@code tag}, or -1 if training never saw it. */
  public int idOrMinusOne(String tag) {
    return ids.getInt(tag);
  }

  public String tag(int id) {
    Preconditions.checkArgument(
        id >= 0 && id < tags.size(), "TagSet: id %s out of range [0, %s)", id, tags.size());
    return tags.get(id);
  }

  public int size() {
    return tags.size();
  }

  public List<String> tags() {
    return tags;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TagSet t && t.tags.equals(tags);
  }

  @Override
  public int hashCode() {
    return tags.hashCode();
  }

  @Override
  public String toString() {
    return "TagSet" + tags;
  }
}
