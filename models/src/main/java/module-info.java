/**
 * Focal4J models: a BiLSTM-CNN(-CRF) token classifier for sequence labelling (NER) with its layers,
 * fused ops, data encoding, training loop and checkpoints. See {@code io.github.focal4j.models}.
 */
module io.github.focal4j.models {
  requires transitive io.github.focal4j.autodiff;
  requires transitive io.github.focal4j.loss;
  requires com.google.common;
  requires it.unimi.dsi.fastutil;
  requires jdk.management; // VectorSupport reads a HotSpot option
  requires org.slf4j;

  exports io.github.focal4j.models;
  exports io.github.focal4j.models.data;
  exports io.github.focal4j.models.inference;
  exports io.github.focal4j.models.io;
  exports io.github.focal4j.models.layers;
  exports io.github.focal4j.models.ops;
  exports io.github.focal4j.models.training;
}
