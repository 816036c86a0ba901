/**
 * The demo's built-in data: a seeded synthetic NER corpus ({@link
 * io.github.focal4j.ner.synth.SyntheticCorpusGenerator}) with CoNLL-like class imbalance, ambiguous
 * words and names held out of training.
 */
package io.github.focal4j.ner.synth;
