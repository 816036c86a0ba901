/**
 * The {@code ner-demo} command line ({@link io.github.focal4j.ner.cli.Main}, picocli): {@code
 * train}, {@code evaluate}, {@code tag}, {@code compare}, {@code sweep} and {@code curves}.
 *
 * <p>Conventions: results on stdout, logs and progress on stderr (UTF-8); exit code 0 on success, 1
 * for data and file errors (malformed CoNLL files with {@code file:line}, missing files, invalid
 * checkpoints, divergence), 2 for usage errors (a message naming the flag and value), 130/143 when
 * training is stopped by SIGINT/SIGTERM after its final checkpoint; one-line errors, stack traces
 * only with {@code --verbose}. Model, training and loss settings are validated as they are parsed,
 * by the rules of the modules that own them, and applied in the order given.
 */
package io.github.focal4j.ner.cli;
