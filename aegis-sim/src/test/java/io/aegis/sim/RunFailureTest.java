package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.aegis.metrics.RunStatus;
import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run never hangs and never passes a failure off as a result: an actor that throws, a round that
 * can make no progress, or a round in which no honest client could train ends the run within
 * seconds with status failed, its reason, and the rows written so far.
 */
class RunFailureTest {
    @TempDir
    Path out;

    private static Simulator.Options options(int watchdogSeconds) {
        return new Simulator.Options(Simulator.actorConfig(ConfigFactory.parseString(
                "aegis.training.pool-size = 2\naegis.watchdog.idle-seconds = " + watchdogSeconds)));
    }

    private Scenario quick(String... overrides) {
        String[] base = {"rounds = 6", "clients.total = 20", "clients.per-round = 8", "output.report = true",
                "adversaries = [{ clients = \"0-2\", behavior = gaussian, sigma = 200, rounds = \"1-\" }]"};
        String[] all = Arrays.copyOf(base, base.length + overrides.length);
        System.arraycopy(overrides, 0, all, base.length, overrides.length);
        return SimulationRuns.load("scenarios/quickstart.conf", out, all);
    }

    private static RunSummary within(Duration limit, Scenario s, Simulator.Options options) {
        return assertTimeoutPreemptively(limit, () -> Simulator.run(s, options));
    }

    private static void assertFailedOnDisk(RunSummary s, String reasonPart) throws Exception {
        assertEquals(RunStatus.FAILED, s.status(), "status of " + s);
        assertTrue(s.error() != null && s.error().contains(reasonPart) && !s.error().contains("\n"), s.error());
        String json = Files.readString(Path.of(s.runDir(), "summary.json"));
        assertTrue(json.contains("\"status\" : \"failed\""), json);
        List<String> rows = Files.readAllLines(Path.of(s.runDir(), "rounds.csv"));
        assertEquals(s.roundsCompleted() + 1, rows.size(), "the rows written before the failure are kept");
    }

    @Test
    void anActorThatThrowsEndsAVirtualRunAsFailedWithItsReasonAndKeepsItsRows() throws Exception {
        Simulator.Options o = options(15).decorated(UnaryOperator.identity(), Tampered.ruleFailingIn(r -> r == 4));
        RunSummary s = within(Duration.ofSeconds(90), quick(), o);
        assertFailedOnDisk(s, "server");
        assertTrue(s.error().contains("InjectedError"), s.error());
        assertTrue(s.roundsCompleted() >= 2 && s.roundsCompleted() <= 3, "rows before round 4: " + s.roundsCompleted());
        assertTrue(Files.exists(Path.of(s.runDir(), "report.html")), "the report is written for a failed run too");
    }

    @Test
    void anActorThatThrowsEndsAWallClockRunAsFailed() throws Exception {
        Simulator.Options o = options(15).decorated(UnaryOperator.identity(), Tampered.ruleFailingIn(r -> r == 1));
        RunSummary s = within(Duration.ofSeconds(90), quick("clock = wall", "round.deadline = 3s",
                "clients.compute-time = 0.1", "clients.network-delay = 0.1"), o);
        assertFailedOnDisk(s, "server");
    }

    @Test
    void aWallClockRunWhoseDownloadsOutlastTwoDeadlinesStillEndsEveryRound() throws Exception {
        // before the fix a late client's news re-opened a written round in the observer and the run never ended
        RunSummary s = within(Duration.ofSeconds(120), quick("clock = wall", "rounds = 8", "round.deadline = 0.3s",
                "clients.network-delay = \"exponential(0.5)\"", "clients.per-round = 20"), options(15));
        assertEquals(RunStatus.COMPLETED, s.status(), String.valueOf(s.error()));
        assertEquals(8, s.roundsCompleted());
        assertTrue(s.late() > 0, "downloads and uploads outlasted the deadline: " + s.late() + " late");
    }

    @Test
    void aRoundThatWaitsForeverIsCaughtByTheWatchdogWithinSeconds() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        int[] calls = {0};
        Simulator.Options o = options(3).decorated(Tampered.training(seed -> {
            synchronized (calls) {
                calls[0]++;
                if (calls[0] <= 16) {
                    return; // rounds 1 and 2 train
                }
            }
            never.await(); // a client stuck for good: nothing runs, nothing arrives
        }), UnaryOperator.identity());
        try {
            long t0 = System.nanoTime();
            RunSummary s = within(Duration.ofSeconds(90), quick(), o);
            assertFailedOnDisk(s, "no progress");
            assertTrue((System.nanoTime() - t0) / 1e9 < 60, "ended within seconds of getting stuck");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aRoundInWhichEveryHonestClientFailsToTrainFailsTheRun() throws Exception {
        Simulator.Options o = options(15).decorated(Tampered.training(seed -> {
            throw new IllegalStateException("the data no longer fits the model");
        }), UnaryOperator.identity());
        RunSummary s = within(Duration.ofSeconds(90), quick(), o);
        assertFailedOnDisk(s, "every honest selected client");
        assertEquals(0, s.roundsCompleted());
    }

    @Test
    void clientsWhoseTrainingThrowsAreCountedInTrainFailed() throws Exception {
        Simulator.Options o = options(15).decorated(Tampered.training(seed -> {
            if (Math.floorMod(seed, 4) == 0) {
                throw new IllegalStateException("one client in four cannot train");
            }
        }), UnaryOperator.identity());
        RunSummary s = within(Duration.ofSeconds(90), quick(), o);
        assertEquals(RunStatus.COMPLETED, s.status(), String.valueOf(s.error()));
        List<String> rows = Files.readAllLines(Path.of(s.runDir(), "rounds.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        assertEquals("train_failed", header.get(header.size() - 1), "the new column comes last");
        int failed = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            int f = Integer.parseInt(c[header.indexOf("train_failed")]);
            assertTrue(f <= Integer.parseInt(c[header.indexOf("lost")]), "a client that failed sent nothing: " + row);
            failed += f;
        }
        assertTrue(failed > 0, "some training failed");
        assertEquals(failed, s.trainFailed());
    }
}
