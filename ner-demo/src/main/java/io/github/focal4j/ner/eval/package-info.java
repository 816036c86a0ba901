/**
 * Entity-level evaluation identical to the CoNLL {@code conlleval} script (version 2004-01-26):
 * {@link io.github.focal4j.ner.eval.ConllEvaluator} scores, {@link
 * io.github.focal4j.ner.eval.EvaluationResult} holds the figures, {@link
 * io.github.focal4j.ner.eval.ConllevalReport} prints conlleval's report byte for byte plus extra
 * figures (support, O-vs-entity token confusion), and {@link
 * io.github.focal4j.ner.eval.ConllevalFileReader} scores conlleval-format prediction files.
 */
package io.github.focal4j.ner.eval;
