package io.aegis.sweep;

import static io.aegis.sweep.SweepFileTest.BASE;
import static io.aegis.sweep.SweepFileTest.EXAMPLE;
import static io.aegis.sweep.SweepFileTest.sweepWithBase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlanTest {

    @Test
    void variantsAreCrossedWithTheGridAndRunIdsNameTheirValues(@TempDir Path dir) throws Exception {
        List<RunSpec> runs = SweepPlan.expand(SweepFile.parse(sweepWithBase(dir, EXAMPLE, BASE)), List.of());
        assertEquals(2 * 5 * 3, runs.size());
        assertEquals("normal_server.rule=fedavg_seed=1", runs.get(0).id());
        assertEquals("normal_server.rule=fedavg_seed=2", runs.get(1).id(), "the last axis varies fastest");
        assertTrue(runs.stream().anyMatch(r -> r.id().equals("gaussian_server.rule=stpa_seed=2")));
        RunSpec r = runs.stream().filter(x -> x.id().equals("gaussian_server.rule=stpa_seed=2")).findFirst().orElseThrow();
        assertEquals("gaussian", r.variant());
        assertEquals(Map.of("server.rule", "stpa", "seed", "2"), r.axes());
        assertEquals(List.of("server.rule", "seed"), List.copyOf(r.axes().keySet()));
        assertEquals("stpa", r.scenario().server().rule());
        assertEquals(2, r.scenario().seed());
        assertEquals(1, r.scenario().adversaries().size(), "the variant's set reached the scenario");
        assertEquals(0, runs.get(0).scenario().adversaries().size());
    }

    @Test
    void commandLineSetsApplyToEveryRunAfterTheSweepsOwnValues(@TempDir Path dir) throws Exception {
        List<RunSpec> runs = SweepPlan.expand(SweepFile.parse(sweepWithBase(dir, """
                base = "../scenarios/base.conf"
                grid { seed = [1, 2] }
                variants = [ { name = long, set { rounds = 50 } } ]
                """, BASE)), List.of("rounds=3"));
        assertTrue(runs.stream().allMatch(r -> r.scenario().rounds() == 3));
        assertEquals(List.of("long_seed=1", "long_seed=2"), runs.stream().map(RunSpec::id).toList());
    }

    @Test
    void aBadGridValueIsReportedAtItsLineInTheSweepFileBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path f = sweepWithBase(dir, """
                base = "../scenarios/base.conf"
                grid {
                  seed = [1, 2]
                  "server.rule" = [median, medain]
                }
                """, BASE);
        SweepException e = assertThrows(SweepException.class, () -> SweepPlan.expand(SweepFile.parse(f), List.of()));
        assertEquals(1, e.problems().size(), e.problems().toString());
        String p = e.problems().get(0);
        assertTrue(p.startsWith(f + ":4: server.rule: "), p);
        assertTrue(p.contains("medain"), p);
        assertTrue(p.endsWith("(run seed=1_server.rule=medain and 1 more)"), p);
    }

    @Test
    void setOfAGridAxisIsRefused(@TempDir Path dir) throws Exception {
        SweepFile s = SweepFile.parse(sweepWithBase(dir, EXAMPLE, BASE));
        SweepException e = assertThrows(SweepException.class, () -> SweepPlan.expand(s, List.of("seed=4")));
        assertTrue(e.problems().get(0).startsWith("--set seed: is a grid axis"), e.problems().toString());
    }

    @Test
    void aProblemOfTheBaseScenarioIsReportedOnceNotPerRun(@TempDir Path dir) throws Exception {
        SweepFile s = SweepFile.parse(sweepWithBase(dir, EXAMPLE, BASE + "rounds = -1\n"));
        SweepException e = assertThrows(SweepException.class, () -> SweepPlan.expand(s, List.of()));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("base.conf:6: rounds"), e.problems().get(0));
    }
}
