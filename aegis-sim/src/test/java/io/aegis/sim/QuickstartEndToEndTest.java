package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartEndToEndTest {

    @Test
    void theQuickstartWritesItsFourOutputsAndStpaHoldsOffTheAttackers(@TempDir Path out) throws Exception {
        Scenario s = SimulationRuns.load("scenarios/quickstart.conf", out);
        RunSummary summary = Simulator.run(s);
        Path dir = Path.of(summary.runDir());
        for (String f : List.of("scenario.conf", "rounds.csv", "summary.json", "report.html")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " is written");
        }
        List<String> rows = Files.readAllLines(dir.resolve("rounds.csv"));
        assertTrue(rows.get(0).startsWith("round,accuracy,loss,online,selected,received,late,lost,invalid,excluded,"
                + "malicious_received,malicious_excluded,benign_excluded,alpha,skipped,wall_ms"), rows.get(0));
        assertEquals(s.rounds() + 1, rows.size());
        String json = Files.readString(dir.resolve("summary.json"));
        for (String key : List.of("name", "seed", "rule", "rounds", "final_accuracy", "best_accuracy",
                "mean_accuracy_last_10", "detection_precision", "detection_recall", "wall_seconds")) {
            assertTrue(json.contains("\"" + key + "\""), key + " in summary.json");
        }
        assertNotNull(summary.finalAccuracy());
        assertTrue(summary.detectionRecall() != null && summary.detectionRecall() > 0.6,
                "STPA excludes most attackers: recall " + summary.detectionRecall());
        assertTrue(summary.detectionPrecision() != null && summary.detectionPrecision() > 0.9,
                "and few honest clients: precision " + summary.detectionPrecision());
        assertTrue(summary.finalAccuracy() > 0.5, "the model learns despite the attack: " + summary.finalAccuracy());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<svg") && !html.contains("http://") && !html.contains("https://"),
                "the report is self-contained");
    }
}
