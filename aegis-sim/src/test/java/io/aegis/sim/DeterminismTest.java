package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    @Test
    void theSameScenarioAndSeedGiveTheSameRoundsWhateverThePoolSize(@TempDir Path out) throws Exception {
        // churn, dropout, attackers and faults all draw randomness; none of it may depend on scheduling
        String[] overrides = {"rounds = 12", "churn.model = markov", "churn.p-leave = 0.1", "churn.p-return = 0.3",
                "faults.drop = 0.1", "faults.duplicate = 0.1", "faults.corrupt = 0.05",
                "round.deadline = 2.5s"};
        Scenario s = SimulationRuns.load("scenarios/quickstart.conf", out, overrides);
        RunSummary a = SimulationRuns.run(s, 1);
        RunSummary b = SimulationRuns.run(s, 2);
        RunSummary c = SimulationRuns.run(s, 2);

        // the comparison proves something only if the randomness it is about really happened
        Map<String, Integer> totals = totals(Path.of(a.runDir()),
                List.of("dropped", "duplicated", "corrupted", "late", "lost", "malicious_received"));
        assertTrue(totals.values().stream().allMatch(n -> n > 0), "faults, late updates, losses and attackers: " + totals);
        assertTrue(minimum(Path.of(a.runDir()), "online") < s.clients().total(), "churn took clients offline");

        assertEquals(SimulationRuns.roundsWithoutWallTime(Path.of(a.runDir())),
                SimulationRuns.roundsWithoutWallTime(Path.of(b.runDir())));
        assertEquals(SimulationRuns.roundsWithoutWallTime(Path.of(b.runDir())),
                SimulationRuns.roundsWithoutWallTime(Path.of(c.runDir())));
        assertArrayEquals(Files.readAllBytes(Path.of(a.runDir(), "final-model.npy")),
                Files.readAllBytes(Path.of(b.runDir(), "final-model.npy")), "the same final model, byte for byte");
    }

    /** Column sums of rounds.csv. */
    static Map<String, Integer> totals(Path runDir, List<String> columns) throws Exception {
        List<String> rows = Files.readAllLines(runDir.resolve("rounds.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        Map<String, Integer> out = new TreeMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            for (String col : columns) {
                out.merge(col, Integer.parseInt(cells[header.indexOf(col)]), Integer::sum);
            }
        }
        return out;
    }

    static int minimum(Path runDir, String column) throws Exception {
        List<String> rows = Files.readAllLines(runDir.resolve("rounds.csv"));
        int i = List.of(rows.get(0).split(",")).indexOf(column);
        return rows.subList(1, rows.size()).stream().mapToInt(r -> Integer.parseInt(r.split(",", -1)[i])).min().orElseThrow();
    }
}
