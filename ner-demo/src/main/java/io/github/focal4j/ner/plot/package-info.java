/**
 * Pictures: the seed's loss curves computed through loss-core and the autodiff ({@link
 * io.github.focal4j.ner.plot.LossCurves}), XChart charts of experiments ({@link
 * io.github.focal4j.ner.plot.Charts}) and headless PNG/SVG output ({@link
 * io.github.focal4j.ner.plot.ChartFiles}).
 */
package io.github.focal4j.ner.plot;
