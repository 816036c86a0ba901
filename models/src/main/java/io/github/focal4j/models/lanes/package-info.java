/**
 * The Vector API kernels behind the float32 tagger ({@link
 * io.github.focal4j.models.lanes.FloatLanes}) and training's float64 recurrent products ({@link
 * io.github.focal4j.models.lanes.DoubleLanes}), and the check that this JVM can run them ({@link
 * io.github.focal4j.models.lanes.VectorSupport}). Internal: the module does not export this
 * package.
 */
package io.github.focal4j.models.lanes;
