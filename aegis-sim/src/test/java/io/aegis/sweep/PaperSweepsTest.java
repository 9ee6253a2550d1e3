package io.aegis.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paper's sweep files expand to the grid they promise, each cell the same scenario as the per-cell file. */
class PaperSweepsTest {

    static Path paper() {
        return Path.of(System.getProperty("aegis.project.dir", ".")).resolve("scenarios/paper");
    }

    @ParameterizedTest
    @CsvSource({"spambase,cross-silo,3,100", "spambase,cross-device,3,100", "mnist,cross-silo,1,50",
            "mnist,cross-device,1,50", "fashion-mnist,cross-silo,1,50", "fashion-mnist,cross-device,1,50"})
    void eachSweepIsFiveRulesTimesSixAttacksAndItsCellsAreThePerCellScenarios(String dataset, String setting, int seeds,
                                                                              int rounds) throws Exception {
        String name = dataset + "-" + setting;
        SweepFile sweep = SweepFile.parse(paper().resolve(name + ".sweep.conf"));
        assertEquals(List.of("server.rule", "seed"), sweep.grid().stream().map(SweepFile.Axis::key).toList());
        List<RunSpec> runs = SweepPlan.expand(sweep, List.of());
        assertEquals(5 * 6 * seeds, runs.size());
        for (String attack : List.of("normal", "noisy", "gaussian", "label-flip", "alie", "ipm")) {
            RunSpec cell = runs.stream().filter(r -> r.id().equals(attack + "_server.rule=stpa_seed=1")).findFirst()
                    .orElseThrow();
            assertEquals(rounds, cell.scenario().rounds());
            Scenario perCell = ScenarioLoader.load(paper().resolve(name + "-" + attack + ".conf"),
                    List.of("name=\"" + name + "-normal\"", "rounds=" + rounds));
            assertEquals(ScenarioLoader.toText(perCell), ScenarioLoader.toText(cell.scenario()), attack);
        }
    }
}
