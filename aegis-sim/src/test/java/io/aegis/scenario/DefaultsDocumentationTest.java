package io.aegis.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** defaults.conf is the schema of known keys; the names and the user documentation must follow it. */
class DefaultsDocumentationTest {
    final Config defaults = Defaults.fromFile(Path.of("conf", "defaults.conf")).config();

    DefaultsDocumentationTest() throws ScenarioException {}

    @Test
    void everyBehaviourHasAParameterBlockAndNoOtherBlockExists() {
        ConfigObject behaviors = defaults.getObject("behaviors");
        assertEquals(new TreeSet<>(KnownNames.BEHAVIORS), new TreeSet<>(behaviors.keySet()));
    }

    @Test
    void everyDefaultKeyIsDocumentedInTheScenarioReadme() throws Exception {
        String readme = Files.readString(Path.of("scenarios", "README.md"));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, ?> e : defaults.entrySet()) {
            String path = e.getKey();
            if (path.startsWith("behaviors.")) {
                String[] parts = path.split("\\.");
                String row = readme.lines().filter(l -> l.startsWith("| `" + parts[1] + "`")).findFirst().orElse("");
                if (!row.contains("`" + parts[2] + "`")) {
                    missing.add(path);
                }
            } else if (!readme.contains("`" + path + "`")) {
                missing.add(path);
            }
        }
        for (String list : List.of("adversaries", "events", "faults.targeted")) {
            if (!readme.contains("`" + list + "`")) {
                missing.add(list);
            }
        }
        assertTrue(missing.isEmpty(), "not documented in scenarios/README.md: " + missing);
    }

    @Test
    void everyNameListInDefaultsMatchesKnownNames() throws Exception {
        String text = Files.readString(Path.of("conf", "defaults.conf"));
        for (List<String> names : List.of(KnownNames.RULES, KnownNames.DATASETS, KnownNames.PARTITIONS,
                KnownNames.CORRUPT_KINDS)) {
            assertTrue(text.contains(String.join(" | ", names)), "defaults.conf lists " + names);
        }
    }
}
