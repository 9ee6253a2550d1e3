package io.aegis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.metrics.RunStatus;
import io.aegis.metrics.RunSummary;
import io.aegis.sim.RunControl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aegis run} and {@code aegis resume} end with one line saying how the run ended and the documented exit status. */
class RunEndingTest {

    private record Ended(int status, String out, String err) {}

    private static Ended capture(Callable<Integer> body) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int status = body.call();
            return new Ended(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static RunSummary summary(RunStatus status, String error) {
        return new RunSummary("r", 1, "median", 10, 0.5, 0.5, 0.5, null, null, 1.0, null, 0, 0, 0, 0, 0, "runs/r",
                status, error, 4, 0, null);
    }

    @Test
    void eachWayARunEndsHasItsExitStatusAndOneFinalLine() throws Exception {
        Ended completed = capture(() -> RunEnding.report(summary(RunStatus.COMPLETED, null), new RunControl()));
        assertEquals(0, completed.status());
        assertTrue(completed.out().contains("completed") && completed.out().strip().lines().count() == 1, completed.out());

        Ended failed = capture(() -> RunEnding.report(summary(RunStatus.FAILED, "the server actor failed: X"), new RunControl()));
        assertEquals(1, failed.status());
        assertTrue(failed.err().contains("failed after 4 of 10 rounds: the server actor failed: X"), failed.err());

        RunControl term = new RunControl();
        term.requestStop(RunControl.SIGTERM_STATUS);
        Ended stopped = capture(() -> RunEnding.report(summary(RunStatus.INTERRUPTED, null), term));
        assertEquals(143, stopped.status());
        assertTrue(stopped.err().contains("interrupted after 4 of 10 rounds") && stopped.err().contains("aegis resume runs/r"),
                stopped.err());
        RunControl intr = new RunControl();
        intr.requestStop(RunControl.SIGINT_STATUS);
        assertEquals(130, capture(() -> RunEnding.report(summary(RunStatus.INTERRUPTED, null), intr)).status());
    }

    @Test
    void resumingAFolderThatIsNotARunIsBadInputInOneSentence(@TempDir Path dir) throws Exception {
        Ended e = capture(() -> new CommandLine(new ResumeCommand()).execute(dir.toString()));
        assertEquals(2, e.status());
        assertTrue(e.err().startsWith("aegis: ") && e.err().contains("not a run folder")
                && e.err().strip().lines().count() == 1, e.err());
    }

    @Test
    void aCompletedRunExitsZeroAndSaysSo(@TempDir Path out) throws Exception {
        Path project = Path.of(System.getProperty("aegis.project.dir", "."));
        Ended e = capture(() -> new CommandLine(new RunCommand()).execute(
                project.resolve("scenarios/quickstart.conf").toString(), "--set", "rounds=2", "--out", out.toString()));
        assertEquals(0, e.status(), e.err());
        assertTrue(e.out().contains("run quickstart completed: 2 of 2 rounds"), e.out());
        try (var runs = Files.list(out)) {
            Path dir = runs.findFirst().orElseThrow();
            for (String f : List.of("scenario.conf", "config.json", "rounds.csv", "summary.json")) {
                assertTrue(Files.exists(dir.resolve(f)), f);
            }
        }
    }
}
