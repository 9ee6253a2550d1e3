package io.aegis.sim;

import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Helpers for tests that run whole scenarios. */
final class SimulationRuns {
    private SimulationRuns() {}

    static Path projectDir() {
        return Path.of(System.getProperty("aegis.project.dir", "."));
    }

    static Scenario load(String relative, Path outputDir, String... overrides) {
        List<String> all = new ArrayList<>(Arrays.asList(overrides));
        all.add("output.dir=\"" + outputDir.toString().replace("\\", "/") + "\"");
        try {
            return ScenarioLoader.load(projectDir().resolve(relative), all);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RunSummary run(Scenario s, int poolSize) {
        return Simulator.run(s, new Simulator.Options(Simulator.actorConfig(
                com.typesafe.config.ConfigFactory.parseString("aegis.training.pool-size = " + poolSize))));
    }

    /** rounds.csv without the wall_ms column, which is the one thing allowed to differ between runs. */
    static List<String> roundsWithoutWallTime(Path runDir) {
        try {
            List<String> lines = Files.readAllLines(runDir.resolve("rounds.csv"));
            int wall = Arrays.asList(lines.get(0).split(",", -1)).indexOf("wall_ms");
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
                cells.remove(wall);
                out.add(String.join(",", cells));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
