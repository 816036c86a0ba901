/**
 * Raw text to entity spans with a trained model ({@link io.github.focal4j.ner.tagging.TextTagger}):
 * what {@code ner-demo tag} prints, as a library call, also used by the Spark module's NerTagger.
 */
package io.github.focal4j.ner.tagging;
