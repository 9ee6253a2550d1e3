package io.aegis.cli;

import com.typesafe.config.ConfigFactory;
import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import io.aegis.sim.RunTimings;
import io.aegis.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Times whole simulated rounds and splits the wall time into training, evaluation, aggregation and
 * the rest (messaging and bookkeeping). Training and evaluation run on the pool's threads in
 * parallel, so their share of the wall clock is their thread time divided by the pool size.
 */
@Command(name = "round", mixinStandardHelpOptions = true,
        description = "Runs a scenario and prints where a round's wall time goes.")
public final class BenchRoundCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "Default: the quickstart.")
    Path scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--threads", description = "Training pool size (default: one per core).")
    int threads = 0;

    @Override
    public Integer call() throws Exception {
        Path file = scenario != null ? scenario : RunCommand.defaultScenario();
        if (!Files.isRegularFile(file)) {
            System.err.println("aegis: scenario file not found: " + file);
            return 2;
        }
        List<String> all = new ArrayList<>(overrides);
        all.add("output.dir=" + RunCommand.quote(Files.createTempDirectory("aegis-bench").toString()));
        all.add("output.report=false");
        Scenario s;
        try {
            s = ScenarioLoader.load(file, all);
        } catch (ScenarioException e) {
            e.problems().forEach(System.err::println);
            return 2;
        }
        var config = Simulator.actorConfig(ConfigFactory.parseString("aegis.training.pool-size = " + threads));
        int pool = config.getInt("aegis.training-dispatcher.thread-pool-executor.fixed-pool-size");
        RunTimings t = new RunTimings();
        long start = System.nanoTime();
        RunSummary summary = Simulator.run(s, t.instrument(new Simulator.Options(config)));
        long end = System.nanoTime();
        double startup = (Math.min(t.firstTrainStart(), end) - start) / 1e6;
        double wall = (end - Math.min(t.firstTrainStart(), end)) / 1e6;
        double train = t.trainNanos() / 1e6 / pool;
        double eval = t.evalNanos() / 1e6 / pool;
        double agg = t.aggregateNanos() / 1e6;
        double rest = Math.max(0, wall - train - eval - agg);
        int rounds = s.rounds();
        System.out.printf(Locale.ROOT, "scenario %s: %d rounds, %d clients per round, rule %s, model %s, pool %d threads%n",
                s.name(), rounds, s.clients().perRound(), s.server().rule(), s.model(), pool);
        System.out.printf(Locale.ROOT, "start-up (data, model, actors) %.0f ms; then %.0f ms for the rounds, %.1f ms per round"
                + " (final accuracy %s)%n", startup, wall, wall / rounds, summary.finalAccuracy());
        row("training", train, wall, rounds, t.trainCalls());
        row("evaluation", eval, wall, rounds, t.evalCalls());
        row("aggregation", agg, wall, rounds, t.aggregateCalls());
        row("messaging + bookkeeping", rest, wall, rounds, 0);
        System.out.println("(training and evaluation: thread time / pool size; they overlap other work, so the"
                + " rest is a lower bound of the actors' own time)");
        return 0;
    }

    private static void row(String what, double ms, double wall, int rounds, long calls) {
        System.out.printf(Locale.ROOT, "  %-24s %9.1f ms  %5.1f%%  %8.2f ms/round%s%n", what, ms, 100 * ms / wall,
                ms / rounds, calls > 0 ? "  (" + calls + " calls)" : "");
    }
}
