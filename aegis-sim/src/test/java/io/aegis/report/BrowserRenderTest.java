package io.aegis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a run report and a comparison page from disk in headless Chromium: the pages load with no
 * console error, every chart is in the DOM, and a screenshot of each lands in target/browser/ for a
 * person to look at. Skipped where Chromium is not installed, except in CI (CI=true), where that fails.
 */
class BrowserRenderTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SHOTS = Path.of("target", "browser");

    @TempDir
    Path tmp;

    @BeforeAll
    static void chromiumIsThere() {
        boolean present = Files.isExecutable(CHROMIUM);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM + " is missing: .ci/run installs it (apt-get install chromium)");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " on this machine");
    }

    @Test
    void runReportLoadsWithoutConsoleErrorsAndShowsEveryChart() throws Exception {
        double[] acc = ReportFixtures.rising(30, 0.1, 0.03);
        acc[9] = Double.NaN;
        Path run = ReportFixtures.run(tmp, "run", "stpa", 1, acc);
        Path page = run.resolve("report.html");
        Files.writeString(page, HtmlReport.render(run), StandardCharsets.UTF_8);
        check(page, HtmlReportTest.count(Files.readString(page), "<svg"), "run-report.png");
    }

    @Test
    void comparisonPageLoadsWithoutConsoleErrorsAndShowsEveryPanel() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (String variant : List.of("normal", "gaussian", "ipm")) {
            for (String rule : List.of("fedavg", "median", "stpa")) {
                for (int seed = 1; seed <= 2; seed++) {
                    String id = variant + "_server.rule=" + rule + "_seed=" + seed;
                    Path d = ReportFixtures.run(tmp.resolve("runs"), id, rule, seed,
                            ReportFixtures.rising(20, 0.1 * List.of("fedavg", "median", "stpa").indexOf(rule) + 0.05 * seed, 0.03));
                    ReportFixtures.sweepJson(d, id, variant, rule, seed);
                    dirs.add(d);
                }
            }
        }
        Path page = tmp.resolve("comparison.html");
        ComparisonPage.write(dirs, page);
        check(page, 3, "comparison.png");
    }

    private void check(Path page, int charts, String shot) throws Exception {
        String url = page.toAbsolutePath().toUri().toString();
        Run dom = load(url);
        assertEquals(charts, HtmlReportTest.count(dom.out, "<svg"), "every chart is in the DOM");
        assertEquals(List.of(), consoleMessages(dom), "the pages have no script: any console message is a fault");
        Files.createDirectories(SHOTS);
        Path png = SHOTS.resolve(shot).toAbsolutePath();
        Files.deleteIfExists(png);
        chromium(List.of("--screenshot=" + png, "--window-size=1400,3000", "--hide-scrollbars", url));
        assertTrue(Files.size(png) > 10_000, "a screenshot with something in it: " + png);
    }

    @Test
    void theConsoleCheckCatchesAPageThatLogsAnError() throws Exception {
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<html><body><svg></svg><script>console.error('boom'); throw new Error('bad');</script></body></html>");
        List<String> messages = consoleMessages(load(bad.toUri().toString()));
        assertTrue(messages.stream().anyMatch(m -> m.contains("boom")), "console.error: " + messages);
        assertTrue(messages.stream().anyMatch(m -> m.contains("Uncaught")), "uncaught exception: " + messages);
    }

    private Run load(String url) throws IOException, InterruptedException {
        return chromium(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", url));
    }

    /** Chromium logs every console call and uncaught exception as a CONSOLE line on stderr. */
    private static List<String> consoleMessages(Run run) {
        return run.err.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
    }

    private record Run(String out, String err) {}

    private Run chromium(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Path out = tmp.resolve("chromium.out");
        Path err = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 180 s: " + String.join(" ", cmd));
        }
        return new Run(Files.readString(out), Files.readString(err));
    }
}
