package io.github.focal4j.ner.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.focal4j.ner.data.DataFormatException;
import io.github.focal4j.ner.synth.SyntheticCorpusConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run log that lets an interrupted experiment continue. */
class RunLogTest {

  @TempDir Path dir;

  private static List<RunPlan> plans(String losses, long dataSeed) {
    NerData data =
        NerData.synthetic(
            SyntheticCorpusConfig.defaults().withSizes(60, 10, 10).withSeed(dataSeed));
    RunSettings base =
        new RunSettings(
            Preset.DEMO.model(),
            Preset.DEMO.trainer(),
            Preset.DEMO.tagging(),
            LossSpec.crossEntropy(),
            RunSettings.Selection.LAST,
            10);
    return LossComparison.plans(data, base, SeriesSpec.parseList(losses), List.of(1L, 2L));
  }

  private static RunSummary summary(RunPlan p, double f1) {
    return new RunSummary(
        p.series(),
        p.x(),
        p.seed(),
        f1,
        50,
        40,
        99.5,
        Double.NaN,
        80,
        -1,
        120,
        3.5,
        1000,
        83.3,
        List.of(new DevPoint(60, 1, 12.5), new DevPoint(120, 2, 30)),
        null);
  }

  @Test
  void keysAreTheSameForTheSameRunAndDifferForAnyChange() {
    List<RunPlan> a = plans("ce,focal(gamma=2),crf", 1);
    List<RunPlan> b = plans("ce,focal(gamma=2),crf", 1);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(RunLog.key(a.get(i)), RunLog.key(b.get(i)), "built twice: " + i);
    }
    assertEquals(a.size(), a.stream().map(RunLog::key).distinct().count(), "seeds and losses");
    assertNotEquals(RunLog.key(a.get(0)), RunLog.key(plans("ce", 2).get(0)), "other data");
    RunPlan p = a.get(0);
    RunPlan moreEpochs =
        new RunPlan(
            p.series(),
            p.x(),
            p.data(),
            new RunSettings(
                p.settings().model(),
                p.settings().trainer().toBuilder().epochs(9).build(),
                p.settings().tagging(),
                p.settings().loss(),
                p.settings().selection(),
                p.settings().evalEvery()));
    assertNotEquals(RunLog.key(p), RunLog.key(moreEpochs), "other settings");
  }

  @Test
  void finishedRunsReadBackExactlyAfterAReopen() throws Exception {
    Path file = dir.resolve("sub/runs.jsonl");
    List<RunPlan> plans = plans("ce,focal(gamma=2)", 1);
    RunLog log = RunLog.open(file);
    assertEquals(0, log.size());
    log.add(plans.get(0), summary(plans.get(0), 61.25));
    log.add(plans.get(3), RunSummary.failed(plans.get(3), "diverged at step 7"));
    RunLog again = RunLog.open(file);
    assertEquals(2, again.size());
    assertEquals(summary(plans.get(0), 61.25), again.find(plans.get(0)).orElseThrow());
    assertTrue(Double.isNaN(again.find(plans.get(0)).orElseThrow().entityRecall()));
    assertEquals("diverged at step 7", again.find(plans.get(3)).orElseThrow().failure());
    assertTrue(again.find(plans.get(1)).isEmpty());
  }

  @Test
  void aLastLineCutShortIsIgnoredAnyOtherBadLineIsNamed() throws Exception {
    Path file = dir.resolve("runs.jsonl");
    List<RunPlan> plans = plans("ce", 1);
    RunLog.open(file).add(plans.get(0), summary(plans.get(0), 50));
    Files.writeString(file, "{\"key\":\"ab", StandardOpenOption.APPEND);
    assertEquals(1, RunLog.open(file).size());
    String good = Files.readAllLines(file).get(0);
    Files.writeString(file, good + "\ngarbage\n" + good + "\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> RunLog.open(file));
    assertTrue(e.getMessage().contains(file + ":2"), e.getMessage());
  }

  @Test
  void aDirectoryThatCannotBeCreatedFailsWhenTheLogIsOpenedNotWhenTheFirstRunIsAdded()
      throws Exception {
    Path inTheWay = Files.writeString(dir.resolve("out"), "a file where the output directory goes");
    assertThrows(
        java.io.UncheckedIOException.class,
        () -> RunLog.open(inTheWay.resolve("compare.runs.jsonl")));
    Path fresh = dir.resolve("new/dir/compare.runs.jsonl");
    RunLog log = RunLog.open(fresh);
    assertTrue(Files.isDirectory(fresh.getParent()), "created on opening");
    assertEquals(0, log.size());
  }
}
