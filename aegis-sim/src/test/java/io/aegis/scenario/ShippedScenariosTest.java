package io.aegis.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every scenario the project ships (scenarios/**.conf) passes validation, as users will run them. */
class ShippedScenariosTest {

    @Test
    void everyShippedScenarioLoads() throws IOException {
        Path root = Path.of(System.getProperty("aegis.shipped.scenarios", "scenarios"));
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".conf") && !p.toString().endsWith(".sweep.conf")) // sweep files: PaperSweepsTest
                    .sorted().toList();
        }
        Assumptions.assumeFalse(files.isEmpty(), "no scenario files under " + root);
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            try {
                ScenarioLoader.load(f, List.of());
            } catch (ScenarioException e) {
                failures.addAll(e.problems());
            }
        }
        System.out.println("shipped scenarios checked: " + files.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
