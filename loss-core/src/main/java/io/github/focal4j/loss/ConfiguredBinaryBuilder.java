package io.github.focal4j.loss;

/**
 * A binary builder that holds its loss's configuration record: the {@code config()} pair every
 * loss's {@code Setters} builds on, written once.
 *
 * @param <C> the configuration record
 * @param <B> the concrete builder
 */
abstract class ConfiguredBinaryBuilder<C, B extends ConfiguredBinaryBuilder<C, B>>
    extends BinaryLossBuilder<B> {

  private C config;

  ConfiguredBinaryBuilder(String loss, C defaults) {
    super(loss);
    this.config = defaults;
  }

  /** The hyperparameters set so far. */
  public C config() {
    return config;
  }

  /** Replaces all hyperparameters. */
  public B config(C config) {
    this.config = Params.notNull(loss, "config", config);
    return self();
  }
}
