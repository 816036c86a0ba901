package io.github.focal4j.loss;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * One hyperparameter of a {@link LossType}: its key in the text form ({@code gamma} in {@code
 * focal(gamma=2)}), how to read it from the loss's configuration record and how to set it. The rule
 * a value must satisfy and the default are not here: they live in the record (its compact
 * constructor validates, its {@code DEFAULT} holds the defaults), so setting a value through this
 * declaration throws the record's {@link IllegalArgumentException} naming the loss, the parameter
 * and the value.
 *
 * <p>Four kinds: a {@linkplain #number number} (always written in the text form), a number that is
 * {@linkplain #option(String, ToDoubleFunction, BiFunction) written only when it differs from the
 * default} (label smoothing 0), an {@linkplain #optionalNumber optional number} (off unless given:
 * the reduced focal loss's threshold), a {@linkplain #flag flag} (a bare key, {@code
 * detach-weight}) and a {@linkplain #choice choice} among an enum's constants (written in lower
 * case, only when not the default). Immutable.
 *
 * @param <C> the loss's configuration record
 */
public final class Hyperparameter<C> {

  /** The kind of value a hyperparameter takes. */
  public enum Kind {
    /** A number, always written. */
    NUMBER,
    /** A number written only when it differs from the default. */
    OPTION,
    /** A number that is off unless given. */
    OPTIONAL_NUMBER,
    /** A bare key that switches something on. */
    FLAG,
    /** One of an enum's constants, by name (case-insensitive). */
    CHOICE
  }

  private final String key;
  private final Kind kind;
  private final Function<C, Object> get;
  private final BiFunction<C, Object, C> set;
  private final Class<? extends Enum<?>> choices;

  private Hyperparameter(
      String key,
      Kind kind,
      Function<C, Object> get,
      BiFunction<C, Object, C> set,
      Class<? extends Enum<?>> choices) {
    this.key = Objects.requireNonNull(key);
    this.kind = kind;
    this.get = get;
    this.set = set;
    this.choices = choices;
  }

  /** A number, always written in the text form (γ, K, m). */
  public static <C> Hyperparameter<C> number(
      String key, ToDoubleFunction<C> get, BiFunction<C, Double, C> with) {
    return new Hyperparameter<>(
        key, Kind.NUMBER, get::applyAsDouble, (c, v) -> with.apply(c, (Double) v), null);
  }

  /** A number written only when it differs from the type's default (label smoothing). */
  public static <C> Hyperparameter<C> option(
      String key, ToDoubleFunction<C> get, BiFunction<C, Double, C> with) {
    return new Hyperparameter<>(
        key, Kind.OPTION, get::applyAsDouble, (c, v) -> with.apply(c, (Double) v), null);
  }

  /**
   * A number that is off unless given, written only when on (the reduced focal loss's threshold).
   */
  public static <C> Hyperparameter<C> optionalNumber(
      String key, Function<C, OptionalDouble> get, BiFunction<C, Double, C> with) {
    return new Hyperparameter<>(
        key, Kind.OPTIONAL_NUMBER, get::apply, (c, v) -> with.apply(c, (Double) v), null);
  }

  /** A bare key that switches something on, written only when on ({@code detach-weight}). */
  public static <C> Hyperparameter<C> flag(String key, Predicate<C> isOn, UnaryOperator<C> turnOn) {
    return new Hyperparameter<>(key, Kind.FLAG, isOn::test, (c, v) -> turnOn.apply(c), null);
  }

  /**
   * One of {@code type}'s constants, written in lower case when not the default ({@code
   * soft-weight=margin}).
   */
  public static <C, E extends Enum<E>> Hyperparameter<C> choice(
      String key, Class<E> type, Function<C, E> get, BiFunction<C, E, C> with) {
    return new Hyperparameter<>(
        key, Kind.CHOICE, get::apply, (c, v) -> with.apply(c, type.cast(v)), type);
  }

