package io.aegis.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.aegis.actors.ClientContext;
import io.aegis.cluster.ClusterNode;
import io.aegis.cluster.Coordinator;
import io.aegis.actors.FaultPlan;
import io.aegis.actors.Observer;
import io.aegis.actors.Server;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.Rules;
import io.aegis.data.DataSets;
import io.aegis.data.FederatedData;
import io.aegis.data.Samples;
import io.aegis.attack.TargetedAttack;
import io.aegis.model.Evaluation;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import io.aegis.metrics.RunOutput;
import io.aegis.metrics.RunSummary;
import io.aegis.model.Model;
import io.aegis.model.Models;
import io.aegis.model.TrainingPool;
import io.aegis.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import io.aegis.actors.Checkpoint;
import io.aegis.metrics.RoundRow;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario end to end: builds the data, model and actors, starts the server, and waits
 * until the observer has written the run's outputs.
 */
public final class Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private Simulator() {}

    /** Options that are not part of the scenario (they do not change results). */
    public record Options(Config actorConfig, UnaryOperator<Model> modelDecorator,
                          UnaryOperator<AggregationRule> ruleDecorator) {
        public Options(Config actorConfig) {
            this(actorConfig, UnaryOperator.identity(), UnaryOperator.identity());
        }

        public static Options defaults() {
            return new Options(Simulator.actorConfig(ConfigFactory.empty()));
        }

        /** The same options with the model and rule wrapped (benchmarks time them this way). */
        public Options decorated(UnaryOperator<Model> model, UnaryOperator<AggregationRule> rule) {
            return new Options(actorConfig, model, rule);
        }
    }

    /** The actor-system configuration: overrides, then conf/application.conf if present, then reference.conf. */
    public static Config actorConfig(Config overrides) {
        Config base = ConfigFactory.load();
        Path app = Path.of(System.getProperty("aegis.conf.dir", "conf"), "application.conf");
        if (Files.isRegularFile(app)) {
            base = ConfigFactory.parseFile(app.toFile()).withFallback(base).resolve();
        }
        Config merged = overrides.withFallback(base);
        int poolSize = merged.getInt("aegis.training.pool-size");
        if (poolSize <= 0) {
            poolSize = Runtime.getRuntime().availableProcessors();
        }
        return ConfigFactory.parseString("aegis.training-dispatcher.thread-pool-executor.fixed-pool-size = " + poolSize)
                .withFallback(merged);
    }

    public static RunSummary run(Scenario scenario) {
        return run(scenario, Options.defaults());
    }

    public static RunSummary run(Scenario scenario, Options options) {
        Prepared p = prepare(scenario, options);
        RunOutput output = RunOutput.create(Path.of(scenario.output().dir()), scenario.name(),
                ScenarioLoader.toText(scenario));
        World.Start fresh = World.Start.fresh(p.model.initialParameters(scenario.seed()));
        return execute(scenario, options, p, output, fresh);
    }

    /**
     * Continues an interrupted run from the newest valid checkpoint in its folder. Rows written after
     * that checkpoint are dropped and computed again, so the finished rounds.csv is the one an
     * uninterrupted run writes (in virtual-clock mode).
     */
    public static RunSummary resume(Path runDir, Options options) throws IOException, ScenarioException {
        Scenario scenario = ScenarioLoader.load(runDir.resolve("scenario.conf"), List.of());
        Checkpoint cp = Checkpoint.latest(runDir, LOG::warn).orElseThrow(() -> new IOException(
                "no valid checkpoint in " + runDir + " (checkpoint.every was 0, or every checkpoint is damaged)"));
        List<RoundRow> earlier = truncateRounds(runDir.resolve("rounds.csv"), cp.round());
        Prepared p = prepare(scenario, options);
        RunOutput output = RunOutput.openIn(runDir, true);
        output.preload(earlier);
        if (cp.round() >= scenario.rounds()) {
            // interrupted after the last round's checkpoint: no round is left to produce the final model
            output.writeFinalModel(cp.model());
        }
        List<Observer.StaleUpdate> history = new ArrayList<>();
        cp.history().forEach((r, byClient) -> byClient.forEach((c, u) -> history.add(new Observer.StaleUpdate(r, c, u))));
        LOG.info("resuming {} after round {}", runDir, cp.round());
        return execute(scenario, options, p, output,
                new World.Start(cp.round() + 1, cp.model(), cp.previousAggregate(), cp.momentum(), cp.onlineWords(), history));
    }

    /** Keeps the header and the rows up to {@code round}; returns those rows. */
    private static List<RoundRow> truncateRounds(Path csv, int round) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> kept = new ArrayList<>();
        List<RoundRow> rows = new ArrayList<>();
        kept.add(lines.isEmpty() ? RoundRow.HEADER : lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            RoundRow row;
            try {
                row = RoundRow.parse(line);
            } catch (RuntimeException damaged) {
                break; // a row cut short by the interruption
            }
            if (row.round() > round) {
                break;
            }
            kept.add(line);
            rows.add(row);
        }
        Path tmp = csv.resolveSibling("rounds.csv.tmp");
        Files.write(tmp, kept);
        Files.move(tmp, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return rows;
    }


    private record Prepared(FederatedData data, Model model, String modelName, AggregationRule rule) {}

    private static Prepared prepare(Scenario scenario, Options options) {
        FederatedData data = DataSets.load(scenario.dataset(), scenario.clients().total(), scenario.seed());
        String modelName = scenario.model().equals("auto") ? Models.autoFor(scenario.dataset().name()) : scenario.model();
        Model model = options.modelDecorator().apply(Models.create(modelName, data.inputShape(), data.numClasses()));
        AggregationRule rule = options.ruleDecorator().apply(Rules.create(scenario.server().rule(), scenario.server().config()));
        return new Prepared(data, model, modelName, rule);
    }

    private static RunSummary execute(Scenario scenario, Options options, Prepared p, RunOutput output,
                                      World.Start start) {
        LOG.info("run {}: {} clients, {} per round, {} rounds, rule {}, model {} ({} parameters) -> {}",
                scenario.name(), scenario.clients().total(), scenario.clients().perRound(), scenario.rounds(),
                p.rule.name(), p.modelName, p.model.numParams(), output.dir());
        CompletableFuture<RunSummary> done = new CompletableFuture<>();
        ActorSystem<Void> system = ActorSystem.create(
                guardian(scenario, p.data, p.model, p.rule, output, start, done), ClusterNode.SYSTEM,
                ClusterNode.config(options.actorConfig()));
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("run failed: " + e.getCause(), e.getCause());
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ignored) {
                // already terminating
            }
        }
    }

    private static Behavior<Void> guardian(Scenario scenario, FederatedData data, Model model, AggregationRule rule,
                                           RunOutput output, World.Start start, CompletableFuture<RunSummary> done) {
        return Behaviors.setup(ctx -> {
            try {
                start(ctx, scenario, data, model, rule, output, start, done);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return Behaviors.stopped();
            }
            return Behaviors.receive(Void.class)
                    .onSignal(org.apache.pekko.actor.typed.Terminated.class, t -> {
                        if (!done.isDone()) {
                            done.completeExceptionally(new IllegalStateException(
                                    t.getRef().path().name() + " stopped before the run finished; see the log"));
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static void start(org.apache.pekko.actor.typed.javadsl.ActorContext<Void> ctx, Scenario scenario,
                              FederatedData data, Model model, AggregationRule rule, RunOutput output,
                              World.Start start, CompletableFuture<RunSummary> done) {
        Executor trainingExecutor = ctx.getSystem().dispatchers()
                .lookup(DispatcherSelector.fromConfig("aegis.training-dispatcher"));
        int poolSize = ctx.getSystem().settings().config()
                .getInt("aegis.training-dispatcher.thread-pool-executor.fixed-pool-size");
        long seed = scenario.seed();
        World.Parts parts = World.parts(scenario, data, model, trainingExecutor, poolSize,
                new FaultPlan(scenario.faults(), seed));
        TrainingPool pool = parts.pool();
        ActorRef<Observer.Command> observer = ctx.spawn(Observer.create(new Observer.Setup(
                scenario.name(), seed, rule.name(), scenario.rounds(), scenario.output().report(), output,
                params -> pool.evaluate(params, data.test()), attackSuccess(scenario, parts.shared(), pool, data), done,
                scenario.checkpointEvery(), parts.faults().mayReplay())), "observer");
        long spawnStart = System.nanoTime();
        ActorRef<Server.Command> server = World.spawn(ctx::spawn, scenario, parts, rule, observer, start, false,
                Coordinator.clients(ctx, parts.shared()), Coordinator.replyTimeout(ctx));
        long spawnMs = (System.nanoTime() - spawnStart) / 1_000_000;
        ctx.watch(observer);
        Runtime rt = Runtime.getRuntime();
        LOG.info("{} clients registered in {} ms; round {} starts {} s after the JVM started, heap in use {} MB",
                scenario.clients().total(), spawnMs, start.firstRound(),
                String.format(java.util.Locale.ROOT, "%.1f",
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0),
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        Coordinator.whenReady(ctx, scenario, () -> server.tell(new Server.Start()));
    }

    /**
     * The attack success rate of a model on the triggered test set of the first backdoor or targeted
     * label flip the scenario schedules (every example there carries the attacker's target label, so
     * accuracy on it is the success rate), or null when none is scheduled.
     */
    private static Function<float[], CompletableFuture<Double>> attackSuccess(Scenario scenario, ClientContext shared,
                                                                              TrainingPool pool, FederatedData data) {
        List<Scenario.Behavior> behaviors = new ArrayList<>();
        scenario.adversaries().forEach(g -> behaviors.add(g.behavior()));
        scenario.events().stream().filter(e -> e.behavior() != null).forEach(e -> behaviors.add(e.behavior()));
        for (Scenario.Behavior b : behaviors) {
            if (!b.isHonest() && shared.attack(b) instanceof TargetedAttack targeted) {
                Samples triggered = targeted.triggeredTestSet(data.test());
                return params -> pool.evaluate(params, triggered).thenApply(Evaluation::accuracy);
            }
        }
        return null;
    }


}
