package io.aegis.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 4: every numeric key set to the edges of what validation accepts (and beyond), on a
 * small scenario; each accepted case then RUNS two rounds with that key left unbounded. A case
 * either is refused by validation, or runs to its end, or fails with a clean user error; never
 * another exception and never a hang.
 */
class ScenarioExtremesRunTest {
    static final String BASE = "rounds = 2\nclients { total = 6, per-round = 6 }\nserver.rule = median\n"
            + "dataset.synthetic.dimension = 8\ntraining { local-steps = 1, batch-size = 8 }\n"
            + "adversaries = [ { clients = \"0\", behavior = gaussian, sigma = 10 } ]\n";

    /**
     * key, values: at and past the edges of each key. Sizes (population, dimension, classes, steps,
     * rounds) are checked by validation and then run bounded, as a run of that size is work, not a
     * hang; every other key is run with its value as given. Durations also run on the wall clock.
     */
    static final String[][] SIZES = {
            {"rounds", "1", "0", "2147483647", "2147483648"},
            {"clients.total", "1", "10000000", "10000001"},
            {"clients.per-round", "1", "6", "7"},
            {"dataset.synthetic.dimension", "1", "1000000", "1000001"},
            {"dataset.synthetic.classes", "2", "100000", "100001", "65536"},
            {"training.local-steps", "1", "1000000", "1000001"},
            {"training.batch-size", "1", "1000000", "1000001"},
            {"checkpoint.every", "1", "2147483647"},
    };
    /**
     * Durations past the actor scheduler's limit: refused. If validation let one through, its
     * wall-clock run would ask the scheduler for the delay, which throws in an actor and (before
     * issue 9's runtime fix) hung the run; so these also run on the wall clock.
     */
    static final String[][] BEYOND_SCHEDULER = {
            {"round.deadline", "249d", "100000000d", "9223372036854775807d", "1e308"},
            {"clients.compute-time", "\"lognormal(800, 0)\"", "\"normal(1e308, 1e308)\"", "\"uniform(0, 1.7e308)\"", "\"exponential(1e300)\"", "1e308"},
            {"clients.network-delay", "\"lognormal(15, 1)\"", "\"exponential(1e7)\""},
            {"faults.delay", "\"lognormal(20, 1)\"", "\"uniform(1e300, 1e301)\""},
    };
    static final String[][] DURATIONS = {
            {"round.deadline", "1ms", "1ns", "248d"},
            {"clients.compute-time", "\"none\"", "\"exponential(0)\"", "\"lognormal(-1e308, 1)\"", "\"normal(-1e308, 1e308)\""},
            {"clients.network-delay", "\"lognormal(14.5, 0.01)\"", "\"exponential(1e5)\""},
            {"faults.delay", "\"exponential(1e5)\""},
    };
    static final String[][] VALUES = {
            {"seed", "-9223372036854775808", "9223372036854775807", "9223372036854775808"},
            {"clients.dropout", "1", "1.0000001"},
            {"dataset.synthetic.alpha", "1e308", "1e-308"},
            {"dataset.synthetic.beta", "1e308"},
            {"training.learning-rate", "1e-300", "1e308"},
            {"server.geomed.nu", "1e308"},
            {"server.geomed.tolerance", "1e308"},
            {"server.centered-clipping.tau", "1e-300", "1e308"},
            {"server.stpa.threshold", "-1", "1"},
            {"server.stpa.momentum", "0.999999"},
            {"server.stpa.learning-rate", "1e308"},
            {"behaviors.gaussian.sigma", "0", "1e308"},
            {"faults.drop", "1"}, {"faults.corrupt", "1"}, {"faults.crash", "1"}, {"faults.replay", "1"},
    };

    @TempDir
    Path out;

    /** Wall-clock rounds whose deadline passes before any update can arrive: must end, not wait forever. */
    @Test
    void tightWallClockDeadlinesEndTheRun() {
        for (String d : new String[] {"1ms", "1ns", "20ms", "100ms"}) {
            BoundedRuns.Outcome o = BoundedRuns.run(BASE, List.of("round.deadline=" + d, "clock=wall"), out, "round.deadline", 60);
            assertTrue(o.result() == BoundedRuns.Result.RAN || o.result() == BoundedRuns.Result.CLEAN_ERROR, d + ": " + o);
        }
    }

    @Test
    void extremeValuesAreRefusedOrRunCleanlyNeverCrashOrHang() {
        int cases = 0;
        int refused = 0;
        int ran = 0;
        int clean = 0;
        int notRun = 0;
        List<String> failures = new ArrayList<>();
        List<String[]> probes = new ArrayList<>();
        for (String[][] group : new String[][][] {SIZES, DURATIONS, VALUES, BEYOND_SCHEDULER}) {
            for (String[] p : group) {
                for (int i = 1; i < p.length; i++) {
                    String keep = group == SIZES ? "" : p[0];
                    probes.add(new String[] {p[0], p[i], keep, "virtual"});
                    if (group == BEYOND_SCHEDULER) {
                        probes.add(new String[] {p[0], p[i], keep, "wall"});
                    }
                }
            }
        }
        for (String[] probe : probes) {
            String key = probe[0];
            String keep = probe[2];
            {
                String clock = probe[3];
                {
                    cases++;
                    List<String> sets = List.of(key + "=" + probe[1], "clock=" + clock);
                    try {
                        ScenarioLoader.loadString(BASE, "fuzz.conf", sets);
                    } catch (ScenarioException e) {
                        refused++;
                        continue;
                    } catch (RuntimeException | Error e) {
                        failures.add(sets + ": validation threw " + e);
                        continue;
                    }
                    long t0 = System.nanoTime();
                    BoundedRuns.Outcome o = BoundedRuns.run(BASE, sets, out, keep, 60);
                    if (Boolean.getBoolean("aegis.fuzz.verbose")) {
                        System.out.printf("%s -> %s in %.1f s %s%n", sets, o.result(), (System.nanoTime() - t0) / 1e9, o.detail());
                    }
                    switch (o.result()) {
                        case RAN -> ran++;
                        case CLEAN_ERROR -> clean++;
                        case NOT_RUN -> notRun++;
                        default -> failures.add(sets + ": " + o.result() + " " + o.detail());
                    }
                }
            }
        }
        System.out.printf("scenario extremes: cases=%d refused=%d ran=%d clean-errors=%d not-run=%d crashes+hangs=%d%n",
                cases, refused, ran, clean, notRun, failures.size());
        assertEquals(List.of(), failures);
        assertTrue(refused > 0 && ran > 0, "both outcomes are exercised");
    }
}
