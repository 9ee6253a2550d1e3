package io.aegis.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.aegis.actors.FaultPlan;
import io.aegis.actors.Observer;
import io.aegis.actors.Server;
import io.aegis.aggregation.AggregationRule;
import io.aegis.data.DataSets;
import io.aegis.data.FederatedData;
import io.aegis.model.Evaluation;
import io.aegis.model.Model;
import io.aegis.model.Models;
import io.aegis.model.TrainingPool;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import io.aegis.sim.Simulator;
import io.aegis.sim.World;
import io.aegis.util.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Message-level fault injection for tests of aggregation rules, on top of Pekko's {@link ActorTestKit}.
 * It builds the world a scenario describes (data, clients, attackers, channel, server) and runs it
 * one round per {@link #step()}; before a round, a test can force faults on chosen clients' uploads
 * ({@link #inject}) and put hand-crafted hostile messages on the wire ({@link #deliver}); after it,
 * the returned {@link RoundView} says what the server received, rejected and aggregated.
 *
 * <pre>{@code
 * try (AegisTestKit kit = AegisTestKit.fromScenario(hocon, new MyRule())) {
 *     kit.injectNext(Fault.corrupt("scale"), 3);
 *     RoundView r = kit.step();
 *     assertFalse(r.aggregated(3));
 * }
 * }</pre>
 *
 * The scenario must use the virtual clock: every round is then a function of the scenario, its seed
 * and the injected faults. Every message is serialized as between machines
 * ({@code pekko.actor.serialize-messages = on}). Not thread-safe: drive it from the test's thread.
 */
public final class AegisTestKit implements AutoCloseable {
    /** How long {@link #step()} waits for a round by default (local training on a busy machine). */
    public static final Duration DEFAULT_ROUND_TIMEOUT = Duration.ofSeconds(120);

    private final Scenario scenario;
    private final ActorTestKit kit;
    private final FaultPlan faults;
    private final FederatedData data;
    private final TrainingPool pool;
    private final ActorRef<Server.Command> server;
    private final BlockingQueue<Observer.Command> observed = new LinkedBlockingQueue<>();
    private final ActorRef<Observer.Command> recorder;
    private final int dimension;
    private Duration roundTimeout = DEFAULT_ROUND_TIMEOUT;
    private int lastRound;
    private float[] model;
    private int delivered;

    /** Starts the world of a scenario (HOCON text, as in a scenario file) with the rule it names. */
    public static AegisTestKit fromScenario(String hocon, String... overrides) {
        return fromScenario(hocon, null, overrides);
    }

    /**
     * Starts the world of a scenario with your own rule in place of {@code server.rule}; the scenario's
     * temporal step (STPA's momentum) still applies only when it names {@code stpa}.
     * {@code overrides} are {@code key = value} lines applied on top, like {@code aegis run --set}.
     */
    public static AegisTestKit fromScenario(String hocon, AggregationRule rule, String... overrides) {
        Scenario scenario;
        try {
            scenario = ScenarioLoader.loadString(hocon, "test-scenario", List.of(overrides));
        } catch (ScenarioException e) {
            throw new IllegalArgumentException("invalid scenario:\n" + String.join("\n", e.problems()), e);
        }
        if (scenario.clock() != Scenario.ClockMode.VIRTUAL) {
            throw new IllegalArgumentException("the test kit steps virtual-clock scenarios only (clock = virtual)");
        }
        return new AegisTestKit(scenario, rule);
    }

    private AegisTestKit(Scenario scenario, AggregationRule customRule) {
        this.scenario = scenario;
        long seed = scenario.seed();
        this.data = DataSets.load(scenario.dataset(), scenario.clients().total(), seed);
        String modelName = scenario.model().equals("auto") ? Models.autoFor(scenario.dataset().name()) : scenario.model();
        Model net = Models.create(modelName, data.inputShape(), data.numClasses());
        AggregationRule rule = customRule != null ? customRule
                : io.aegis.scenario.ServerRules.create(scenario.server().rule(), scenario.server().config());
        Config config = Simulator.actorConfig(ConfigFactory.parseString("pekko.actor.serialize-messages = on"));
        this.kit = ActorTestKit.create("aegis-testkit", config);
        try {
            Executor trainingExecutor = kit.system().dispatchers()
                    .lookup(DispatcherSelector.fromConfig("aegis.training-dispatcher"));
            int poolSize = kit.system().settings().config()
                    .getInt("aegis.training-dispatcher.thread-pool-executor.fixed-pool-size");
            World.Parts parts = World.parts(scenario, data, net, trainingExecutor, poolSize,
                    new FaultPlan(scenario.faults(), seed).withOverlay());
            this.pool = parts.pool();
            this.faults = parts.faults();
            this.recorder = kit.spawn(record(observed), "observer");
            this.model = net.initialParameters(seed);
            this.dimension = model.length;
            this.server = World.spawn(kit::spawn, scenario, parts, rule, recorder, World.Start.fresh(model), true);
        } catch (RuntimeException e) {
            kit.shutdownTestKit();
            throw e;
        }
    }

    /** Stands in for the observer: keeps every message for the kit to read after each round. */
    private static Behavior<Observer.Command> record(BlockingQueue<Observer.Command> into) {
        return Behaviors.receive(Observer.Command.class)
                .onAnyMessage(m -> {
                    into.add(m);
                    return Behaviors.same();
                })
                .build();
    }

    /** The scenario as loaded (defaults and overrides applied). */
    public Scenario scenario() {
        return scenario;
    }

    /** The Pekko test kit underneath, for probes of your own. */
    public ActorTestKit actorTestKit() {
        return kit;
    }

    /** The round the next {@link #step()} runs. */
    public int nextRound() {
        return lastRound + 1;
    }

    /** Whether every round of the scenario has run. */
    public boolean finished() {
        return lastRound >= scenario.rounds();
    }

    /** Parameters of the model. */
    public int dimension() {
        return dimension;
    }

    /** A copy of the global model after the last round (the initial model before the first). */
    public float[] model() {
        return model.clone();
    }

    /** How long {@link #step()} waits for a round before failing the test. */
    public AegisTestKit roundTimeout(Duration timeout) {
        this.roundTimeout = timeout;
        return this;
    }

    /** Forces a fault on these clients' uploads in this round (only if they are selected and answer). */
    public AegisTestKit inject(int round, Fault fault, int... clients) {
        requireAhead(round);
        for (int c : clients) {
            if (c < 0 || c >= scenario.clients().total()) {
                throw new IllegalArgumentException("no client " + c + " (the scenario has " + scenario.clients().total() + ")");
            }
            faults.inject(round, c, fault.injection());
        }
        return this;
    }

    /** {@link #inject} for the next round. */
    public AegisTestKit injectNext(Fault fault, int... clients) {
        return inject(nextRound(), fault, clients);
    }

    /**
     * Puts a hand-crafted message on the wire in round {@code inRound}: it reaches the server
     * {@code arrivalSeconds} (simulated) after the round starts, before the round's deadline or
     * after it (then late), carrying any round tag, token, payload and sample count you like.
     */
    public AegisTestKit deliver(int inRound, double arrivalSeconds, int roundTag, long token, float[] update, int samples) {
        requireAhead(inRound);
        faults.deliver(inRound, new FaultPlan.Delivery(arrivalSeconds, new Server.Update(roundTag, token, update, samples)));
        return this;
    }

    /**
     * Puts an update on the wire at the start of the next round, tagged with that round and a fresh
     * token, as an attacker outside the client population would; returns its token.
     */
    public long deliverNext(float[] update, int samples) {
        long token = Seeds.mix(scenario.seed(), "testkit-delivery", nextRound(), delivered++);
        deliver(nextRound(), 0.0, nextRound(), token, update, samples);
        return token;
    }

    private void requireAhead(int round) {
        if (round <= lastRound) {
            throw new IllegalStateException("round " + round + " has already run");
        }
        if (round > scenario.rounds()) {
            throw new IllegalArgumentException("round " + round + " is past the scenario's last round " + scenario.rounds());
        }
    }

    /** Runs the next round and returns what the server saw and decided. */
    public RoundView step() {
        if (finished()) {
            throw new IllegalStateException("all " + scenario.rounds() + " rounds of the scenario have run");
        }
        int round = nextRound();
        TestProbe<Server.RoundDone> done = kit.createTestProbe();
        server.tell(new Server.NextRound(done.getRef()));
        Server.RoundDone d;
        try {
            d = done.expectMessageClass(Server.RoundDone.class, roundTimeout);
        } catch (AssertionError e) {
            throw new AssertionError("round " + round + " did not finish within " + roundTimeout
                    + " (did the server or a rule hang or crash? see the log)", e);
        } finally {
            done.stop();
        }
        lastRound = d.round();
        model = d.closed().model();
        return view(d);
    }

    /** Runs rounds until round {@code last} (inclusive) has run; returns their views. */
    public List<RoundView> stepTo(int last) {
        List<RoundView> views = new ArrayList<>();
        while (lastRound < last) {
            views.add(step());
        }
        return views;
    }

    /** Accuracy and loss of the current global model on the scenario's test set. */
    public Evaluation evaluate() {
        try {
            return pool.evaluate(model, data.test()).get(roundTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("evaluation failed: " + e, e);
        }
    }

    /** Gathers the ground truth the channel reported for the round (it was sent before the round closed). */
    private RoundView view(Server.RoundDone d) {
        Observer.RoundOpened marker = new Observer.RoundOpened(-1, 0, 0);
        recorder.tell(marker);
        Map<Long, Integer> senders = new LinkedHashMap<>();
        Map<Integer, String> lost = new TreeMap<>();
        Map<String, Integer> faultCounts = new TreeMap<>();
        try {
            while (true) {
                Observer.Command m = observed.poll(roundTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (m == null) {
                    throw new IllegalStateException("the observer stand-in did not answer");
                }
                if (m instanceof Observer.RoundOpened o && o.round() == -1) {
                    break;
                }
                if (m instanceof Observer.Routed r && r.round() == d.round()) {
                    senders.put(r.token(), r.client());
                } else if (m instanceof Observer.Lost l && l.round() == d.round()) {
                    if (lost.put(l.client(), l.reason()) == null && !l.reason().equals("dropout")) {
                        faultCounts.merge(l.reason(), 1, Integer::sum);
                    }
                } else if (m instanceof Observer.Faulted f && f.round() == d.round()) {
                    faultCounts.merge(f.kind(), 1, Integer::sum);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Observer.RoundClosed c = d.closed();
        return new RoundView(d.round(), c.received(), c.valid(), c.invalid(), d.late(), c.excluded(), c.alpha(),
                c.skipped(), c.error(), c.model(), Map.copyOf(senders), Map.copyOf(lost), Map.copyOf(faultCounts));
    }


    /** Stops every actor of the world. */
    @Override
    public void close() {
        kit.shutdownTestKit();
    }

    @Override
    public String toString() {
        return "AegisTestKit[" + scenario.name() + ", next round " + nextRound() + " of " + scenario.rounds() + "]";
    }
}
