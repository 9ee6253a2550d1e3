package io.aegis.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunResultTest {

    @Test
    void aRunThatEndedWithoutASummaryFailsWithTheLogsLastSentence(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("rounds.csv"), "round,accuracy\n1,0.5\n2,0.6\n");
        Files.writeString(run.resolve("run.log"), "round 2/10 ...\naegis: the model diverged\nmore text\n");
        RunResult r = RunResult.afterExit(run, 1, 4.0);
        assertEquals(RunResult.FAILED, r.status());
        assertEquals("aegis: the model diverged", r.error());
        assertEquals(2, r.roundsCompleted());
        assertEquals(4.0, r.wallSeconds());
        assertNull(r.finalAccuracy());
    }

    @Test
    void withoutAnAegisSentenceTheUncaughtExceptionsMessageIsTheReason(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("run.log"), "# io.aegis.cli.Main run x.conf\n"
                + "io.aegis.data.MissingDataException: data set 'spambase' is missing\n\tat io.aegis.X.y(X.java:1)\n"
                + "Caused by: java.io.IOException: nope\n");
        assertEquals("io.aegis.data.MissingDataException: data set 'spambase' is missing",
                RunResult.afterExit(run, 1, 1).error());
    }

    @Test
    void exitStatus130Or143IsInterruptedAndTheSummarysStatusWins(@TempDir Path run) throws Exception {
        assertEquals(RunResult.INTERRUPTED, RunResult.afterExit(run, 143, 1).status());
        assertEquals(RunResult.INTERRUPTED, RunResult.afterExit(run, 130, 1).status());
        Files.writeString(run.resolve("summary.json"), "{\"status\":\"failed\",\"error\":\"server stopped\",\"rounds_completed\":4}");
        RunResult r = RunResult.afterExit(run, 1, 1);
        assertEquals(RunResult.FAILED, r.status());
        assertEquals("server stopped", r.error());
        assertEquals(4, r.roundsCompleted());
    }

    @Test
    void aSummaryThatSaysCompletedDoesNotHideANonZeroExit(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("summary.json"), "{\"status\":\"completed\",\"final_accuracy\":0.9}");
        assertEquals(RunResult.FAILED, RunResult.afterExit(run, 1, 1).status());
        assertEquals(RunResult.COMPLETED, RunResult.afterExit(run, 0, 1).status());
        assertEquals(0.9, RunResult.afterExit(run, 0, 1).finalAccuracy());
    }

    @Test
    void onResumeARunIsCompletedOnlyWithItsSummary(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectory(dir.resolve("r"));
        assertEquals(RunResult.INTERRUPTED, RunResult.onDisk(run, 3).status());
        assertEquals(RunResult.PENDING, RunResult.onDisk(dir.resolve("missing"), 3).status());
        Files.writeString(run.resolve("summary.json"), "{\"rounds\":3}");
        assertEquals(RunResult.COMPLETED, RunResult.onDisk(run, 3).status(), "a version 1 summary with every round");
        Files.writeString(run.resolve("summary.json"), "{\"status\":\"interrupted\",\"rounds_completed\":2}");
        assertEquals(RunResult.INTERRUPTED, RunResult.onDisk(run, 3).status());
    }
}
