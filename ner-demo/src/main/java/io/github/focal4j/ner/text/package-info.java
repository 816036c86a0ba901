/**
 * Raw text to tokens: {@link io.github.focal4j.ner.text.SimpleTokenizer} splits sentences and
 * tokens and keeps their offsets into the original string.
 */
package io.github.focal4j.ner.text;
