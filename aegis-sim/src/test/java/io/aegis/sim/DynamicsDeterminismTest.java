package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicsDeterminismTest {

    @Test
    void collusionChurnMidRoundDeparturesAndEventsGiveTheSameRoundsWhateverThePoolSize(@TempDir Path out) {
        String[] overrides = {"rounds = 6", "clients.dropout = 0", "churn.model = markov", "churn.p-leave = 0.2", "churn.p-return = 0.5",
                "adversaries = [{ clients = \"0-14\", behavior = alie, rounds = \"1-\" },"
                        + " { clients = \"15-24\", behavior = ipm, knowledge = own, rounds = \"3-\" },"
                        + " { clients = \"25-29\", behavior = gaussian, rounds = \"2-5\" }]",
                "events = [{ round = 3, go-offline = \"30-59\" }, { round = 5, go-online = \"30-44\" },"
                        + " { round = 4, turn = \"0-4\", behavior = honest }, { round = 6, turn = \"60-64\", behavior = alie }]"};
        Scenario s = SimulationRuns.load("scenarios/quickstart.conf", out, overrides);
        RunSummary a = SimulationRuns.run(s, 1);
        RunSummary b = SimulationRuns.run(s, 2);
        List<String> rows = SimulationRuns.roundsWithoutWallTime(Path.of(a.runDir()));
        assertEquals(rows, SimulationRuns.roundsWithoutWallTime(Path.of(b.runDir())));
        int lost = rows.get(0).indexOf(',') < 0 ? -1 : List.of(rows.get(0).split(",")).indexOf("lost");
        int lostTotal = 0;
        for (String row : rows.subList(1, rows.size())) {
            lostTotal += Integer.parseInt(row.split(",", -1)[lost]);
        }
        assertTrue(lostTotal > 0, "without dropout or faults, only clients leaving mid-round (p-leave 0.2) are lost; some must be");
    }
}
