/**
 * Pictures: the loss curves of Su Jianlin's article, computed through loss-core and the autodiff
 * ({@link io.github.focal4j.ner.plot.LossCurves}), XChart charts of experiments ({@link
 * io.github.focal4j.ner.plot.Charts}) and headless PNG/SVG output ({@link
 * io.github.focal4j.ner.plot.ChartFiles}).
 */
package io.github.focal4j.ner.plot;
