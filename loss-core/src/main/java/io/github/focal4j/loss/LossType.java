package io.github.focal4j.loss;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A loss as a configurable thing: its name in the text form ({@code focal}), its configuration
 * record with the defaults, the {@link Hyperparameter}s that can be set, and how to get its
 * builders from a configuration. Each loss declares its type(s) as a constant beside its code
 * ({@code FocalLoss.TYPE}); the registry {@link Losses#ALL} lists them. Everything that names or
 * configures a loss by text — a command line, a table's row names, a JSON report — goes through
 * these declarations, so a loss's parameters, defaults, ranges and text form are written once, next
 * to the loss.
 *
 * <p>One loss may have several types: PolyLoss has {@code poly1} (ε only, γ = 0) and {@code
 * poly-focal} (γ and ε, γ = 2 by default). Immutable.
 *
 * @param <C> the configuration record, such as {@link FocalLoss.Config}
 */
public final class LossType<C> {

  private final String name;
  private final C defaults;
  private final Function<C, ? extends BinaryLossBuilder<?>> binary;
  private final Function<C, ? extends MultiClassLossBuilder<?>> multiClass;
  private final List<Hyperparameter<C>> hyperparameters;

  private LossType(
      String name,
      C defaults,
      Function<C, ? extends BinaryLossBuilder<?>> binary,
      Function<C, ? extends MultiClassLossBuilder<?>> multiClass,
      List<Hyperparameter<C>> hyperparameters) {
    this.name = Objects.requireNonNull(name);
    this.defaults = Objects.requireNonNull(defaults);
    this.binary = binary;
    this.multiClass = Objects.requireNonNull(multiClass);
    this.hyperparameters = List.copyOf(hyperparameters);
    for (int i = 0; i < this.hyperparameters.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (this.hyperparameters.get(i).key().equals(this.hyperparameters.get(j).key())) {
          throw new IllegalArgumentException(
              name
                  + ": hyperparameter key '"
                  + this.hyperparameters.get(i).key()
                  + "' declared twice");
        }
      }
    }
  }

  /**
   * A type with a binary and a multi-class form.
   *
   * @param name the name in the text form, lower case, such as {@code focal-star}
   * @param defaults the configuration when nothing is set
   * @param binary a binary builder holding a configuration
   * @param multiClass a multi-class builder holding a configuration
   * @param hyperparameters what the text form can set, in the order it writes them
   */
  @SafeVarargs
  public static <C> LossType<C> of(
      String name,
      C defaults,
      Function<C, ? extends BinaryLossBuilder<?>> binary,
      Function<C, ? extends MultiClassLossBuilder<?>> multiClass,
      Hyperparameter<C>... hyperparameters) {
    return new LossType<>(
        name, defaults, Objects.requireNonNull(binary), multiClass, List.of(hyperparameters));
  }

  /** A type with a multi-class form only (its {@link #binary} throws). */
  @SafeVarargs
  public static <C> LossType<C> multiClassOnly(
      String name,
      C defaults,
      Function<C, ? extends MultiClassLossBuilder<?>> multiClass,
      Hyperparameter<C>... hyperparameters) {
    return new LossType<>(name, defaults, null, multiClass, List.of(hyperparameters));
  }

  /** The name in the text form, such as {@code focal}. */
  public String name() {
    return name;
  }

  /** The configuration when nothing is set. */
  public C defaults() {
    return defaults;
  }

  /** The hyperparameters in the order the text form writes them. */
  public List<Hyperparameter<C>> hyperparameters() {
    return hyperparameters;
  }

  /** The hyperparameter with this key, if this type has it. */
  public Optional<Hyperparameter<C>> hyperparameter(String key) {
    return hyperparameters.stream().filter(h -> h.key().equals(key)).findFirst();
  }

  /** This type at its defaults. */
  public LossChoice<C> choice() {
    return new LossChoice<>(this, defaults);
  }

  /** Whether the loss has a binary form. */
  public boolean hasBinary() {
    return binary != null;
  }

  /**
   * A binary builder holding {@code config}; set α, reduction etc. on it and build.
   *
   * @throws IllegalArgumentException when the loss has no binary form
   */
  public BinaryLossBuilder<?> binary(C config) {
    if (binary == null) {
      throw new IllegalArgumentException(name + " has no binary form");
    }
    return binary.apply(config);
  }

  /**
   * A multi-class builder holding {@code config}; set per-class α, ignore index etc. on it and
   * build.
   */
  public MultiClassLossBuilder<?> multiClass(C config) {
    return multiClass.apply(config);
  }

  @Override
  public String toString() {
    return name;
  }
}
