package io.github.focal4j.ner.experiment;

/**
 * The dev-set entity F1 at one point of training.
 *
 * @param step optimisation steps done (1-based count)
 * @param epoch the 0-based epoch the step belongs to
 * @param f1 conlleval's overall FB1 on the dev set, in percent
 */
public record DevPoint(long step, int epoch, double f1) {}
