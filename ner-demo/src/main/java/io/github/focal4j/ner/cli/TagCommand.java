package io.github.focal4j.ner.cli;

import com.google.gson.JsonObject;
import io.github.focal4j.models.TokenClassifier;
import io.github.focal4j.ner.data.Chunk;
import io.github.focal4j.ner.data.DataFormatException;
import io.github.focal4j.ner.data.TagScheme;
import io.github.focal4j.ner.experiment.ModelEvaluation;
import io.github.focal4j.ner.text.SentenceSpan;
import io.github.focal4j.ner.text.SimpleTokenizer;
import io.github.focal4j.ner.text.TokenSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tag}: a saved model on raw text. */
@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Tags raw UTF-8 text (stdin or --input) with a saved model: the text is split into sentences and tokens"
          + " (CoNLL-2003 style, offsets kept), tagged, and the entities printed.",
      "",
      "Formats: tsv (default): one entity per line, 'begin<TAB>end<TAB>TYPE<TAB>text', where begin and end are"
          + " character (UTF-16) offsets into the input, end exclusive; jsonl: the same as one JSON object per"
          + " line; conll: every token with its IOB2 tag, a blank line after each sentence.",
      ""
    })
final class TagCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    TSV,
    JSONL,
    CONLL
  }

  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR|FILE", required = true,
      description = "A model directory of 'train --out' (its model.f4j) or a model file.")
  Path model;

  @Option(names = "--input", paramLabel = "FILE", description = "The text to tag (default: stdin).")
  Path input;

  @Option(names = "--format", paramLabel = "FORMAT", description = "TSV (default), JSONL or CONLL.")
  Format format = Format.TSV;

  @Override
  public Integer call() throws IOException {
    TokenClassifier m = EvaluateCommand.loadModel(model);
    String text;
    if (input != null) {
      EvaluateCommand.requireFile(input);
      text = decode(Files.readAllBytes(input), input.toString());
    } else {
      text = decode(readAll(System.in), "stdin");
    }
    List<SentenceSpan> sentences = new SimpleTokenizer().split(text);
    List<List<String>> tags = m.predict(sentences.stream().map(SentenceSpan::words).toList());
    TagScheme scheme = ModelEvaluation.schemeOf(m);
    PrintWriter out = spec.commandLine().getOut();
    for (int s = 0; s < sentences.size(); s++) {
      List<TokenSpan> tokens = sentences.get(s).tokens();
      List<String> t = tags.get(s);
      if (format == Format.CONLL) {
        List<String> iob2 = scheme.convert(t, TagScheme.IOB2);
        for (int i = 0; i < tokens.size(); i++) {
          out.println(tokens.get(i).text() + " " + iob2.get(i));
        }
        out.println();
        continue;
      }
      for (Chunk c : scheme.decode(t)) {
        int begin = tokens.get(c.start()).begin();
        int end = tokens.get(c.end() - 1).end();
        String mention = text.substring(begin, end);
        if (format == Format.TSV) {
          out.println(begin + "\t" + end + "\t" + c.type() + "\t" + mention.replaceAll("\\s+", " "));
        } else {
          JsonObject o = new JsonObject();
          o.addProperty("begin", begin);
          o.addProperty("end", end);
          o.addProperty("type", c.type());
          o.addProperty("text", mention);
          o.addProperty("sentence", s);
          out.println(o);
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  /** Strict UTF-8 (a leading byte order mark dropped); invalid bytes are a data error. */
  static String decode(byte[] bytes, String name) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return s.startsWith("\uFEFF") ? " " + s.substring(1) : s;
    } catch (CharacterCodingException e) {
      throw new DataFormatException(name, DataFormatException.NO_LINE, "not valid UTF-8 (" + e.getMessage() + ")");
    }
  }
}
