package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.aggregation.Median;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's rule runs alone unless the test asks for the temporal step; the kit reads only its built-in defaults. */
class KitSettingsTest {

    @Test
    void aCustomRuleRunsWithoutTheTemporalStepByDefaultEvenThoughTheDefaultRuleIsStpa() {
        String noRule = Worlds.TEN_CLIENTS.replace("server.rule = median", "");
        try (AegisTestKit kit = AegisTestKit.fromScenario(noRule, new Median())) {
            assertFalse(kit.scenario().server().temporal());
            RoundView r = kit.step();
            assertTrue(Double.isNaN(r.alpha()));
            for (int j = 0; j < kit.dimension(); j++) {
                assertEquals((float) (r.modelBefore()[j] + r.aggregate()[j]), r.model()[j]);
            }
        }
        try (AegisTestKit kit = AegisTestKit.fromScenario(noRule)) {
            assertTrue(kit.scenario().server().temporal(), "the scenario's own stpa keeps its temporal = auto");
        }
    }

    @Test
    void aTestThatAsksForTheTemporalStepGetsIt() {
        try (AegisTestKit kit = AegisTestKit.builder(Worlds.TEN_CLIENTS).rule(new Median()).temporalStep(true).start()) {
            assertTrue(kit.scenario().server().temporal());
            RoundView r = kit.step();
            assertFalse(Double.isNaN(r.alpha()), "the temporal step ran: " + r);
            boolean differs = false;
            for (int j = 0; j < kit.dimension(); j++) {
                differs |= (float) (r.modelBefore()[j] + r.aggregate()[j]) != r.model()[j];
            }
            assertTrue(differs, "the model moves by the scaled momentum, not by the aggregate");
        }
    }

    @Test
    void confFilesOfTheWorkingDirectoryOrAegisConfDirDoNotReachTheKit(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("defaults.conf"), "rounds = 1\nthis is { not hocon");
        Files.writeString(dir.resolve("application.conf"), "aegis.testkit-must-not-see = 1\n");
        String before = System.getProperty("aegis.conf.dir");
        System.setProperty("aegis.conf.dir", dir.toString());
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS.replace("rounds = 6", ""))) {
            assertNotEquals(1, kit.scenario().rounds(), "rounds come from the built-in defaults");
            assertFalse(kit.actorTestKit().system().settings().config().hasPath("aegis.testkit-must-not-see"));
        } finally {
            if (before == null) {
                System.clearProperty("aegis.conf.dir");
            } else {
                System.setProperty("aegis.conf.dir", before);
            }
        }
    }
}