  /** The key in the text form, such as {@code gamma} or {@code reduced-threshold}. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Whether the value is a number ({@link Kind#NUMBER}, {@link Kind#OPTION}, {@link
   * Kind#OPTIONAL_NUMBER}).
   */
  public boolean isNumber() {
    return kind == Kind.NUMBER || kind == Kind.OPTION || kind == Kind.OPTIONAL_NUMBER;
  }

  /**
   * The value in {@code config} when it is a number that is on; empty for flags, choices and an
   * unset option.
   */
  public OptionalDouble number(C config) {
    Object v = get.apply(config);
    if (v instanceof Double d) {
      return OptionalDouble.of(d);
    }
    return v instanceof OptionalDouble o ? o : OptionalDouble.empty();
  }

  /**
   * {@code config} with this number set to {@code value}.
   *
   * @throws IllegalArgumentException for a value the loss rejects (the message names the loss, the
   *     parameter and the value), or when this is not a number
   */
  public C withNumber(C config, double value) {
    if (!isNumber()) {
      throw new IllegalArgumentException(key + " is not a number");
    }
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("must be a number");
    }
    return set.apply(config, value);
  }

  /**
   * {@code config} with this flag on.
   *
   * @throws IllegalArgumentException when this is not a flag
   */
  public C withFlag(C config) {
    if (kind != Kind.FLAG) {
      throw new IllegalArgumentException(key + " takes a value (" + key + "=...)");
    }
    return set.apply(config, Boolean.TRUE);
  }

  /**
   * {@code config} with this choice set to the constant named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name (listing the choices) or when this is not
   *     a choice
   */
  public C withChoice(C config, String name) {
    if (kind != Kind.CHOICE) {
      throw new IllegalArgumentException(key + " is not a choice");
    }
    for (Enum<?> e : choices.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(name.trim())) {
        return set.apply(config, e);
      }
    }
    throw new IllegalArgumentException("expected " + choiceNames());
  }

  /** The choices' names in lower case, such as {@code softmax or margin}. */
  public String choiceNames() {
    StringBuilder s = new StringBuilder();
    Enum<?>[] all = choices == null ? new Enum<?>[0] : choices.getEnumConstants();
    for (int i = 0; i < all.length; i++) {
      s.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ")
          .append(all[i].name().toLowerCase(Locale.ROOT));
    }
    return s.toString();
  }

  /**
   * How this hyperparameter is written in the text form of {@code config}: {@code key=value}, the
   * bare key of a flag that is on, or empty when it is not written (an option at its default, an
   * optional number or flag that is off, a choice at its default).
   */
  public Optional<String> text(C config, C defaults) {
    Object v = get.apply(config);
    return switch (kind) {
      case NUMBER -> Optional.of(key + "=" + format((Double) v));
      case OPTION ->
          v.equals(get.apply(defaults))
              ? Optional.empty()
              : Optional.of(key + "=" + format((Double) v));
      case OPTIONAL_NUMBER -> {
        OptionalDouble o = (OptionalDouble) v;
        yield o.isPresent() ? Optional.of(key + "=" + format(o.getAsDouble())) : Optional.empty();
      }
      case FLAG -> (Boolean) v ? Optional.of(key) : Optional.empty();
      case CHOICE ->
          v.equals(get.apply(defaults))
              ? Optional.empty()
              : Optional.of(key + "=" + ((Enum<?>) v).name().toLowerCase(Locale.ROOT));
    };
  }

  /**
   * Whether the text form writes this hyperparameter before the caller's shared options ({@link
   * Kind#NUMBER}).
   */
  boolean leads() {
    return kind == Kind.NUMBER;
  }

  /** A number as short as it reads: {@code 2}, {@code 0.75}, {@code -1}, {@code 1.0E-4}. */
  public static String format(double v) {
    if (Double.isFinite(v) && Math.abs(v) < 1e7 && (v == 0 || Math.abs(v) >= 1e-4)) {
      return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
    return Double.toString(v);
  }

  @Override
  public String toString() {
    return key;
  }
}
