package io.github.focal4j.benchmarks.models;

import io.github.focal4j.models.data.Sentence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The minimal CoNLL reading the throughput benchmarks need (first column = token, last column = tag, blank
 * lines end sentences, {@code -DOCSTART-} skipped) — the same reading as benchmarks/pytorch/reference_tagger.py.
 * The full reader with tag-scheme conversion and error reporting is ner-demo's.
 */
final class Conll {
  private Conll() {}

  static List<Sentence> read(Path file) throws IOException {
    List<Sentence> out = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("-DOCSTART-")) {
        if (!tokens.isEmpty()) {
          out.add(Sentence.of(tokens, tags));
          tokens = new ArrayList<>();
          tags = new ArrayList<>();
        }
        continue;
      }
      String[] cols = s.split("\\s+");
      tokens.add(cols[0]);
      tags.add(cols[cols.length - 1]);
    }
    if (!tokens.isEmpty()) {
      out.add(Sentence.of(tokens, tags));
    }
    return out;
  }
}
