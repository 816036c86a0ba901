package io.github.focal4j.loss;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A {@link LossType} with values for its hyperparameters: {@code focal(gamma=1)} as an object. Its
 * {@link #text} is the text form and {@link #set(LossText.Item)} reads it back item by item ({@link
 * LossText} splits the text). Immutable; equal when the type and the configuration are.
 *
 * @param type the loss
 * @param config its configuration record
 * @param <C> the configuration record's type
 */
public record LossChoice<C>(LossType<C> type, C config) {

  public LossChoice {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(config, "config");
  }

  /** Whether the type has a hyperparameter with this key. */
  public boolean has(String key) {
    return type.hyperparameter(key).isPresent();
  }

  /**
   * This choice with one item of the text form applied: {@code key=value} for a number or a choice,
   * a bare {@code key} for a flag.
   *
   * @throws IllegalArgumentException when the type has no such key, for a flag with a value or a
   *     number or choice without one, or for a value that is not a number, not one of the choices,
   *     or that the loss rejects (the message then names the loss, the parameter and the value);
   *     {@link NumberFormatException} for a number that does not parse
   */
  public LossChoice<C> set(LossText.Item item) {
    Hyperparameter<C> h = hyperparameter(item.key());
    String key = item.key();
    if (h.kind() == Hyperparameter.Kind.FLAG) {
      if (item.value().isPresent()) {
        throw new IllegalArgumentException(key + " takes no value");
      }
      return new LossChoice<>(type, h.withFlag(config));
    }
    String value =
        item.value()
            .orElseThrow(
                () -> new IllegalArgumentException(key + " needs a value (" + key + "=...)"));
    if (h.kind() == Hyperparameter.Kind.CHOICE) {
      return new LossChoice<>(type, h.withChoice(config, value));
    }
    return new LossChoice<>(type, h.withNumber(config, Double.parseDouble(value.trim())));
  }

  /**
   * This choice with a number or a choice set from its text ({@code set("soft-weight", "margin")}).
   *
   * @throws IllegalArgumentException as {@link #set(LossText.Item)}
   */
  public LossChoice<C> set(String key, String value) {
    return set(new LossText.Item(key, Optional.of(value)));
  }

  /**
   * This choice with a flag on ({@code flag("detach-weight")}).
   *
   * @throws IllegalArgumentException when the type has no such flag
   */
  public LossChoice<C> flag(String key) {
    return set(new LossText.Item(key, Optional.empty()));
  }

  /**
   * This choice with a number set.
   *
   * @throws IllegalArgumentException when the type has no such number, or for a value the loss
   *     rejects
   */
  public LossChoice<C> set(String key, double value) {
    return new LossChoice<>(type, hyperparameter(key).withNumber(config, value));
  }

  /** The number with this key, empty when the type has none or it is off. */
  public OptionalDouble number(String key) {
    return type.hyperparameter(key).map(h -> h.number(config)).orElse(OptionalDouble.empty());
  }

  private Hyperparameter<C> hyperparameter(String key) {
    return type.hyperparameter(key)
        .orElseThrow(() -> new IllegalArgumentException(type.name() + " has no " + key));
  }

  /** A binary builder with this configuration. */
  public BinaryLossBuilder<?> binary() {
    return type.binary(config);
  }

  /** A multi-class builder with this configuration. */
  public MultiClassLossBuilder<?> multiClass() {
    return type.multiClass(config);
  }

  /**
   * The text form with the caller's own items (α options, for instance) between the numbers that
   * are always written and the options written only when set: {@code
   * focal(gamma=2,alpha=0.75,detach-weight)}.
   *
   * @param shared items written after the {@link Hyperparameter.Kind#NUMBER}s
   * @param omitted a key to leave out (the series name of a sweep over it), or null
   */
  public LossText text(List<String> shared, String omitted) {
    List<String> items = new ArrayList<>();
    for (Hyperparameter<C> h : type.hyperparameters()) {
      if (h.leads() && !h.key().equals(omitted)) {
        h.text(config, type.defaults()).ifPresent(items::add);
      }
    }
    items.addAll(shared);
    for (Hyperparameter<C> h : type.hyperparameters()) {
      if (!h.leads() && !h.key().equals(omitted)) {
        h.text(config, type.defaults()).ifPresent(items::add);
      }
    }
    return new LossText(type.name(), items);
  }

  /** The text form, such as {@code focal(gamma=2)}. */
  @Override
  public String toString() {
    return text(List.of(), null).toString();
  }
}
