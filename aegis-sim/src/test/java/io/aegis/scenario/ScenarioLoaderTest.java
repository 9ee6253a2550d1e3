package io.aegis.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigRenderOptions;
import io.aegis.model.TrainingParams;
import io.aegis.scenario.Scenario.AdversaryGroup;
import io.aegis.scenario.Scenario.Event;
import io.aegis.scenario.Scenario.FaultRates;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    static Path resource(String name) {
        try {
            return Path.of(ScenarioLoaderTest.class.getResource("/scenarios/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void specExampleLoadsToTheRecordsItDescribes() throws Exception {
        Scenario s = ScenarioLoader.load(resource("spec-example.conf"), List.of());

        assertEquals("cross-device-mnist-alie", s.name());
        assertEquals(7, s.seed());
        assertEquals(100, s.rounds());
        assertEquals(Scenario.ClockMode.VIRTUAL, s.clock());
        assertEquals("mnist", s.dataset().name());
        assertEquals("iid", s.dataset().partition());
        assertEquals(new Scenario.SyntheticSpec(0.5, 0.5, 60, 10, false), s.dataset().synthetic());
        assertEquals("mnist-cnn", s.model(), "auto picks the paper's CNN for MNIST");
        assertEquals(new TrainingParams(5, 32, 0.01), s.training());
        assertEquals(100, s.clients().total());
        assertEquals(20, s.clients().perRound());
        assertEquals(new Distribution.LogNormal(0.0, 0.5), s.clients().computeTime());
        assertEquals(new Distribution.Exponential(0.1), s.clients().networkDelay());
        assertEquals(5.0, s.deadlineSeconds());
        assertEquals("stpa", s.server().rule());
        assertTrue(s.server().temporal(), "temporal = auto is on for stpa");
        assertEquals(0.5, s.server().momentum());
        assertEquals(1.0, s.server().learningRate());
        assertEquals(7, s.server().config().getInt("krum.f"));
        assertEquals(0.02, s.server().config().getDouble("stpa.threshold"));

        assertEquals(2, s.adversaries().size());
        AdversaryGroup alie = s.adversaries().get(0);
        assertEquals("alie", alie.behavior().name());
        assertTrue(alie.clients().contains(33) && !alie.clients().contains(34));
        assertTrue(alie.rounds().contains(1) && alie.rounds().contains(100));
        assertEquals("auto", alie.behavior().params().getString("z"), "unset parameters come from behaviors.alie");
        assertEquals("omniscient", alie.behavior().params().getString("knowledge"));
        AdversaryGroup gaussian = s.adversaries().get(1);
        assertEquals(200.0, gaussian.behavior().params().getDouble("sigma"));
        assertFalse(gaussian.behavior().params().hasPath("clients"), "scheduling keys are not parameters");
        assertTrue(gaussian.rounds().contains(50) && gaussian.rounds().contains(70) && !gaussian.rounds().contains(71));

        assertEquals("markov", s.churn().model());
        assertEquals(0.05, s.churn().pLeave());
        assertNull(s.churn().traceFile());

        List<Event> ev = s.events();
        assertEquals(4, ev.size());
        assertEquals(30, ev.get(0).round());
        assertTrue(ev.get(0).goOffline().contains(9));
        assertNull(ev.get(0).turn());
        assertTrue(ev.get(1).goOnline().contains(0));
        assertEquals("ipm", ev.get(2).behavior().name());
        assertEquals(0.1, ev.get(2).behavior().params().getDouble("epsilon"));
        assertTrue(ev.get(3).behavior().isHonest());

        FaultRates none = new FaultRates(0, 0, new Distribution.None(), 0, "nan", 0, 0, 0);
        assertEquals(none, s.faults().global());
        assertEquals(1, s.faults().targeted().size());
        assertEquals(new FaultRates(0.5, 0, new Distribution.None(), 0, "nan", 0, 0, 0),
                s.faults().targeted().get(0).rates());
        assertEquals(0, s.checkpointEvery());
        assertEquals(new Scenario.OutputSpec("runs", true), s.output());
    }

    @Test
    void secondScenarioReadsTraceRelativeToItsFolderAndTargetedFaultsFallBackToGlobalOnes() throws Exception {
        Scenario s = ScenarioLoader.load(resource("cross-silo-trace.conf"), List.of());

        assertEquals(Scenario.ClockMode.WALL, s.clock());
        assertEquals(1.5, s.deadlineSeconds(), 1e-12);
        assertEquals(new Distribution.Constant(0.05), s.clients().networkDelay());
        assertFalse(s.server().temporal(), "temporal = auto is off for krum");
        assertEquals(resource("trace.csv").toString(), s.churn().traceFile());
        assertEquals(2.5, s.adversaries().get(0).behavior().params().getDouble("scale"));
        assertEquals(0, s.adversaries().get(1).behavior().params().getInt("target"));
        FaultRates t = s.faults().targeted().get(0).rates();
        assertEquals(0.5, t.drop());
        assertEquals(new Distribution.Exponential(0.2), t.delay());
        assertEquals("bit-flip", t.corruptKind(), "unset keys of a targeted entry take the global value");
        assertEquals(0.05, t.replay());
        assertEquals(10, s.checkpointEvery());
        assertEquals(new Scenario.OutputSpec("out", false), s.output());
    }

    @Test
    void overridesApplyOverTheScenarioAndLaterOnesWin() throws Exception {
        Scenario s = ScenarioLoader.load(resource("spec-example.conf"), List.of(
                "rounds=5", "server.rule=krum", "clients.compute-time=\"uniform(0,1)\"",
                "clients.network-delay=uniform(0.5, 2)", "name=quick", "name=quicker",
                "adversaries=[{clients=\"0-3\", behavior=sign-flip}]"));

        assertEquals(5, s.rounds());
        assertEquals("krum", s.server().rule());
        assertFalse(s.server().temporal());
        assertEquals(new Distribution.Uniform(0, 1), s.clients().computeTime());
        assertEquals(new Distribution.Uniform(0.5, 2), s.clients().networkDelay(), "unquoted text that is not HOCON is a string");
        assertEquals("quicker", s.name());
        assertEquals(1, s.adversaries().size());
        assertEquals(1.0, s.adversaries().get(0).behavior().params().getDouble("scale"));
        assertEquals(5, s.config().getInt("rounds"), "the resolved config holds the overrides");

        Scenario autoM = ScenarioLoader.load(resource("spec-example.conf"), List.of(
                "server.rule=multi-krum", "server.krum.m=auto", "server.temporal=on"));
        assertEquals("auto", autoM.server().config().getString("krum.m"));
        assertTrue(autoM.server().temporal(), "temporal = on turns the momentum step on for any rule");
    }

    @Test
    void emptyScenarioTakesEveryDefaultAndIsNamedAfterItsOrigin() throws Exception {
        Scenario s = ScenarioLoader.loadString("", "scenarios/my test.conf", List.of());

        assertEquals("my-test", s.name());
        assertEquals("synthetic", s.dataset().name());
        assertEquals("logreg", s.model());
        assertEquals("stpa", s.server().rule());
        assertTrue(s.adversaries().isEmpty());
        assertEquals(new FaultRates(0, 0, new Distribution.None(), 0, "nan", 0, 0, 0), s.faults().global());
    }

    @Test
    void renderedConfigLoadsBackToAnEqualScenario(@TempDir Path dir) throws Exception {
        for (String file : List.of("spec-example.conf", "cross-silo-trace.conf")) {
            Scenario s = ScenarioLoader.load(resource(file), List.of("seed=11"));
            String text = s.config().root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
            // written into a run folder, away from the original's trace file
            Path written = dir.resolve(file.replace(".conf", "")).resolve("scenario.conf");
            Files.createDirectories(written.getParent());
            Files.writeString(written, text);

            Scenario back = ScenarioLoader.load(written, List.of());

            assertEquals(s, back, file);
            assertEquals(11, back.seed());
        }
    }

    @Test
    void problemsInAScenarioFileNameThatFileAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("typo.conf");
        Files.writeString(file, "# a scenario\nrounds = 10\nserver.rule = bulyn\n");

        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file, List.of("rounds=0")));

        assertEquals(List.of(file + ":3: server.rule: unknown rule 'bulyn'; did you mean 'bulyan'?",
                "--set rounds: must be at least 1, got 0"), e.problems());
    }

    @Test
    void toTextIsTheResolvedScenarioWithoutOriginComments() throws Exception {
        Scenario s = ScenarioLoader.load(resource("spec-example.conf"), List.of("rounds=9"));
        String text = ScenarioLoader.toText(s);
        assertTrue(text.contains("rounds=9") || text.contains("rounds = 9"), text);
        assertFalse(text.contains("spec-example.conf:"), "no origin comments");
        assertEquals(s, ScenarioLoader.loadString(text, "scenario.conf", List.of()));
    }

    @Test
    void builtInDefaultsAreTheConfFile() throws Exception {
        Defaults.Loaded file = Defaults.fromFile(Path.of("conf", "defaults.conf"));
        Defaults.Loaded builtIn = Defaults.fromResource();

        assertEquals(file.config().root(), builtIn.config().root());
        assertEquals("classpath:aegis/defaults.conf", builtIn.sourceName());
    }

    @Test
    void confDirPropertyNamingAFolderWithoutDefaultsIsReported(@TempDir Path dir) {
        String old = System.getProperty("aegis.conf.dir");
        System.setProperty("aegis.conf.dir", dir.toString());
        try {
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.loadString("", "x.conf", List.of()));
            assertTrue(e.problems().get(0).contains("no defaults file there"), e.problems().toString());
        } finally {
            if (old == null) {
                System.clearProperty("aegis.conf.dir");
            } else {
                System.setProperty("aegis.conf.dir", old);
            }
        }
    }

    @Test
    void confDirPropertyChoosesThatDefaultsFile(@TempDir Path dir) throws Exception {
        String defaults = Files.readString(Path.of("conf", "defaults.conf")).replace("rounds = 100", "rounds = 12");
        Files.writeString(dir.resolve("defaults.conf"), defaults);
        String old = System.getProperty("aegis.conf.dir");
        System.setProperty("aegis.conf.dir", dir.toString());
        try {
            assertEquals(12, ScenarioLoader.loadString("", "x.conf", List.of()).rounds());

            // a bad default is reported at its own line in that defaults file
            Files.writeString(dir.resolve("defaults.conf"), defaults.replace("rounds = 12", "rounds = 0"));
            int line = List.of(defaults.split("\n", -1)).indexOf("rounds = 12") + 1;
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.loadString("", "x.conf", List.of()));
            assertEquals(List.of(dir.resolve("defaults.conf") + ":" + line + ": rounds: must be at least 1, got 0"), e.problems());
        } finally {
            if (old == null) {
                System.clearProperty("aegis.conf.dir");
            } else {
                System.setProperty("aegis.conf.dir", old);
            }
        }
    }
}
