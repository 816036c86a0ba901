/**
 * Focal4J on Apache Spark: {@link io.github.focal4j.spark.NerTagger}, a Spark ML Transformer that
 * tags raw text or tokens with a trained model, and {@link io.github.focal4j.spark.SparkBackend},
 * ner-demo's {@code --spark MASTER} for {@code tag}, {@code evaluate}, {@code compare} and {@code
 * sweep}.
 */
package io.github.focal4j.spark;
