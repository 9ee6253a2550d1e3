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
 *
 * <p>Unless {@code --no-scaling}, the same scenario runs first on one pool thread and then on
 * {@code --threads} (default: one per core), back to back in this invocation, and the ratio of the
 * two round times is the pool's scaling: on a machine busy with other jobs only such same-run ratios
 * mean something, so every block prints the load average next to its figures (docs/benchmarks.md).
 */
@Command(name = "round", mixinStandardHelpOptions = true,
        description = {"Runs a scenario and prints where a round's wall time goes, and how the training pool scales.",
                "Example: aegis bench round scenarios/quickstart.conf --set rounds=5 --threads 2"})
public final class BenchRoundCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "Default: the quickstart.")
    Path scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--threads", description = "Training pool size (default: one per core).")
    int threads = 0;

    @Option(names = "--no-scaling", description = "Skip the one-thread run that the scaling figure compares with.")
    boolean noScaling;

    /** One run's figures, in milliseconds of wall time spent in the rounds. */
    record Breakdown(int pool, int rounds, double wall, double startup, double train, double eval, double agg,
                     double rest, Double finalAccuracy) {
        double perRound() {
            return wall / rounds;
        }
    }

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
        int pool = Simulator.actorConfig(ConfigFactory.parseString("aegis.training.pool-size = " + threads))
                .getInt("aegis.training-dispatcher.thread-pool-executor.fixed-pool-size");
        System.out.printf(Locale.ROOT, "bench round: scenario %s: %d rounds, %d clients per round, rule %s, model %s%n",
                s.name(), s.rounds(), s.clients().perRound(), s.server().rule(), s.model());
        Breakdown one = null;
        if (!noScaling && pool > 1) {
            System.out.println(LoadAverage.line());
            one = measure(s, 1);
            print(one);
        }
        System.out.println(LoadAverage.line());
        Breakdown many = measure(s, pool);
        print(many);
        System.out.println(LoadAverage.line());
        System.out.println("summary (figures of the issue's \"done means\"; see docs/benchmarks.md):");
        if (one != null) {
            System.out.printf(Locale.ROOT, "  scaling: %d workers %.1f ms per round vs 1 worker %.1f ms = %.2fx (target >= 1.8x on 2 cores)%n",
                    pool, many.perRound(), one.perRound(), one.perRound() / many.perRound());
        }
        System.out.printf(Locale.ROOT, "  evaluation share of a round (%d workers): %.1f%% (target <= 10%%)%n", pool,
                100 * many.eval() / many.wall());
        System.out.printf(Locale.ROOT, "  messaging + bookkeeping share of a round (%d workers): %.1f%% (target < 5%%)%n", pool,
                100 * many.rest() / many.wall());
        return 0;
    }

    private static Breakdown measure(Scenario s, int threads) {
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
        System.out.printf(Locale.ROOT, "pool %d thread(s): %d training calls, %d evaluation calls, %d aggregations%n", pool,
                t.trainCalls(), t.evalCalls(), t.aggregateCalls());
        return new Breakdown(pool, s.rounds(), wall, startup, train, eval, agg, rest, summary.finalAccuracy());
    }

    private static void print(Breakdown b) {
        System.out.printf(Locale.ROOT, "start-up (data, model, actors) %.0f ms; then %.0f ms for the rounds, %.1f ms per round"
                + " (final accuracy %s)%n", b.startup(), b.wall(), b.perRound(), b.finalAccuracy());
        row("training", b.train(), b.wall(), b.rounds());
        row("evaluation", b.eval(), b.wall(), b.rounds());
        row("aggregation", b.agg(), b.wall(), b.rounds());
        row("messaging + bookkeeping", b.rest(), b.wall(), b.rounds());
        System.out.println("(training and evaluation: thread time / pool size; they overlap other work, so the"
                + " rest is a lower bound of the actors' own time)");
    }

    private static void row(String what, double ms, double wall, int rounds) {
        System.out.printf(Locale.ROOT, "  %-24s %9.1f ms  %5.1f%%  %8.2f ms/round%n", what, ms, 100 * ms / wall, ms / rounds);
    }
}
