package io.aegis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonPageTest {
    @TempDir
    Path tmp;

    /** 2 rules x 2 seeds x 2 variants, each run with its sweep.json. */
    private List<Path> sweep() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (String variant : List.of("normal", "gaussian")) {
            for (String rule : List.of("fedavg", "stpa")) {
                for (int seed = 1; seed <= 2; seed++) {
                    String id = variant + "_server.rule=" + rule + "_seed=" + seed;
                    double start = rule.equals("stpa") ? 0.5 : 0.3;
                    Path d = ReportFixtures.run(tmp.resolve("runs"), id, rule, seed,
                            ReportFixtures.rising(6, start + 0.1 * (seed - 1), 0.05));
                    ReportFixtures.sweepJson(d, id, variant, rule, seed);
                    dirs.add(d);
                }
            }
        }
        return dirs;
    }

    @Test
    void linesAreTheFirstAxisColumnsTheVariantsAndSeedsAreAveraged() throws Exception {
        List<ComparisonRun> runs = ComparisonRun.of(load(sweep()));
        ComparisonPage.Layout l = ComparisonPage.Layout.of(runs);
        assertEquals("server.rule", l.lineKey());
        assertEquals(List.of("fedavg", "stpa"), l.lines());
        assertEquals(List.of("normal", "gaussian"), l.columns());
        assertEquals(List.of(""), l.rows());
        String html = ComparisonPage.render(sweep(), tmp);
        assertEquals(2, HtmlReportTest.count(html, "<svg"), "one chart per variant");
        // final accuracies of stpa: seed 1 0.75, seed 2 0.85 -> 80.00 ± 7.07
        assertTrue(html.contains("80.00 ± 7.07"), html);
        assertTrue(html.contains("60.00 ± 7.07"), "fedavg: 0.55 and 0.65");
    }

    @Test
    void otherAxesBecomeRowsLikeThePapersFigureThree() {
        List<ComparisonRun> runs = new ArrayList<>();
        for (String data : List.of("mnist", "spambase")) {
            for (String attack : List.of("normal", "ipm")) {
                for (String rule : List.of("krum", "stpa")) {
                    runs.add(new ComparisonRun(null, data + attack + rule, attack,
                            java.util.Map.of("server.rule", rule, "dataset.name", data, "seed", "1"),
                            List.of("server.rule", "dataset.name", "seed")));
                }
            }
        }
        ComparisonPage.Layout l = ComparisonPage.Layout.of(runs);
        assertEquals(List.of("krum", "stpa"), l.lines());
        assertEquals(List.of("normal", "ipm"), l.columns());
        assertEquals(List.of("dataset.name = mnist", "dataset.name = spambase"), l.rows());
    }

    @Test
    void aRulesColourIsTheSameInEveryPanelAndOnEveryPage() throws Exception {
        ComparisonPage.Layout l = ComparisonPage.Layout.of(ComparisonRun.of(load(sweep())));
        assertEquals(Charts.PALETTE.get(1), l.colours().get("stpa"));
        assertEquals(Charts.PALETTE.get(0), l.colours().get("fedavg"));
    }

    @Test
    void withoutSweepJsonTheAxesAreTheScenarioKeysThatDiffer() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (String rule : List.of("median", "stpa")) {
            for (int seed = 1; seed <= 2; seed++) {
                dirs.add(ReportFixtures.run(tmp, rule + "-" + seed, rule, seed, ReportFixtures.rising(5, 0.4, 0.1)));
            }
        }
        List<ComparisonRun> runs = ComparisonRun.of(load(dirs));
        assertEquals(List.of("server.rule", "seed"), runs.get(0).gridKeys(), "name and output.* are not axes");
        ComparisonPage.Layout l = ComparisonPage.Layout.of(runs);
        assertEquals(List.of("median", "stpa"), l.lines());
        assertEquals(1, l.columns().size());
    }

    @Test
    void aFailedRunIsListedAsFailedAndNotDrawn() throws Exception {
        List<Path> dirs = sweep();
        Path broken = Files.createDirectories(tmp.resolve("runs/broken"));
        Files.writeString(broken.resolve("scenario.conf"), "rounds = 6\nserver.rule = stpa\nseed = 3\n");
        ReportFixtures.sweepJson(broken, "normal_server.rule=stpa_seed=3", "normal", "stpa", 3);
        dirs.add(broken);
        String html = ComparisonPage.render(dirs, tmp);
        assertTrue(html.contains("<td class=\"failed\">failed"), "the run list says so");
        assertTrue(html.contains("80.00 ± 7.07"), "the failed seed does not enter the mean");
        assertTrue(html.contains("<td class=\"num failed\">1</td>"), "the table counts it");
    }

    @Test
    void compareWritesThePageAndRefusesAFolderThatIsNotARun() throws Exception {
        List<Path> dirs = sweep();
        Path out = tmp.resolve("page.html");
        List<String> args = new ArrayList<>(List.of("compare"));
        dirs.forEach(d -> args.add(d.toString()));
        args.addAll(List.of("--out", out.toString()));
        assertEquals(0, Main.execute(args.toArray(String[]::new)));
        assertTrue(Files.readString(out).contains("<svg"));

        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Path empty = Files.createDirectories(tmp.resolve("empty"));
            assertEquals(2, Main.execute("compare", dirs.get(0).toString(), empty.toString(), "--out", out.toString()));
        } finally {
            System.setErr(err);
        }
        String message = captured.toString(StandardCharsets.UTF_8).trim();
        assertTrue(message.startsWith("aegis: ") && message.endsWith("is not a run folder (it has no scenario.conf, rounds.csv or summary.json)"), message);
        assertFalse(message.contains("\n"), "one sentence, no stack trace");
    }

    private static List<RunFolder> load(List<Path> dirs) throws Exception {
        List<RunFolder> out = new ArrayList<>();
        for (Path d : dirs) {
            out.add(RunFolder.load(d));
        }
        return out;
    }
}
