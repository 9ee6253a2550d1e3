package io.aegis.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.aegis.actors.Client;
import io.aegis.actors.FaultPlan;
import io.aegis.actors.Observer;
import io.aegis.actors.Server;
import io.aegis.aggregation.AggregationResult;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.UpdateMatrix;
import io.aegis.data.DataSets;
import io.aegis.data.FederatedData;
import io.aegis.model.Evaluation;
import io.aegis.model.Model;
import io.aegis.model.Models;
import io.aegis.model.TrainingPool;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import io.aegis.sim.World;
import io.aegis.util.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * try (AegisTestKit kit = AegisTestKit.builder(hocon).rule(new MyRule()).start()) {
 *     kit.injectNext(Fault.corrupt(Corruption.SCALE), 3);
 *     RoundView r = kit.step();
 *     assertFalse(r.aggregated(3));
 * }
 * }</pre>
 *
 * In JUnit 5, {@link AegisWorld} starts and closes it for you. Inside a round, {@link #openRound()}
 * steps by hand (deliver this now, advance to the deadline); {@link ClientProbe}s stand in for
 * clients and {@link #traffic()} watches what the channel routes.
 *
 * <p>The scenario must use the virtual clock: every round is then a function of the scenario, its seed
 * and the injected faults. Every message is serialized as between machines
 * ({@code pekko.actor.serialize-messages = on}). The kit reads only the defaults built into the jar:
 * neither {@code conf/*.conf} in the working directory nor {@code -Daegis.conf.dir} apply.
 * Not thread-safe: drive it from the test's thread.
 */
public final class AegisTestKit implements AutoCloseable {
    /** How long {@link #step()} waits for a round by default (local training on a busy machine). */
    public static final Duration DEFAULT_ROUND_TIMEOUT = Duration.ofSeconds(120);

    private final Scenario scenario;
    private final ActorTestKit kit;
    private final FaultPlan faults;
    private final FederatedData data;
    private final TrainingPool pool;
    private final RecordingRule rule;
    private final ActorRef<Server.Command> server;
    private final BlockingQueue<Observer.Command> observed = new LinkedBlockingQueue<>();
    private final ActorRef<Observer.Command> recorder;
    private final BlockingQueue<Server.Command> held = new LinkedBlockingQueue<>();
    private final Map<Integer, ClientProbe> standIns = new TreeMap<>();
    private final TestProbe<Traffic> traffic;
    private final int dimension;
    private Duration roundTimeout = DEFAULT_ROUND_TIMEOUT;
    private int lastRound;
    private float[] model;
    private int delivered;
    private Server.Command peeked;
    private OpenRound open;
    private TestProbe<Server.RoundDone> done;

    /** How to build a world: the scenario, and what the test puts in it. */
    public static final class Builder {
        private final String hocon;
        private java.util.function.Supplier<? extends AggregationRule> rule;
        private Boolean temporalStep;
        private final List<String> overrides = new ArrayList<>();
        private final TreeSet<Integer> standIns = new TreeSet<>();
        private boolean watchTraffic;
        private Duration roundTimeout = DEFAULT_ROUND_TIMEOUT;

        private Builder(String hocon) {
            this.hocon = hocon;
        }

        /**
         * Your rule in place of {@code server.rule}. It runs without STPA's temporal step (the model
         * moves by exactly your aggregate) unless you ask for {@link #temporalStep(boolean)}.
         */
        public Builder rule(AggregationRule rule) {
            return ruleFactory(() -> rule);
        }

        /**
         * {@link #rule} built afresh for every world this builder starts (one per test with
         * {@link AegisWorld#perTest}), so state a rule keeps in its fields never leaks between tests.
         */
        public Builder ruleFactory(java.util.function.Supplier<? extends AggregationRule> factory) {
            this.rule = factory;
            return this;
        }

        /** Runs STPA's momentum step after the rule ({@code true}) or not, whatever the scenario says. */
        public Builder temporalStep(boolean on) {
            this.temporalStep = on;
            return this;
        }

        /** {@code key = value} lines applied on top of the scenario, like {@code aegis run --set}. */
        public Builder override(String... keyValues) {
            overrides.addAll(List.of(keyValues));
            return this;
        }

        /** These clients are played by the test: see {@link AegisTestKit#clientProbe(int)}. */
        public Builder standIn(int... clients) {
            for (int c : clients) {
                standIns.add(c);
            }
            return this;
        }

        /** Copies of what the channel routes go to {@link AegisTestKit#traffic()}. */
        public Builder watchTraffic() {
            this.watchTraffic = true;
            return this;
        }

        /** How long a round may take before the test fails. */
        public Builder roundTimeout(Duration timeout) {
            this.roundTimeout = timeout;
            return this;
        }

        /** Starts the world; close it (try-with-resources, or let {@link AegisWorld} do it). */
        public AegisTestKit start() {
            ClasspathCheck.require();
            List<String> all = new ArrayList<>();
            if (rule != null && temporalStep == null) {
                all.add("server.temporal = false"); // a user's rule alone moves the model; the test's overrides may say otherwise
            }
            all.addAll(overrides);
            if (temporalStep != null) {
                all.add("server.temporal = " + temporalStep);
            }
            Scenario scenario;
            try {
                scenario = ScenarioLoader.loadStringWithBuiltInDefaults(hocon, "test-scenario", all);
            } catch (ScenarioException e) {
                throw new IllegalArgumentException("invalid scenario:\n" + String.join("\n", e.problems()), e);
            }
            if (scenario.clock() != Scenario.ClockMode.VIRTUAL) {
                throw new IllegalArgumentException("the test kit steps virtual-clock scenarios only (clock = virtual)");
            }
            for (int c : standIns) {
                if (c < 0 || c >= scenario.clients().total()) {
                    throw new IllegalArgumentException("no client " + c + " to stand in for (the scenario has "
                            + scenario.clients().total() + ")");
                }
            }
            return new AegisTestKit(scenario, rule == null ? null : rule.get(), standIns, watchTraffic, roundTimeout);
        }
    }

    /** A world to build from a scenario (HOCON text, as in a scenario file). */
    public static Builder builder(String hocon) {
        return new Builder(hocon);
    }

    /** Starts the world of a scenario with the rule it names; {@code overrides} as in {@link Builder#override}. */
    public static AegisTestKit fromScenario(String hocon, String... overrides) {
        return builder(hocon).override(overrides).start();
    }

    /** Starts the world of a scenario with your rule (without the temporal step); see {@link Builder#rule}. */
    public static AegisTestKit fromScenario(String hocon, AggregationRule rule, String... overrides) {
        return builder(hocon).rule(rule).override(overrides).start();
    }

    private AegisTestKit(Scenario scenario, AggregationRule customRule, Set<Integer> standInIds, boolean watchTraffic,
                         Duration roundTimeout) {
        this.scenario = scenario;
        this.roundTimeout = roundTimeout;
        long seed = scenario.seed();
        this.data = DataSets.load(scenario.dataset(), scenario.clients().total(), seed);
        String modelName = scenario.model().equals("auto") ? Models.autoFor(scenario.dataset().name()) : scenario.model();
        Model net = Models.create(modelName, data.inputShape(), data.numClasses());
        this.rule = new RecordingRule(customRule != null ? customRule : namedRule(scenario));
        this.kit = ActorTestKit.create("aegis-testkit", actorConfig());
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
            for (int c : standInIds) {
                standIns.put(c, new ClientProbe(c, kit.createTestProbe("stand-in-" + c)));
            }
            this.traffic = watchTraffic ? kit.createTestProbe("traffic") : null;
            ActorRef<Server.Command> serverSide = kit.spawn(ServerSide.create(held), "manual-clock");
            World.Wiring wiring = new World.Wiring(this::clientRef,
                    channel -> kit.spawn(ChannelTap.create(channel, serverSide), "channel-tap"));
            this.model = net.initialParameters(seed);
            this.dimension = model.length;
            this.server = World.spawn(kit::spawn, scenario, parts, rule, recorder, World.Start.fresh(model), true, wiring);
        } catch (RuntimeException e) {
            kit.shutdownTestKit();
            throw e;
        }
    }

    /** The one place the kit builds a rule the scenario names. */
    private static AggregationRule namedRule(Scenario scenario) {
        return io.aegis.scenario.ServerRules.create(scenario.server().rule(), scenario.server().config());
    }

    /**
     * The actor system's settings: Pekko's and Aegis's reference.conf from the classpath only, never
     * {@code conf/application.conf} of the working directory or the user's application.conf.
     */
    private static Config actorConfig() {
        Config base = ConfigFactory.parseString("pekko.actor.serialize-messages = on")
                .withFallback(ConfigFactory.defaultReference());
        int poolSize = base.getInt("aegis.training.pool-size");
        if (poolSize <= 0) {
            poolSize = Runtime.getRuntime().availableProcessors();
        }
        return ConfigFactory.parseString("aegis.training-dispatcher.thread-pool-executor.fixed-pool-size = " + poolSize)
                .withFallback(base);
    }

    /** The actor the channel addresses as client {@code id}: a stand-in probe or the real client, tapped when watched. */
    private ActorRef<Client.Command> clientRef(int id, java.util.function.Supplier<ActorRef<Client.Command>> real) {
        ActorRef<Client.Command> target = standIns.containsKey(id) ? standIns.get(id).probe().getRef() : real.get();
        return traffic == null ? target : kit.spawn(ClientTap.create(id, target, traffic.getRef()), "tap-client-" + id);
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

    /** The probe standing in for this client (registered with {@link Builder#standIn}). */
    public ClientProbe clientProbe(int client) {
        ClientProbe p = standIns.get(client);
        if (p == null) {
            throw new IllegalArgumentException("client " + client + " has no stand-in; ask for it with builder.standIn("
                    + client + ")");
        }
        return p;
    }

    /** The probe that receives copies of what the channel routes (registered with {@link Builder#watchTraffic}). */
    public TestProbe<Traffic> traffic() {
        if (traffic == null) {
            throw new IllegalStateException("traffic is not watched; ask for it with builder.watchTraffic()");
        }
        return traffic;
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
        long token = freshToken(nextRound());
        deliver(nextRound(), 0.0, nextRound(), token, update, samples);
        return token;
    }

    long freshToken(int round) {
        return Seeds.mix(scenario.seed(), "testkit-delivery", round, delivered++);
    }

    private void requireAhead(int round) {
        if (round <= lastRound || (open != null && round == open.round())) {
            throw new IllegalStateException("round " + round + " has already started");
        }
        if (round > scenario.rounds()) {
            throw new IllegalArgumentException("round " + round + " is past the scenario's last round " + scenario.rounds());
        }
    }

    /** Runs the next round and returns what the server saw and decided. */
    public RoundView step() {
        return openRound().close();
    }

    /**
     * Opens the next round and returns at once: the clients are asked to train, and every copy the
     * channel routes waits until the returned {@link OpenRound} lets it through.
     */
    public OpenRound openRound() {
        if (open != null) {
            throw new IllegalStateException("round " + open.round() + " is open; close() it first");
        }
        if (finished()) {
            throw new IllegalStateException("all " + scenario.rounds() + " rounds of the scenario have run");
        }
        rule.take(); // nothing of an earlier round may show in this one's view
        done = kit.createTestProbe();
        open = new OpenRound(this, nextRound());
        server.tell(new Server.NextRound(done.getRef()));
        return open;
    }

    /** The next copy the channel routed to the server, not yet let through (waits for the channel). */
    Server.Command peekHeld(int round) {
        if (peeked == null) {
            try {
                peeked = held.poll(roundTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (peeked == null) {
                throw new AssertionError("round " + round + ": the channel routed nothing within " + roundTimeout
                        + " (it holds a round until every selected client answered: did a stand-in not answer?"
                        + " did a client or a rule hang or crash? see the log)");
            }
        }
        return peeked;
    }

    /** Lets the peeked copy through to the server. */
    void passHeld() {
        Server.Command m = peeked;
        peeked = null;
        if (m instanceof Server.Update u && traffic != null) {
            traffic.getRef().tell(new Traffic.ToServer(u));
        }
        server.tell(m);
    }

    void handToServer(Server.Update u) {
        server.tell(u);
    }

    /** Lets the late copies through, waits for the server's report and builds the round's view. */
    RoundView finishRound(OpenRound round) {
        while (true) {
            Server.Command next = peekHeld(round.round());
            passHeld();
            if (next instanceof Server.Drained) {
                break;
            }
        }
        Server.RoundDone d;
        try {
            d = done.expectMessageClass(Server.RoundDone.class, roundTimeout);
        } catch (AssertionError e) {
            throw new AssertionError("round " + round.round() + " did not finish within " + roundTimeout
                    + " (did the server or a rule hang or crash? see the log)", e);
        } finally {
            done.stop();
            open = null;
        }
        float[] before = model;
        lastRound = d.round();
        model = d.closed().model();
        return view(d, before, rule.take());
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
    private RoundView view(Server.RoundDone d, float[] before, RecordingRule.Call call) {
        Observer.RoundOpened marker = new Observer.RoundOpened(-1, 0, 0);
        recorder.tell(marker);
        Map<Long, Observer.Routed> routed = new HashMap<>();
        List<Long> lateTokens = new ArrayList<>();
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
                    routed.putIfAbsent(r.token(), r);
                } else if (m instanceof Observer.Late l && l.round() == d.round()) {
                    lateTokens.add(l.token());
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
        Map<Long, Integer> senders = new LinkedHashMap<>();
        routed.values().forEach(r -> senders.put(r.token(), r.client()));
        List<RoundView.LateUpload> late = new ArrayList<>();
        for (long t : lateTokens) {
            Observer.Routed r = routed.get(t);
            late.add(r == null ? new RoundView.LateUpload(t, RoundView.NO_CLIENT, true)
                    : new RoundView.LateUpload(t, r.client(), r.malicious()));
        }
        Observer.RoundClosed c = d.closed();
        return new RoundView(d.round(), c.received(), c.valid(), c.invalid(), d.late(), c.excluded(), c.alpha(),
                c.skipped(), c.error(), c.model(), Map.copyOf(senders), Map.copyOf(lost), Map.copyOf(faultCounts),
                before, rows(c.valid(), call, routed), aggregateOf(call), List.copyOf(late));
    }

    /** The rule's input rows, in matrix order (the server builds row i from the i-th valid update). */
    private static List<RoundView.Row> rows(long[] valid, RecordingRule.Call call, Map<Long, Observer.Routed> routed) {
        if (call == null || call.input().rows() != valid.length) {
            return List.of();
        }
        UpdateMatrix in = call.input();
        AggregationResult result = call.result();
        int[] kept = result == null || result.kept() == null ? new int[0] : result.kept();
        List<RoundView.Row> rows = new ArrayList<>(valid.length);
        for (int i = 0; i < valid.length; i++) {
            Observer.Routed r = routed.get(valid[i]);
            int row = i;
            rows.add(new RoundView.Row(i, valid[i], in.row(i), in.weights() == null ? 1.0 : in.weights()[i],
                    r == null ? RoundView.NO_CLIENT : r.client(), r == null || r.malicious(),
                    Arrays.stream(kept).anyMatch(k -> k == row)));
        }
        return List.copyOf(rows);
    }

    private static double[] aggregateOf(RecordingRule.Call call) {
        if (call == null || call.result() == null || call.result().aggregate() == null) {
            return null;
        }
        return call.result().aggregate().clone();
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
