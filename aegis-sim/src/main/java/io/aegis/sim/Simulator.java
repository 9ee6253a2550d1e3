package io.aegis.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.aegis.actors.Checkpoint;
import io.aegis.actors.ClientContext;
import io.aegis.cluster.ClusterNode;
import io.aegis.cluster.Coordinator;
import io.aegis.actors.FaultPlan;
import io.aegis.actors.Observer;
import io.aegis.actors.Server;
import io.aegis.aggregation.AggregationRule;
import io.aegis.attack.TargetedAttack;
import io.aegis.data.DataSets;
import io.aegis.data.FederatedData;
import io.aegis.data.Samples;
import io.aegis.metrics.RoundRow;
import io.aegis.metrics.RunIdentity;
import io.aegis.model.EvaluationSchedule;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import io.aegis.metrics.RunOutput;
import io.aegis.metrics.RunSummary;
import io.aegis.model.Evaluation;
import io.aegis.model.Model;
import io.aegis.model.Models;
import io.aegis.model.TrainingPool;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import io.aegis.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario end to end: builds the data, model and actors, starts the server, and waits
 * (never without a bound, see {@link RunSupervisor}) until the observer has written the run's
 * outputs, a stop request has ended it at a round boundary, or it failed.
 */
public final class Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private Simulator() {}

    /**
     * Options that are not part of the scenario (they do not change results).
     *
     * @param control where a stop can be requested from outside the run (signals, tests), or null
     */
    public record Options(Config actorConfig, UnaryOperator<Model> modelDecorator,
                          UnaryOperator<AggregationRule> ruleDecorator, RunControl control,
                          io.aegis.progress.RoundListener progress) {
        public Options(Config actorConfig) {
            this(actorConfig, UnaryOperator.identity(), UnaryOperator.identity(), null,
                    io.aegis.progress.RoundListener.NONE);
        }

        public Options(Config actorConfig, UnaryOperator<Model> modelDecorator,
                       UnaryOperator<AggregationRule> ruleDecorator) {
            this(actorConfig, modelDecorator, ruleDecorator, null, io.aegis.progress.RoundListener.NONE);
        }

        /** The same options, telling {@code listener} about each round as rounds.csv gets it (progress lines). */
        public Options withProgress(io.aegis.progress.RoundListener listener) {
            return new Options(actorConfig, modelDecorator, ruleDecorator, control, listener);
        }

        public static Options defaults() {
            return new Options(Simulator.actorConfig(ConfigFactory.empty()));
        }

        /** The same options with the model and rule wrapped (benchmarks time them this way). */
        public Options decorated(UnaryOperator<Model> model, UnaryOperator<AggregationRule> rule) {
            return new Options(actorConfig, model, rule, control, progress);
        }

        /** The same options, stoppable through {@code control}. */
        public Options controlledBy(RunControl control) {
            return new Options(actorConfig, modelDecorator, ruleDecorator, control, progress);
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

    /**
     * Runs the scenario to its end and returns its summary, whose status says how it ended: completed,
     * interrupted (a stop request through {@link Options#control()}) or failed (an actor failed or the
     * run could make no progress; {@link RunSummary#error()} says why). Either way summary.json is written.
     *
     * @throws UserError when the scenario cannot run at all (say, a wall-clock deadline beyond the scheduler's reach)
     */
    public static RunSummary run(Scenario scenario, Options options) {
        return run(scenario, options, null);
    }

    /**
     * Runs into exactly {@code runDir} (created if needed) instead of a new stamped folder under
     * output.dir; a sweep names its run folders this way. Null means the usual stamped folder.
     */
    public static RunSummary run(Scenario scenario, Options options, Path runDir) {
        refuseUnschedulable(scenario);
        Prepared p = prepare(scenario, options);
        RunOutput output = runDir != null
                ? RunOutput.createAt(runDir, ScenarioLoader.toText(scenario), RunIdentities.json(scenario))
                : RunOutput.create(Path.of(scenario.output().dir()), scenario.name(),
                        ScenarioLoader.toText(scenario), RunIdentities.json(scenario));
        World.Start fresh = World.Start.fresh(p.model.initialParameters(scenario.seed()));
        return execute(scenario, options, p, output, fresh);
    }

    /** Wall clock: the server's deadline timer cannot be set further ahead than Pekko's scheduler reaches. */
    private static void refuseUnschedulable(Scenario scenario) {
        if (scenario.clock() == Scenario.ClockMode.WALL && scenario.deadlineSeconds() > Server.MAX_TIMER_SECONDS) {
            throw new UserError(UserError.BAD_INPUT, String.format(Locale.ROOT,
                    "round.deadline = %.0f s is longer than the %.0f days a wall-clock timer can wait",
                    scenario.deadlineSeconds(), Server.MAX_TIMER_SECONDS / 86_400));
        }
    }

    /**
     * Continues an interrupted run from the newest valid checkpoint in its folder. Rows written after
     * that checkpoint are dropped and computed again, so the finished rounds.csv is the one an
     * uninterrupted run writes (in virtual-clock mode).
     *
     * @throws UserError (status 2) when the folder is not a run folder, its rounds.csv is missing or
     *                   shorter than its checkpoint, it has no valid checkpoint, or its scenario, model or
     *                   data no longer match the checkpoint
     */
    public static RunSummary resume(Path runDir, Options options) throws IOException, ScenarioException {
        ResumePoint point = ResumePoint.of(runDir);
        Scenario scenario = ScenarioLoader.load(runDir.resolve("scenario.conf"), List.of());
        refuseUnschedulable(scenario);
        if (!Files.exists(runDir.resolve("config.json"))) { // a folder from before config.json existed
            Files.writeString(runDir.resolve("config.json"), RunIdentities.json(scenario));
        }
        Prepared p = prepare(scenario, options);
        RunIdentity now = RunIdentities.identity(scenario, p.data, p.model, p.modelName);
        Checkpoint cp = point.checkpoint();
        if (cp == null) {
            // stopped before its first round ended: nothing to keep, start again in the same folder
            LOG.info("resuming {} from the start (it stopped before its first round ended)", runDir);
            RunOutput output = RunOutput.openIn(runDir, false);
            return execute(scenario, options, p, output, World.Start.fresh(p.model.initialParameters(scenario.seed())));
        }
        if (cp.identity() != null) {
            List<String> changed = cp.identity().differencesFrom(now);
            if (!changed.isEmpty()) {
                throw new UserError(UserError.BAD_INPUT, "cannot resume " + runDir + ": " + String.join("; ", changed)
                        + " (start a new run instead)");
            }
        }
        if (p.model.numParams() != cp.model().length) {
            throw new UserError(UserError.BAD_INPUT, "cannot resume " + runDir + ": its checkpoint holds a model of "
                    + cp.model().length + " parameters but the scenario builds one of " + p.model.numParams());
        }
        List<RoundRow> earlier = point.keepRowsUpTo(cp.round());
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

    private record Prepared(FederatedData data, Model model, String modelName, AggregationRule rule) {}

    private static Prepared prepare(Scenario scenario, Options options) {
        FederatedData data = DataSets.load(scenario.dataset(), scenario.clients().total(), scenario.seed());
        String modelName = scenario.model().equals("auto") ? Models.autoFor(scenario.dataset().name()) : scenario.model();
        Model model = options.modelDecorator().apply(Models.create(modelName, data.inputShape(), data.numClasses()));
        AggregationRule rule = options.ruleDecorator().apply(io.aegis.scenario.ServerRules.create(scenario.server().rule(), scenario.server().config()));
        return new Prepared(data, model, modelName, rule);
    }

    private static RunSummary execute(Scenario scenario, Options options, Prepared p, RunOutput output,
                                      World.Start start) {
        LOG.info("run {}: {} clients, {} per round, {} rounds, rule {}, model {} ({} parameters) -> {}",
                scenario.name(), scenario.clients().total(), scenario.clients().perRound(), scenario.rounds(),
                p.rule.name(), p.modelName, p.model.numParams(), output.dir());
        output.describe(RunIdentities.facts(scenario, p.data, p.model, p.modelName), scenario.rounds());
        output.identify(RunIdentities.identity(scenario, p.data, p.model, p.modelName));
        CompletableFuture<RunSummary> done = new CompletableFuture<>();
        RunHandle handle = new RunHandle();
        options.progress().started(scenario.name(), start.firstRound(), scenario.rounds());
        // every node of a cluster carries the same system name (workers join pekko://aegis@host:port)
        String systemName = ClusterNode.SYSTEM;
        long startNanos = System.nanoTime();
        ActorSystem<Void> system = ActorSystem.create(Guardian.create(
                (sys, spawner) -> start(sys, spawner, scenario, p.data, p.model, p.rule, output, start, done, handle, options.progress()), done),
                systemName, ClusterNode.config(options.actorConfig()));
        RunSupervisor supervisor = new RunSupervisor(scenario, options, output, system, handle, done, startNanos,
                new Watchdog(systemName, watchdogSeconds(scenario, options)), p.rule.name());
        return supervisor.await();
    }

    /**
     * How long a run may show no activity: a few seconds in virtual clock (nothing there waits for
     * time to pass), two deadlines more in wall clock (a round ends at its deadline, and its row is
     * written when the next one ends).
     */
    private static double watchdogSeconds(Scenario scenario, Options options) {
        Config c = options.actorConfig();
        double idle = c.hasPath("aegis.watchdog.idle-seconds") ? c.getDouble("aegis.watchdog.idle-seconds") : 15;
        return scenario.clock() == Scenario.ClockMode.WALL ? idle + 2 * scenario.deadlineSeconds() : idle;
    }

    private static void start(ActorSystem<?> system, World.Spawner spawner, Scenario scenario, FederatedData data, Model model,
                              AggregationRule rule, RunOutput output, World.Start start,
                              CompletableFuture<RunSummary> done, RunHandle handle,
                              io.aegis.progress.RoundListener progress) {
        Executor trainingExecutor = system.dispatchers()
                .lookup(DispatcherSelector.fromConfig("aegis.training-dispatcher"));
        int poolSize = system.settings().config()
                .getInt("aegis.training-dispatcher.thread-pool-executor.fixed-pool-size");
        long seed = scenario.seed();
        World.Parts parts = World.parts(scenario, data, model, trainingExecutor, poolSize,
                new FaultPlan(scenario.faults(), seed));
        TrainingPool pool = parts.pool();
        EvaluationSchedule evaluation = EvaluationSchedule.of(scenario.config(), scenario.rounds(), seed);
        Samples testSet = evaluation.testSet(data.test());
        ActorRef<Observer.Command> observer = spawner.spawn(Observer.create(new Observer.Setup(
                scenario.name(), seed, rule.name(), scenario.rounds(), scenario.output().report(), output,
                params -> pool.evaluate(params, testSet), attackSuccess(scenario, parts.shared(), pool, data), done,
                scenario.checkpointEvery(), parts.faults().mayReplay(), evaluation, progress)), "observer");
        long spawnStart = System.nanoTime();
        Coordinator coordinator = Coordinator.of(system);
        ActorRef<Server.Command> server = World.spawn(spawner, scenario, parts, rule, observer, start, false,
                coordinator.clients(parts.shared()), coordinator.replyTimeout());
        long spawnMs = (System.nanoTime() - spawnStart) / 1_000_000;
        handle.started(server, parts.shared());
        Runtime rt = Runtime.getRuntime();
        LOG.info("{} clients registered in {} ms; round {} starts {} s after the JVM started, heap in use {} MB",
                scenario.clients().total(), spawnMs, start.firstRound(),
                String.format(java.util.Locale.ROOT, "%.1f",
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0),
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        coordinator.whenReady(spawner, scenario, () -> server.tell(new Server.Start()));
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
