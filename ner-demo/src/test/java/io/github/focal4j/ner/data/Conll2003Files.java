package io.github.focal4j.ner.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the research-only CoNLL-2003 files for tests that run only where they are present. They
 * live in the workplace's {@code shared/data/conll2003/} folder beside the repository (and are
 * never copied into it). Tests run with the module folder as working directory.
 */
public final class Conll2003Files {

  private static final List<Path> CANDIDATE_DIRS =
      List.of(
          Path.of("..", "..", "shared", "data", "conll2003"),
          Path.of("..", "shared", "data", "conll2003"),
          Path.of("/work/shared/data/conll2003"));

  private Conll2003Files() {}

  /** The readable file {@code name} (such as {@code dev.txt}), if any candidate folder has it. */
  public static Optional<Path> find(String name) {
    return CANDIDATE_DIRS.stream().map(d -> d.resolve(name)).filter(Files::isReadable).findFirst();
  }
}
