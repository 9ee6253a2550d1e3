package io.aegis.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepFileTest {

    /** The example of docs/sweeps.md, with the base beside it in a sibling folder. */
    static final String EXAMPLE = """
            name = "spambase-rules"
            base = "../scenarios/base.conf"   # relative to the sweep file
            grid {
              "server.rule" = [fedavg, median, trimmed-mean, krum, stpa]
              seed = [1, 2, 3]
            }
            variants = [
              { name = normal }
              { name = gaussian, set { adversaries = [ { clients = "0-6", behavior = gaussian, sigma = 200 } ] } }
            ]
            parallel = auto
            output.dir = "runs"
            """;

    static Path sweepWithBase(Path dir, String sweepText, String baseText) throws Exception {
        Files.createDirectories(dir.resolve("scenarios"));
        Files.createDirectories(dir.resolve("sweeps"));
        Files.writeString(dir.resolve("scenarios/base.conf"), baseText);
        Path f = dir.resolve("sweeps/x.sweep.conf");
        Files.writeString(f, sweepText);
        return f;
    }

    static final String BASE = """
            name = "base"
            rounds = 2
            dataset { name = synthetic }
            clients { total = 20, per-round = 20 }
            server.rule = stpa
            """;

    @Test
    void theSpecExampleGivesItsAxesInFileOrderVariantsAndABaseRelativeToTheSweepFile(@TempDir Path dir) throws Exception {
        SweepFile s = SweepFile.parse(sweepWithBase(dir, EXAMPLE, BASE));
        assertEquals("spambase-rules", s.name());
        assertEquals(dir.resolve("scenarios/base.conf").toAbsolutePath().normalize(), s.base());
        assertEquals(List.of("server.rule", "seed"), s.grid().stream().map(SweepFile.Axis::key).toList());
        assertEquals(List.of("fedavg", "median", "trimmed-mean", "krum", "stpa"),
                s.grid().get(0).values().stream().map(SweepFile::display).toList());
        assertEquals(List.of("normal", "gaussian"), s.variants().stream().map(SweepFile.Variant::name).toList());
        assertTrue(s.variants().get(0).set().isEmpty());
        assertTrue(s.variants().get(1).set().containsKey("adversaries"));
        assertEquals(0, s.parallel(), "auto");
        assertEquals("runs", s.outputDir());
    }

    @Test
    void axesOnOneLineKeepTheirOrderAndNestedBlocksNameTheirPath(@TempDir Path dir) throws Exception {
        SweepFile s = SweepFile.parse(sweepWithBase(dir, """
                base = "../scenarios/base.conf"
                grid { seed = [1, 2], server { rule = [median, krum] }, rounds = [2] }
                parallel = 3
                """, BASE));
        assertEquals(List.of("seed", "server.rule", "rounds"), s.grid().stream().map(SweepFile.Axis::key).toList());
        assertEquals("x", s.name(), "the file name without .sweep.conf when name is not given");
        assertEquals(3, s.parallel());
        assertTrue(s.variants().isEmpty());
    }

    @Test
    void everyMistakeIsReportedWithFileLineAndKey(@TempDir Path dir) throws Exception {
        Path f = sweepWithBase(dir, """
                base = "../scenarios/missing.conf"
                grid {
                  seed = []
                  rounds = 5
                }
                variants = [ { name = a }, { name = a }, { set { rounds = 2 } } ]
                parallel = many
                colour = blue
                """, BASE);
        SweepException e = assertThrows(SweepException.class, () -> SweepFile.parse(f));
        String all = String.join("\n", e.problems());
        String shown = f.toString();
        assertTrue(all.contains(shown + ":1: base: no such scenario file"), all);
        assertTrue(all.contains(shown + ":3: grid.seed: needs at least one value"), all);
        assertTrue(all.contains(shown + ":4: grid.rounds: expected a list of values"), all);
        assertTrue(all.contains(shown + ":6: variants[1].name: variant 'a' appears twice"), all);
        assertTrue(all.contains(shown + ":6: variants[2].name: every variant needs a name"), all);
        assertTrue(all.contains(shown + ":7: parallel: expected auto or a whole number >= 1"), all);
        assertTrue(all.contains(shown + ":8: colour: unknown key"), all);
        assertEquals(7, e.problems().size(), all);
    }

    @Test
    void aSyntaxErrorNamesItsLine(@TempDir Path dir) throws Exception {
        Path f = sweepWithBase(dir, "base = \"../scenarios/base.conf\"\ngrid {\n  seed = [1, 2\n", BASE);
        SweepException e = assertThrows(SweepException.class, () -> SweepFile.parse(f));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).matches("\\Q" + f + "\\E:\\d+: syntax error: .*"), e.problems().get(0));
    }

    @Test
    void aMissingSweepFileIsOneSentence(@TempDir Path dir) {
        SweepException e = assertThrows(SweepException.class, () -> SweepFile.parse(dir.resolve("nope.conf")));
        assertEquals(List.of(dir.resolve("nope.conf") + ": no such sweep file"), e.problems());
    }

    @Test
    void withoutAGridOrVariantsTheSweepIsOneRun(@TempDir Path dir) throws Exception {
        SweepFile s = SweepFile.parse(sweepWithBase(dir, "base = \"../scenarios/base.conf\"\n", BASE));
        assertTrue(s.grid().isEmpty());
        assertNull(SweepPlan.expand(s, List.of()).get(0).variant());
        assertEquals("run", SweepPlan.expand(s, List.of()).get(0).id());
    }
}
