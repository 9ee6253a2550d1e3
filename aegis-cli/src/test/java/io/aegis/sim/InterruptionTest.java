package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.aegis.actors.Checkpoint;
import io.aegis.metrics.RunStatus;
import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT, SIGTERM or a stop request end a run at a round boundary with everything written (rows,
 * summary with status interrupted, report, final model, a checkpoint of the last round even with
 * checkpoint.every = 0), and resume then finishes it exactly as an uninterrupted run would have.
 */
class InterruptionTest {
    @TempDir
    Path out;

    /** ResumeTest's busy world (churn, every fault kind incl. replays, attackers, momentum), longer and without checkpoints. */
    static String[] world(String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(ResumeTest.WORLD));
        all.addAll(List.of("rounds = 14", "checkpoint.every = 0", "output.report = true"));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    private static Simulator.Options pool2() {
        return new Simulator.Options(Simulator.actorConfig(ConfigFactory.parseString("aegis.training.pool-size = 2")));
    }

    @Test
    void aStopRequestEndsAtARoundBoundaryAndResumeFinishesWithTheRowsAndModelOfAnUninterruptedRun() throws Exception {
        Scenario whole = SimulationRuns.load("scenarios/faults/network-faults.conf", out.resolve("whole"), world());
        RunSummary complete = Simulator.run(whole, pool2());
        assertEquals(RunStatus.COMPLETED, complete.status());

        Scenario s = SimulationRuns.load("scenarios/faults/network-faults.conf", out.resolve("cut"), world());
        RunControl control = new RunControl();
        // slower training (results unchanged) so that the stop lands mid-run
        Simulator.Options slow = pool2().decorated(Tampered.training(seed -> Thread.sleep(40)), UnaryOperator.identity())
                .controlledBy(control);
        CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(() -> Simulator.run(s, slow));
        Path dir = waitForRows(out.resolve("cut"), 3, running);
        assertTrue(control.requestStop(RunControl.SIGTERM_STATUS));
        RunSummary cut = running.get(60, TimeUnit.SECONDS);

        assertEquals(RunStatus.INTERRUPTED, cut.status());
        int last = cut.roundsCompleted();
        assertTrue(last >= 3 && last < 14, "stopped mid-run after round " + last);
        assertEquals(last + 1, Files.readAllLines(dir.resolve("rounds.csv")).size(), "rows up to the last closed round");
        assertTrue(Files.exists(Checkpoint.fileFor(dir, last)), "a checkpoint of round " + last + " although checkpoint.every = 0");
        assertTrue(Files.exists(dir.resolve("final-model.npy")) && Files.exists(dir.resolve("report.html")));
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"status\" : \"interrupted\""));

        RunSummary resumed = Simulator.resume(dir, pool2());
        assertEquals(RunStatus.COMPLETED, resumed.status());
        assertEquals(SimulationRuns.roundsWithoutWallTime(Path.of(complete.runDir())), SimulationRuns.roundsWithoutWallTime(dir));
        assertArrayEquals(Files.readAllBytes(Path.of(complete.runDir(), "final-model.npy")),
                Files.readAllBytes(dir.resolve("final-model.npy")), "the final model is byte-identical");
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"status\" : \"completed\""));
    }

    @Test
    void sigtermStopsARunningProcessWithStatus143AndEverythingWritten() throws Exception {
        Process p = child(out.resolve("term"));
        Path dir = waitForRows(out.resolve("term"), 2, p);
        p.destroy(); // SIGTERM
        assertInterruptedChild(p, dir, 143);
    }

    @Test
    void sigintStopsARunningProcessWithStatus130AndEverythingWritten() throws Exception {
        Process p = child(out.resolve("int"));
        Path dir = waitForRows(out.resolve("int"), 2, p);
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        assertInterruptedChild(p, dir, 130);
    }

    private static void assertInterruptedChild(Process p, Path dir, int status) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends within seconds of the signal");
        String log = Files.readString(dir.getParent().resolve("child.log"));
        assertEquals(status, p.exitValue(), log);
        assertTrue(log.contains("interrupted after"), "a final line says how it ended: " + log);
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"status\" : \"interrupted\""), summary);
        int rows = Files.readAllLines(dir.resolve("rounds.csv")).size() - 1;
        assertTrue(rows >= 2, rows + " rows");
        assertTrue(Files.exists(Checkpoint.fileFor(dir, rows)), "a checkpoint of the last written round " + rows);
        assertTrue(Files.exists(dir.resolve("final-model.npy")) && Files.exists(dir.resolve("report.html")));
    }

    /** {@code aegis run} of a long quickstart in a separate JVM, output under {@code into}. */
    private static Process child(Path into) throws IOException {
        Files.createDirectories(into);
        Path project = SimulationRuns.projectDir().toAbsolutePath();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"),
                "-Daegis.conf.dir=" + project.resolve("conf"),
                "-Dorg.bytedeco.javacpp.cachedir=" + project.resolve("target/javacpp-cache"),
                "io.aegis.cli.Main", "run", project.resolve("scenarios/quickstart.conf").toString(),
                "--set", "rounds=5000", "--set", "training.local-steps=20", "--out", into.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(into.resolve("child.log").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** The run folder under {@code parent} once its rounds.csv holds {@code rows} rows. */
    private static Path waitForRows(Path parent, int rows, Object running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (running instanceof Process p && !p.isAlive()) {
                throw new AssertionError("the run ended early: " + Files.readString(parent.resolve("child.log")));
            }
            if (running instanceof CompletableFuture<?> f && f.isDone()) {
                throw new AssertionError("the run ended before the stop: " + f.get());
            }
            if (Files.isDirectory(parent)) {
                try (Stream<Path> list = Files.list(parent)) {
                    for (Path d : list.filter(Files::isDirectory).toList()) {
                        Path csv = d.resolve("rounds.csv");
                        if (Files.exists(csv) && Files.readAllLines(csv).size() > rows) {
                            return d;
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no run folder with " + rows + " rows under " + parent);
    }
}
