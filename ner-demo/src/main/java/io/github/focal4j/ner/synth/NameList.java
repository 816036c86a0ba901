package io.github.focal4j.ner.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A list of entity names (or template lines) loaded from a resource file, split into names the
 * training split may use and names held out for dev and test.
 *
 * <p>Resource format: UTF-8, one entry per line; blank lines and lines starting with {@code #} are
 * ignored; entries after a line {@value #HELD_OUT_MARKER} are held out.
 *
 * @param seen entries every split may use; not empty
 * @param heldOut entries only dev and test may use
 */
record NameList(List<String> seen, List<String> heldOut) {

  static final String HELD_OUT_MARKER = "[held-out]";

  NameList {
    seen = List.copyOf(seen);
    heldOut = List.copyOf(heldOut);
    if (seen.isEmpty()) {
      throw new IllegalArgumentException("a name list needs entries outside the held-out part");
    }
  }

  /**
   * Loads a resource next to this class.
   *
   * @throws IllegalStateException if the resource is missing (a packaging bug)
   * @throws UncheckedIOException if it cannot be read
   */
  static NameList load(String resource) {
    InputStream in = NameList.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          "missing resource " + resource + " next to " + NameList.class);
    }
    List<String> seen = new ArrayList<>();
    List<String> heldOut = new ArrayList<>();
    List<String> target = seen;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String entry = line.strip();
        if (entry.equals(HELD_OUT_MARKER)) {
          target = heldOut;
        } else if (!entry.isEmpty() && !entry.startsWith("#")) {
          target.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
    return new NameList(seen, heldOut);
  }

  /**
   * Draws an entry.
   *
   * @param heldOutShare probability of drawing from the held-out entries (0 for the training split)
   */
  String pick(Random random, double heldOutShare) {
    boolean fromHeldOut =
        !heldOut.isEmpty() && heldOutShare > 0 && random.nextDouble() < heldOutShare;
    List<String> from = fromHeldOut ? heldOut : seen;
    return from.get(random.nextInt(from.size()));
  }

  /** All entries, seen first. */
  List<String> all() {
    List<String> all = new ArrayList<>(seen);
    all.addAll(heldOut);
    return all;
  }
}
