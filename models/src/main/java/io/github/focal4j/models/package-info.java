/**
 * A BiLSTM-CNN(-CRF) token classifier for sequence labelling (NER), with the training loop and
 * checkpoints.
 *
 * <h2>Where things are</h2>
 *
 * <ul>
 *   <li>this package: {@link io.github.focal4j.models.TokenClassifier} and its {@link
 *       io.github.focal4j.models.TokenClassifierConfig} (+ {@link io.github.focal4j.models.Head},
 *       {@link io.github.focal4j.models.TagConstraints}), the training {@link
 *       io.github.focal4j.models.Objective}, the {@link io.github.focal4j.models.Module} base class
 *       and the seeded {@link io.github.focal4j.models.RandomSource};
 *   <li>{@code layers}: Embedding, CharCnn, Lstm, BiLstm, Linear, Dropout, Crf, Init — one layer
 *       per file;
 *   <li>{@code ops}: the fused autodiff ops the layers run on (LstmSequence, CrfNll, Viterbi,
 *       CharConvMaxPool, Lookup, Affine, Packing);
 *   <li>{@code data}: Sentence, Vocabulary, TagSet, Casing, Encoder, EncodedSentence, Batch,
 *       Batcher and the packed batch layout {@code Lengths} (data depends on autodiff only; ops and
 *       layers use data's {@code Lengths});
 *   <li>{@code training}: Trainer, TrainerConfig, OptimizerConfig (Adam, SGD),
 *       LearningRateSchedule, GradientClipping, TrainingListener, DevEvaluator, TrainingResult
 *       (with its BestEpoch), DivergenceException;
 *   <li>{@code io}: ModelFile (save/load), CheckpointFormat (the versioned, checksummed container),
 *       CheckpointException.
 * </ul>
 */
package io.github.focal4j.models;
