package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    @Test
    void theSameScenarioAndSeedGiveTheSameRoundsWhateverThePoolSize(@TempDir Path out) {
        // churn, dropout, attackers and faults all draw randomness; none of it may depend on scheduling
        String[] overrides = {"rounds = 12", "churn.model = markov", "churn.p-leave = 0.1", "churn.p-return = 0.3",
                "faults.drop = 0.1", "faults.duplicate = 0.1", "faults.corrupt = 0.05",
                "round.deadline = 2.5s"};
        Scenario s = SimulationRuns.load("scenarios/quickstart.conf", out, overrides);
        RunSummary a = SimulationRuns.run(s, 1);
        RunSummary b = SimulationRuns.run(s, 2);
        RunSummary c = SimulationRuns.run(s, 2);
        assertEquals(SimulationRuns.roundsWithoutWallTime(Path.of(a.runDir())),
                SimulationRuns.roundsWithoutWallTime(Path.of(b.runDir())));
        assertEquals(SimulationRuns.roundsWithoutWallTime(Path.of(b.runDir())),
                SimulationRuns.roundsWithoutWallTime(Path.of(c.runDir())));
    }
}
