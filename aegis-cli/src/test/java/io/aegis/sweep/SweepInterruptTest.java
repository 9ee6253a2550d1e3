package io.aegis.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.progress.ProgressMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a sweep: the running run is stopped, nothing else starts, exit status 143. */
class SweepInterruptTest {

    @Test
    void anInterruptedSweepStopsItsRunStartsNoOtherAndExitsWith143(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.conf"), SweepEndToEndTest.BASE.replace("rounds = 3", "rounds = 5000"));
        Path file = dir.resolve("long.sweep.conf");
        Files.writeString(file, "base = \"base.conf\"\ngrid { seed = [1, 2, 3] }\n");
        SweepFile sweep = SweepFile.parse(file);
        List<RunSpec> runs = SweepPlan.expand(sweep, List.of());
        Path sweepDir = Files.createDirectories(dir.resolve("out/long-1/runs")).getParent();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SweepRunner runner = new SweepRunner(sweep.name(), sweep.base(), List.of("seed"), runs, sweepDir,
                new SweepRunner.Settings(1, 1, 768, ProgressMode.LINES), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Path firstLog = runner.runDir(runs.get(0)).resolve("run.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(firstLog) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        runner.interrupt("TERM");
        assertEquals(143, status.get(180, TimeUnit.SECONDS), bytes.toString(StandardCharsets.UTF_8));
        List<String> rows = Files.readAllLines(sweepDir.resolve("results.csv"));
        assertEquals(4, rows.size());
        assertTrue(rows.get(1).startsWith("seed=1,,1,interrupted,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("seed=2,,2,pending,"), rows.get(2));
        assertTrue(rows.get(3).startsWith("seed=3,,3,pending,"), rows.get(3));
        assertTrue(!Files.exists(runner.runDir(runs.get(1))), "no other run started");
        assertTrue(Files.isRegularFile(sweepDir.resolve("report.html")));
    }
}
