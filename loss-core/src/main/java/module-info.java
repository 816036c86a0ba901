/**
 * Focal4J loss-core: losses for class imbalance — cross-entropy, hard truncation, the softened
 * σ(Kx) loss, focal loss and their relatives (Su Jianlin, 2017, 《从loss的硬截断、软化到focal loss》) — each
 * written once as a composition of autodiff ops and computed by a fused kernel held equal to it.
 * See {@code io.github.focal4j.loss}.
 *
 * <p>The Vector API ({@code jdk.incubator.vector}) is optional: with {@code --add-modules
 * jdk.incubator.vector} the fused kernels take their vector path, without it their scalar one
 * (logged once at INFO).
 */
// No "requires static jdk.incubator.vector": javac resolves static requires at compile time, so
// every modular
// user of loss-core would get "using incubating module(s)" warnings (errors under -Werror).
// loss-core is compiled
// with --add-reads io.github.focal4j.loss=jdk.incubator.vector, and Simd adds the read edge at run
// time when the
// JVM has the module.
module io.github.focal4j.loss {
  requires transitive io.github.focal4j.autodiff;

  exports io.github.focal4j.loss;
}
