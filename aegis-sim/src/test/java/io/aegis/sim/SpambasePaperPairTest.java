package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.metrics.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2's acceptance pair: Spambase cross-silo, 7 of 20 clients send N(0, 200^2) noise. */
class SpambasePaperPairTest {

    @Test
    void stpaStaysWithinThreePointsOfCleanFedAvgWhileFedAvgUnderAttackFallsFarBelow(@TempDir Path out) {
        Path shared = Path.of(System.getProperty("aegis.shared.datasets", "../shared/datasets"));
        Assumptions.assumeTrue(Files.isRegularFile(shared.resolve("spambase/spambase.data")),
                "shared Spambase copy not found at " + shared + "; skipping the paper pair");
        String dir = "dataset.dir=\"" + shared.toAbsolutePath().toString().replace("\\", "/") + "\"";
        double clean = accuracy("scenarios/paper/spambase-cross-silo-fedavg-clean.conf", out, dir);
        double attacked = accuracy("scenarios/paper/spambase-cross-silo-fedavg-gaussian.conf", out, dir);
        double defended = accuracy("scenarios/paper/spambase-cross-silo-stpa-gaussian.conf", out, dir);
        assertTrue(clean > 0.85, "attack-free FedAvg learns Spambase: " + clean);
        assertTrue(defended >= clean - 0.03, "STPA " + defended + " vs clean FedAvg " + clean);
        assertTrue(attacked < clean - 0.10, "FedAvg under attack " + attacked + " vs clean " + clean);
    }

    private static double accuracy(String scenario, Path out, String dir) {
        RunSummary s = Simulator.run(SimulationRuns.load(scenario, out, dir));
        return s.finalAccuracy();
    }
}
