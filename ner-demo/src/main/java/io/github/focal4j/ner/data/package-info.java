/**
 * NER data: {@link io.github.focal4j.ner.data.Sentence sentences} and {@link
 * io.github.focal4j.ner.data.Corpus corpora}, {@link io.github.focal4j.ner.data.TagScheme tag
 * schemes} (IOB1, IOB2, BIOES) and their conversion, and CoNLL column files ({@link
 * io.github.focal4j.ner.data.ConllReader}, {@link io.github.focal4j.ner.data.ConllWriter}).
 *
 * <p>Bad input is reported with one unchecked exception, {@link
 * io.github.focal4j.ner.data.DataFormatException}, whose message is {@code file:line: reason}.
 */
package io.github.focal4j.ner.data;
