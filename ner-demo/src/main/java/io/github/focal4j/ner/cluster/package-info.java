/**
 * The plug-in point behind {@code --spark}: {@link io.github.focal4j.ner.cluster.ClusterBackend},
 * found with {@link java.util.ServiceLoader} and implemented by the {@code spark} module.
 */
package io.github.focal4j.ner.cluster;
