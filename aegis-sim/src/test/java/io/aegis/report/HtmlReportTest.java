package io.aegis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path tmp;

    @Test
    void pageIsOneFileWithInlineSvgChartsAndNoScriptOrNetwork() throws Exception {
        String html = HtmlReport.render(ReportFixtures.run(tmp, "r", "stpa", 1, ReportFixtures.rising(12, 0.2, 0.05)));
        assertTrue(count(html, "<svg") >= 6, "accuracy, exclusions, alpha, participation, faults, clients");
        assertFalse(html.contains("<script"));
        assertFalse(html.matches("(?s).*(https?:|src=|@import).*"), "no URL at all, so nothing is fetched from elsewhere");
        assertEquals(count(html, "<svg"), ids(html).stream().distinct().count(), "every chart has its own id");
    }

    @Test
    void attackersThatGotThroughAreCountedNextToTheCaughtOnes() throws Exception {
        RunFolder f = RunFolder.load(ReportFixtures.run(tmp, "r", "stpa", 1, ReportFixtures.rising(6, 0.2, 0.05)));
        JFreeChart chart = new RunCharts(f.rounds(), 6, List.of()).exclusions();
        List<XYPlot> panels = ((CombinedDomainXYPlot) chart.getXYPlot()).getSubplots();
        XYDataset bars = panels.get(0).getDataset();
        // round 3: 3 valid attacker updates, 2 excluded -> caught 2, missed 1; honest excluded 1
        assertEquals(2.0, bars.getYValue(0, 2));
        assertEquals(1.0, bars.getYValue(1, 2));
        assertEquals(1.0, bars.getYValue(2, 2));
        assertEquals(0.0, bars.getYValue(1, 0), "no attacker before the window");
        XYDataset rates = panels.get(1).getDataset();
        assertEquals(2.0 / 3, rates.getYValue(0, 2), 1e-12, "per-round recall");
        assertTrue(Double.isNaN(rates.getYValue(0, 0)) , "no recall without attackers");
    }

    @Test
    void markersAreTheScenariosAttackWindowsAndEvents() throws Exception {
        RunFolder f = RunFolder.load(ReportFixtures.run(tmp, "r", "stpa", 1, ReportFixtures.rising(8, 0.2, 0.05)));
        assertEquals(List.of(new RunFolder.Marker(3, 8, "gaussian 0-9", true), new RunFolder.Marker(5, 5, "turn 10-12 ipm", false)),
                f.markers());
        String html = HtmlReport.render(f);
        assertTrue(html.contains("gaussian 0-9") && html.contains("turn 10-12 ipm"));
    }

    @Test
    void roundsWithoutAccuracyAreMarkedNotDrawnAsZero() throws Exception {
        double[] acc = ReportFixtures.rising(6, 0.2, 0.05);
        acc[3] = Double.NaN;
        String withGap = HtmlReport.render(ReportFixtures.run(tmp, "gap", "stpa", 1, acc));
        String full = HtmlReport.render(ReportFixtures.run(tmp, "full", "stpa", 1, ReportFixtures.rising(6, 0.2, 0.05)));
        assertTrue(withGap.contains("round not evaluated"));
        assertFalse(full.contains("round not evaluated"));
    }

    @Test
    void countAxesHaveWholeNumberTicks() throws Exception {
        RunFolder f = RunFolder.load(ReportFixtures.run(tmp, "r", "stpa", 1, ReportFixtures.rising(6, 0.2, 0.05)));
        String svg = Charts.svg(new RunCharts(f.rounds(), 6, List.of()).faults(), 800, 300, "f");
        List<String> ticks = texts(svg);
        assertTrue(ticks.contains("2"), "ticks are drawn: " + ticks);
        assertTrue(ticks.stream().noneMatch(s -> s.matches("\\d+\\.\\d+")), "no decimal tick on counts: " + ticks);
    }

    @Test
    void countsThatAreAllZeroGetANonNegativeAxis() {
        RoundTable t = RoundTable.parse(List.of("round,online,selected,received,late,lost,invalid", "1,100,20,20,0,0,0",
                "2,100,20,20,0,0,0"));
        List<String> ticks = texts(Charts.svg(new RunCharts(t, 2, List.of()).participation(), 800, 400, "p"));
        assertTrue(ticks.contains("4"), "0..4 at least: " + ticks);
        assertTrue(ticks.stream().noneMatch(s -> s.startsWith("-")), "no negative count: " + ticks);
    }

    @Test
    void eventsAfterTheLastRoundAreListedAsSuch() throws Exception {
        Path dir = ReportFixtures.run(tmp, "r", "stpa", 1, ReportFixtures.rising(4, 0.2, 0.05));
        String html = HtmlReport.render(dir); // 4 rounds; the event is at round 5, the attack window from 3 on
        assertTrue(html.contains("event: turn 10-12 ipm (after the run's last round)"));
        assertTrue(html.contains("attack: gaussian 0-9</td>"));
    }

    @Test
    void faultsChartShowsTheFaultsThatHappenedIncludingNewColumns() throws Exception {
        Path dir = ReportFixtures.run(tmp, "r", "stpa", 1, ReportFixtures.rising(4, 0.2, 0.05));
        List<String> lines = Files.readAllLines(dir.resolve("rounds.csv"));
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + (i == 0 ? ",train_failed" : "," + (i == 2 ? 3 : 0)));
        }
        Files.write(dir.resolve("rounds.csv"), lines);
        RunCharts c = new RunCharts(RunFolder.load(dir).rounds(), 4, List.of());
        assertEquals(List.of("dropped", "crashed", "corrupted", "reordered", "invalid", "train_failed"), c.faultColumns());
    }

    @Test
    void scenarioIsShownEscaped() throws Exception {
        Path dir = ReportFixtures.run(tmp, "r", "stpa", 1, ReportFixtures.rising(4, 0.2, 0.05));
        Files.writeString(dir.resolve("scenario.conf"), "name = \"<b>x</b>\"\nrounds = 4\n");
        String html = HtmlReport.render(dir);
        assertTrue(html.contains("name = &quot;&lt;b&gt;x&lt;/b&gt;&quot;"));
        assertFalse(html.contains("<b>x</b>"));
    }

    @Test
    void largePopulationsDrawTheFirstSelectedClientsAndSaySo() throws Exception {
        Path dir = ReportFixtures.run(tmp, "r", "stpa", 1, ReportFixtures.rising(4, 0.2, 0.05));
        StringBuilder csv = new StringBuilder("round,client,malicious,outcome\n");
        for (int c = 0; c < 450; c++) {
            csv.append(1 + c % 4).append(',').append(c * 10).append(",0,kept\n");
        }
        Files.writeString(dir.resolve("clients.csv"), csv);
        String html = HtmlReport.render(dir);
        assertTrue(html.contains("450 clients were selected at least once; the 200 with the lowest ids are drawn"));
    }

    @Test
    void aRunWithoutRoundsOrSummaryStillGetsAPage() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(dir.resolve("scenario.conf"), "rounds = 5\n");
        String html = HtmlReport.render(dir);
        assertTrue(html.contains("status: <b>failed</b>"));
        assertTrue(html.contains("nothing to draw"));
    }

    static int count(String s, String sub) {
        return s.split(Pattern.quote(sub), -1).length - 1;
    }

    private static List<String> ids(String html) {
        Matcher m = Pattern.compile("<svg[^>]*? id=['\"]([^'\"]+)['\"]").matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<String> texts(String svg) {
        Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
