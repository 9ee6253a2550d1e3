package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.metrics.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short whole runs of scenarios/stpa: Algorithm 1 breaks, the robust variant does not. */
class StpaRobustRunTest {

    private static List<String[]> rows(Path outputDir) throws IOException {
        Path run;
        try (var dirs = Files.list(outputDir)) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        return Files.readAllLines(run.resolve("rounds.csv")).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    private static double accuracy(List<String[]> rows, int round) {
        return Double.parseDouble(rows.get(round - 1)[1]);
    }

    @Test
    void oneAllMaliciousRoundNeitherSinksNorFreezesTheRobustVariant(@TempDir Path paperDir, @TempDir Path robustDir)
            throws IOException {
        RunSummary paper = SimulationRuns.run(SimulationRuns.load("scenarios/stpa/all-malicious-round.conf", paperDir,
                "rounds=30"), 1);
        RunSummary robust = SimulationRuns.run(SimulationRuns.load("scenarios/stpa/all-malicious-round.conf", robustDir,
                "rounds=30", "server.stpa.variant=robust"), 1);
        List<String[]> p = rows(paperDir);
        List<String[]> r = rows(robustDir);
        // Algorithm 1: the noise round sinks the model and every later round is skipped
        assertTrue(accuracy(p, 25) < accuracy(p, 24) - 0.2, "paper should sink at round 25");
        assertEquals(accuracy(p, 25), paper.finalAccuracy(), 1e-5); // frozen ever since
        // robust: round 25 refused, accuracy within 2 points, and training goes on
        assertEquals("1", r.get(24)[14], "round 25 should be skipped");
        assertTrue(accuracy(r, 25) >= accuracy(r, 24) - 0.02);
        assertTrue(robust.finalAccuracy() > accuracy(r, 25), "training should continue after the refused round");
    }

    @Test
    void aRoundOfTwoValidUpdatesOneNoiseDoesNotWreckTheRobustModel(@TempDir Path paperDir, @TempDir Path robustDir) {
        RunSummary paper = SimulationRuns.run(SimulationRuns.load("scenarios/stpa/two-valid-updates.conf", paperDir,
                "rounds=25"), 1);
        RunSummary robust = SimulationRuns.run(SimulationRuns.load("scenarios/stpa/two-valid-updates.conf", robustDir,
                "rounds=25", "server.stpa.variant=robust"), 1);
        assertTrue(paper.finalAccuracy() < paper.bestAccuracy() - 0.2, "paper should be wrecked by round 20");
        assertTrue(robust.finalAccuracy() >= robust.bestAccuracy() - 0.02, "robust should not lose ground");
    }
}
