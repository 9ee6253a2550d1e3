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
    void theRobustStateSurvivesACheckpointAndResume(@TempDir Path out) throws Exception {
        // cut right before the noise round 25: it is refused only if the norm window saved at round 24 comes back
        String[] world = {"rounds = 30", "checkpoint.every = 8", "server.stpa.variant = robust", "output.report = false"};
        Path complete = Path.of(SimulationRuns.run(SimulationRuns.load("scenarios/stpa/all-malicious-round.conf",
                out.resolve("runs"), world), 1).runDir());
        Path cut = out.resolve("cut");
        Files.createDirectories(cut);
        try (var files = Files.list(complete)) {
            for (Path f : files.toList()) {
                Files.copy(f, cut.resolve(f.getFileName()));
            }
        }
        List<String> lines = Files.readAllLines(cut.resolve("rounds.csv"));
        Files.write(cut.resolve("rounds.csv"), lines.subList(0, 25));
        Files.deleteIfExists(cut.resolve("final-model.npy"));
        Files.deleteIfExists(cut.resolve("summary.json"));
        Simulator.resume(cut, new Simulator.Options(Simulator.actorConfig(
                com.typesafe.config.ConfigFactory.parseString("aegis.training.pool-size = 1"))));
        assertEquals(SimulationRuns.roundsWithoutWallTime(complete), SimulationRuns.roundsWithoutWallTime(cut));
        assertEquals("1", Files.readAllLines(cut.resolve("rounds.csv")).get(25).split(",", -1)[14]);
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
