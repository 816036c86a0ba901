package io.github.focal4j.loss;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The text form of a loss, {@code name} or {@code name(item,item,...)} with items {@code key=value}
 * or a bare {@code key}: {@code ce}, {@code focal(gamma=2,alpha=0.75)}, {@code
 * soft(k=2,detach-weight)}. This class only splits and joins; what a key means is its {@link
 * Hyperparameter}'s business ({@link LossChoice#set(String, String)}). Immutable.
 *
 * @param name the loss's name
 * @param items the items in order
 */
public record LossText(String name, List<Item> items) {

  /** One item: {@code key=value}, or a bare {@code key} (a flag). */
  public record Item(String key, Optional<String> value) {
    public Item {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    /** {@code key=value} or {@code key}, as written. */
    public static Item parse(String text) {
      String[] kv = text.split("=", 2);
      return new Item(kv[0].trim(), kv.length == 2 ? Optional.of(kv[1].trim()) : Optional.empty());
    }

    @Override
    public String toString() {
      return value.map(v -> key + "=" + v).orElse(key);
    }
  }

  public LossText {
    Objects.requireNonNull(name, "name");
    items = List.copyOf(items);
  }

  LossText(String name, Iterable<String> items) {
    this(name, parseAll(items));
  }

  private static List<Item> parseAll(Iterable<String> items) {
    List<Item> out = new ArrayList<>();
    items.forEach(i -> out.add(Item.parse(i)));
    return out;
  }

  /**
   * Splits {@code name(item,...)}.
   *
   * @throws IllegalArgumentException for a text with '(' that does not end with ')', or a key given
   *     twice ({@code focal(gamma=2,gamma=3)}: which one was meant?), naming the text
   */
  public static LossText parse(String text) {
    String s = text.trim();
    int open = s.indexOf('(');
    if (open < 0) {
      return new LossText(s, List.<Item>of());
    }
    if (!s.endsWith(")")) {
      throw new IllegalArgumentException("'" + text + "': expected name(key=value,...)");
    }
    String inner = s.substring(open + 1, s.length() - 1).trim();
    List<Item> items = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (String item : inner.isEmpty() ? new String[0] : inner.split(",")) {
      Item i = Item.parse(item);
      if (!keys.add(i.key())) {
        throw new IllegalArgumentException(
            "'" + text + "': " + i.key() + " is given twice; give each key once");
      }
      items.add(i);
    }
    return new LossText(s.substring(0, open).trim(), items);
  }

  /**
   * Splits a comma-separated list of texts; commas inside parentheses belong to a text: {@code
   * ce,focal(gamma=2,alpha=0.75)}. Empty entries are skipped.
   */
  public static List<String> splitList(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String item = text.substring(start, i).trim();
        if (!item.isEmpty()) {
          out.add(item);
        }
        start = i + 1;
      }
    }
    return out;
  }

  /** {@code name} without items, else {@code name(item,...)}. */
  @Override
  public String toString() {
    if (items.isEmpty()) {
      return name;
    }
    StringBuilder s = new StringBuilder(name).append('(');
    for (int i = 0; i < items.size(); i++) {
      s.append(i == 0 ? "" : ",").append(items.get(i));
    }
    return s.append(')').toString();
  }
}
