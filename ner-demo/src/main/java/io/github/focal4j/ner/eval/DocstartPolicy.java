package io.github.focal4j.ner.eval;

/**
 * What {@link ConllevalFileReader} does with a line whose first column is {@code -DOCSTART-}.
 *
 * <p>conlleval itself has no notion of documents: its only sentence breaks are empty lines and
 * lines whose first column is {@code -X-}. A CoNLL-2003 line {@code -DOCSTART- -X- -X- O O} is
 * therefore scored as an ordinary token (gold {@code O}, predicted {@code O}), which adds to the
 * token count and accuracy but, being outside, never changes chunk scores. Published CoNLL-2003
 * token counts (51,362 for dev) are those of files without these lines.
 */
public enum DocstartPolicy {
  /** As conlleval: the line is a token scored with its last two columns (the default). */
  SCORED_AS_TOKEN,
  /** The line is a sentence break and is not counted, as {@code ConllReader} reads it. */
  SENTENCE_BOUNDARY
}
