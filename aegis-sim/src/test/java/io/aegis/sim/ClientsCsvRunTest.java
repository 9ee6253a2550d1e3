package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.metrics.ClientsCsv;
import io.aegis.metrics.RoundRow;
import io.aegis.metrics.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** clients.csv of a faulty, attacked run agrees round by round with the counts in rounds.csv. */
class ClientsCsvRunTest {

    @Test
    void everySelectedClientHasOneRowWhoseOutcomesAddUpToRoundsCsv(@TempDir Path out) throws Exception {
        RunSummary s = SimulationRuns.run(SimulationRuns.load("scenarios/faults/network-faults.conf", out,
                "rounds=6", "checkpoint.every=0"), 1);
        Path dir = Path.of(s.runDir());
        List<ClientsCsv.Row> clients = ClientsCsv.read(dir);
        List<String> lines = Files.readAllLines(dir.resolve("rounds.csv"));
        assertEquals(7, lines.size());
        int excludedSeen = 0;
        for (String line : lines.subList(1, lines.size())) {
            RoundRow r = RoundRow.parse(line);
            List<ClientsCsv.Row> round = clients.stream().filter(c -> c.round() == r.round()).toList();
            assertEquals(r.selected(), round.size(), "round " + r.round() + ": one row per selected client");
            assertEquals(r.selected(), round.stream().map(ClientsCsv.Row::client).distinct().count());
            assertEquals(r.excluded(), count(round, "excluded", null));
            assertEquals(r.maliciousExcluded(), count(round, "excluded", true));
            assertEquals(r.maliciousValid() - r.maliciousExcluded(), count(round, "kept", true));
            assertEquals(r.lost(), count(round, "lost", null));
            assertEquals(r.late(), count(round, "late", null));
            excludedSeen += r.excluded();
        }
        assertTrue(excludedSeen > 0, "the attackers' noise is excluded somewhere, so the check above meant something");
        assertTrue(clients.stream().anyMatch(c -> c.outcome().equals("lost")), "network faults lose updates");
    }

    private static long count(List<ClientsCsv.Row> rows, String outcome, Boolean malicious) {
        return rows.stream().filter(c -> c.outcome().equals(outcome)
                && (malicious == null || malicious.equals(c.malicious()))).count();
    }
}
