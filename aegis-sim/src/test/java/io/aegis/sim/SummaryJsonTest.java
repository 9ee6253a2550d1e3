package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.data.DataSets;
import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json carries the spec's version 2 fields, and config.json the resolved scenario as plain JSON. */
class SummaryJsonTest {

    @Test
    void aCompletedRunWritesEveryVersion2FieldAndItsScenarioAsJson(@TempDir Path out) throws Exception {
        Scenario s = SimulationRuns.load("scenarios/quickstart.conf", out, "rounds = 3", "output.report = false",
                "events = [{ round = 2, turn = \"30-34\", behavior = sign-flip }]");
        RunSummary summary = SimulationRuns.run(s, 2);
        ObjectMapper json = new ObjectMapper();
        JsonNode m = json.readTree(Path.of(summary.runDir(), "summary.json").toFile());
        for (String key : List.of("status", "error", "rounds_completed", "dataset", "model", "parameters",
                "malicious_clients", "data_dir", "aegis_version", "name", "seed", "rule", "rounds", "final_accuracy",
                "best_accuracy", "mean_accuracy_last_10", "detection_precision", "detection_recall", "wall_seconds",
                "train_failed")) {
            assertTrue(m.has(key), key + " in " + m);
        }
        assertEquals("completed", m.get("status").asText());
        assertTrue(m.get("error").isNull());
        assertEquals(3, m.get("rounds_completed").asInt());
        assertEquals(3, m.get("rounds").asInt());
        assertEquals("synthetic", m.get("dataset").asText());
        assertEquals("logreg", m.get("model").asText());
        assertEquals(610, m.get("parameters").asInt());
        // quickstart: 0-14 gaussian from round 1 (15-19 flip labels only from round 10), plus 30-34 turned in round 2
        assertEquals(20, m.get("malicious_clients").asInt());
        assertTrue(m.get("data_dir").isNull(), "synthetic data is read from no directory");
        assertTrue(m.get("aegis_version").asText().matches("\\d+\\.\\d+\\.\\d+.*"));
        // the simulator's nd4j backend, after the Vector API one where the JVM and the hardware have it
        assertEquals(io.aegis.aggregation.GramBackends.describe(), m.get("gram_backends").asText());
        assertTrue(m.get("gram_backends").asText().matches("(vector, )?nd4j, java"), m.get("gram_backends").asText());

        JsonNode config = json.readTree(Path.of(summary.runDir(), "config.json").toFile());
        assertEquals(3, config.get("rounds").asInt());
        assertEquals("stpa", config.get("server").get("rule").asText());
        assertEquals(s.seed(), config.get("seed").asLong());
        assertEquals("synthetic", config.get("dataset").get("name").asText());
    }

    @Test
    void theDataDirectoryIsTheFolderTheFilesAreReadFrom(@TempDir Path out) {
        Scenario synthetic = SimulationRuns.load("scenarios/quickstart.conf", out);
        assertNull(DataSets.directoryUsed(synthetic));
        Scenario spambase = SimulationRuns.load("scenarios/quickstart.conf", out, "dataset.name = spambase",
                "dataset.dir = \"some/where\"");
        Path used = DataSets.directoryUsed(spambase);
        assertTrue(used.isAbsolute() && used.endsWith("spambase"), String.valueOf(used));
        assertEquals(Path.of(spambase.dataset().dir()).resolve("spambase").toAbsolutePath().normalize(), used);
    }
}
