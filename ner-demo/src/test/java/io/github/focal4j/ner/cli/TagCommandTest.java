package io.github.focal4j.ner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TagCommandTest {

  @Test
  void anEntitysTextIsPrintedOnOneLineAsTheRegexWouldPrintIt() {
    assertEquals("New York City", TagCommand.oneLine("New\n York\t\tCity"));
    assertEquals(" a b ", TagCommand.oneLine("\r\na\u000b\fb  "));
    assertEquals("a\u00a0b", TagCommand.oneLine("a\u00a0b")); // no-break space is not \s
    // the regex the loop replaced, on random strings of white space and other characters
    Pattern whiteSpace = Pattern.compile("\\s+");
    String alphabet = " \t\n\u000b\f\r\u00a0\u2003\u001cxY.";
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 2000; trial++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = s.toString();
      assertEquals(whiteSpace.matcher(text).replaceAll(" "), TagCommand.oneLine(text), text);
    }
  }
}
