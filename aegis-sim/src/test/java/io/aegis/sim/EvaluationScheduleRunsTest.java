package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.metrics.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluation.every and evaluation.examples in whole runs, against rounds.csv computed before the keys existed. */
class EvaluationScheduleRunsTest {
    /** The quickstart at rounds = 8, written by the code before evaluation.* (and sample views) existed, wall_ms removed. */
    private static final Path FIXTURE = SimulationRuns.projectDir().resolve("aegis-sim/src/test/resources/fixtures/quickstart-8-rounds.csv");

    @Test
    void theDefaultsLeaveAFixedSeedRunsRoundsUnchanged(@TempDir Path out) throws IOException {
        RunSummary s = SimulationRuns.run(SimulationRuns.load("scenarios/quickstart.conf", out, "rounds = 8"), 2);
        assertEquals(Files.readAllLines(FIXTURE), SimulationRuns.roundsWithoutWallTime(Path.of(s.runDir())));
    }

    @Test
    void everyThirdRoundLeavesTheOtherCellsEmptyEvaluatesTheLastAndChangesNothingElse(@TempDir Path out) throws IOException {
        RunSummary s = SimulationRuns.run(SimulationRuns.load("scenarios/quickstart.conf", out, "rounds = 8",
                "evaluation.every = 3"), 2);
        List<String> expected = Files.readAllLines(FIXTURE);
        List<String> got = SimulationRuns.roundsWithoutWallTime(Path.of(s.runDir()));
        assertEquals(expected.size(), got.size());
        for (int r = 1; r <= 8; r++) {
            String[] want = expected.get(r).split(",", -1);
            String[] have = got.get(r).split(",", -1);
            boolean evaluated = r == 3 || r == 6 || r == 8;
            if (!evaluated) { // not evaluated: empty accuracy and loss, every other cell as before
                want[1] = "";
                want[2] = "";
            }
            assertEquals(String.join(",", want), String.join(",", have), "round " + r);
        }
        // summary.json's accuracies come from evaluated rounds only
        assertEquals(Double.parseDouble(expected.get(8).split(",")[1]), s.finalAccuracy(), 1e-6);
        double best = 0;
        for (int r : new int[] {3, 6, 8}) {
            best = Math.max(best, Double.parseDouble(expected.get(r).split(",")[1]));
        }
        assertEquals(best, s.bestAccuracy(), 1e-6);
    }

    @Test
    void aTestSubsetChangesOnlyTheMeasuredCellsAndIsTheSameForTheSameSeed(@TempDir Path out) throws IOException {
        RunSummary a = SimulationRuns.run(SimulationRuns.load("scenarios/quickstart.conf", out, "rounds = 4",
                "evaluation.examples = 300"), 2);
        RunSummary b = SimulationRuns.run(SimulationRuns.load("scenarios/quickstart.conf", out, "rounds = 4",
                "evaluation.examples = 300"), 1);
        List<String> expected = Files.readAllLines(FIXTURE);
        List<String> got = SimulationRuns.roundsWithoutWallTime(Path.of(a.runDir()));
        assertEquals(got, SimulationRuns.roundsWithoutWallTime(Path.of(b.runDir())));
        boolean anyDifferent = false;
        for (int r = 1; r <= 4; r++) {
            String[] want = expected.get(r).split(",", -1);
            String[] have = got.get(r).split(",", -1);
            assertTrue(!have[1].isEmpty() && !have[2].isEmpty(), "round " + r + " evaluated");
            anyDifferent |= !want[2].equals(have[2]);
            want[1] = have[1];
            want[2] = have[2];
            assertEquals(String.join(",", want), String.join(",", have), "round " + r);
        }
        assertTrue(anyDifferent, "300 of the test examples give a different loss than all of them");
        assertNotEquals(Files.readAllLines(FIXTURE).get(4), got.get(4));
    }
}
