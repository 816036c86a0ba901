package io.github.focal4j.loss;

/**
 * A multi-class builder that holds its loss's configuration record: the {@code config()} pair every
 * loss's {@code Setters} builds on, written once.
 *
 * @param <C> the configuration record
 * @param <B> the concrete builder
 */
abstract class ConfiguredMultiClassBuilder<C, B extends ConfiguredMultiClassBuilder<C, B>>
    extends MultiClassLossBuilder<B> {

  private C config;

  ConfiguredMultiClassBuilder(String loss, C defaults) {
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
