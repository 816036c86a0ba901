package io.github.focal4j.ner.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.ner.data.DataFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TextChunksTest {

  private final SimpleTokenizer tokenizer = new SimpleTokenizer();

  private static List<TextChunks.Chunk> chunks(byte[] bytes, int target) {
    List<TextChunks.Chunk> out = new ArrayList<>();
    try (TextChunks c = TextChunks.of(new ByteArrayInputStream(bytes), "in.txt", target)) {
      for (Optional<TextChunks.Chunk> next = c.next(); next.isPresent(); next = c.next()) {
        out.add(next.get());
      }
    }
    return out;
  }

  /** The sentences of the chunks, their offsets made absolute, as text "begin:token ...". */
  private List<String> sentencesOfChunks(List<TextChunks.Chunk> chunks) {
    List<String> out = new ArrayList<>();
    for (TextChunks.Chunk c : chunks) {
      for (SentenceSpan s : tokenizer.split(c.text())) {
        out.add(describe(s, c.offset()));
      }
    }
    return out;
  }

  private static String describe(SentenceSpan s, long offset) {
    StringBuilder b = new StringBuilder();
    for (TokenSpan t : s.tokens()) {
      b.append(offset + t.begin()).append(':').append(t.text()).append(' ');
    }
    return b.toString();
  }

  private List<String> sentencesOfWhole(String text) {
    return tokenizer.split(text).stream().map(s -> describe(s, 0)).toList();
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "The U.S. said so.",
            " Mr. Smith",
            "didn't",
            "1,234.5",
            " ",
            "\n",
            "\n\n",
            "\r\n\r\n",
            "\n \t\n",
            "\n\u00A0\n",
            "\n\u2028\n",
            "\u00A0",
            ".",
            "\"",
            "(",
            "M\u00FCller",
            "\uD83D\uDE00",
            "A",
            "b-c",
            "Paris");
    return pieces.list().ofMaxSize(120).map(l -> String.join("", l));
  }

  /**
   * Any text, cut anywhere from every few characters up: the chunks put back together are the text,
   * and split one by one they give the sentences and tokens of the whole text, at the same offsets.
   */
  @Property(tries = 400)
  void chunksGiveTheSentencesOfTheWholeText(
      @ForAll("texts") String text, @ForAll @IntRange(min = 1, max = 80) int target) {
    List<TextChunks.Chunk> chunks = chunks(text.getBytes(StandardCharsets.UTF_8), target);
    StringBuilder joined = new StringBuilder();
    for (TextChunks.Chunk c : chunks) {
      assertEquals(joined.length(), c.offset());
      joined.append(c.text());
    }
    assertEquals(text, joined.toString());
    boolean longParagraph = false;
    for (int i = 0; i + 1 < chunks.size(); i++) {
      String t = chunks.get(i).text();
      assertTrue(t.length() >= target, "a chunk before the last is at least the target: " + t);
      if (!endsWithBlankLine(t)) { // only where eight targets from the chunk's start hold none
        longParagraph = true;
        int from = (int) chunks.get(i).offset();
        String ahead =
            text.substring(from + target - 1, Math.min(text.length(), from + 8 * target));
        assertTrue(!hasBlankLine(ahead), t + " | " + ahead);
      }
    }
    if (!longParagraph) {
      assertEquals(sentencesOfWhole(text), sentencesOfChunks(chunks));
    }
  }

  /**
   * A paragraph longer than eight targets whose only white space comes before the target: no cut
   * there (the chunk would be shorter than the target), but at the first white space after it
   * (jqwik found this: it cut " " from " didn'tdidn'tdidn't" with a target of 2).
   */
  @Test
  void aLongParagraphIsNotCutBeforeTheTarget() {
    List<TextChunks.Chunk> c = chunks(" didn'tdidn'tdidn't x".getBytes(StandardCharsets.UTF_8), 2);
    assertEquals(
        List.of(" didn'tdidn'tdidn't ", "x"), c.stream().map(TextChunks.Chunk::text).toList());
    assertEquals(
        List.of(" didn'tdidn'tdidn't"),
        chunks(" didn'tdidn'tdidn't".getBytes(StandardCharsets.UTF_8), 2).stream()
            .map(TextChunks.Chunk::text)
            .toList());
  }

  /** Ends with a blank line: {@code \n}, white space other than {@code \n}, {@code \n}. */
  private static boolean endsWithBlankLine(String t) {
    if (t.isEmpty() || t.charAt(t.length() - 1) != '\n') {
      return false;
    }
    int i = t.length() - 2;
    while (i >= 0 && t.charAt(i) != '\n' && SimpleTokenizer.isSpace(t.charAt(i))) {
      i--;
    }
    return i >= 0 && t.charAt(i) == '\n';
  }

  private static boolean hasBlankLine(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n' && endsWithBlankLine(s.substring(0, i + 1))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void cutsAtTheFirstBlankLineFromTheTargetOn() {
    String text = "One two.\nThree.\n\nFour five.\n  \nSix.\n\nSeven.";
    List<TextChunks.Chunk> chunks = chunks(text.getBytes(StandardCharsets.UTF_8), 10);
    assertEquals(
        List.of("One two.\nThree.\n\n", "Four five.\n  \n", "Six.\n\nSeven."),
        chunks.stream().map(TextChunks.Chunk::text).toList());
    assertEquals(List.of(0L, 17L, 31L), chunks.stream().map(TextChunks.Chunk::offset).toList());
  }

  @Test
  void textWithoutBlankLinesIsCutAtItsLastWhiteSpacePastEightTargets() {
    String text = "aa bb cc\ndd ee ff gg hh ii jj kk";
    List<TextChunks.Chunk> chunks = chunks(text.getBytes(StandardCharsets.UTF_8), 2);
    assertEquals(
        List.of("aa bb cc\ndd ee ff gg hh ii jj ", "kk"),
        chunks.stream().map(TextChunks.Chunk::text).toList());
    // a blank line, however far, is preferred
    String blank = text + "\n\nz";
    assertEquals(
        List.of(text + "\n\n", "z"),
        chunks(blank.getBytes(StandardCharsets.UTF_8), 2).stream()
            .map(TextChunks.Chunk::text)
            .toList());
    // one token longer than eight targets is never cut
    String token = "x".repeat(100);
    assertEquals(
        List.of(token),
        chunks(token.getBytes(StandardCharsets.UTF_8), 3).stream()
            .map(TextChunks.Chunk::text)
            .toList());
  }

  @Test
  void aByteOrderMarkBecomesASpaceSoOffsetsCountIt() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'A', 'b'};
    List<TextChunks.Chunk> chunks = chunks(bom, 100);
    assertEquals(" Ab", chunks.get(0).text());
    assertEquals(List.of(), chunks(new byte[0], 100));
  }

  @Test
  void invalidUtf8NamesTheLineAndTheByteAcrossReadBlocks() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    String line = "Pr\u00E9sident Macron said so.\n"; // two-byte é
    for (int i = 0; i < 5000; i++) { // past 64 KB, the size of one read
      b.writeBytes(line.getBytes(StandardCharsets.UTF_8));
    }
    b.writeBytes("abc".getBytes(StandardCharsets.UTF_8));
    b.write(0xFF);
    b.writeBytes(" d\n".getBytes(StandardCharsets.UTF_8));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> chunks(b.toByteArray(), 1000));
    assertEquals("in.txt:5001: invalid UTF-8: byte 0xFF at byte 4 of the line", e.getMessage());
    // a sequence cut off by the end of the input
    DataFormatException end =
        assertThrows(
            DataFormatException.class,
            () -> chunks(new byte[] {'E', 'U', '\n', 'x', (byte) 0xC3}, 1000));
    assertEquals("in.txt:2: invalid UTF-8: byte 0xC3 at byte 2 of the line", end.getMessage());
  }

  @Test
  void refusesATargetBelowOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TextChunks.of(new ByteArrayInputStream(new byte[0]), "x", 0));
    assertEquals("targetChars must be >= 1, got 0", e.getMessage());
  }
}
