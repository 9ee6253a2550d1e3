package io.aegis.sim;

import io.aegis.actors.Adversary;
import io.aegis.actors.Channel;
import io.aegis.actors.Client;
import io.aegis.actors.ClientAddress;
import io.aegis.actors.ClientContext;
import io.aegis.actors.FaultPlan;
import io.aegis.actors.Observer;
import io.aegis.actors.RoundTiming;
import io.aegis.actors.Server;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.StpaVariant;
import io.aegis.aggregation.TemporalStep;
import io.aegis.data.FederatedData;
import io.aegis.model.Model;
import io.aegis.model.TrainingPool;
import io.aegis.scenario.Scenario;
import io.aegis.world.Availability;
import io.aegis.world.BehaviorSchedule;
import io.aegis.world.Departures;
import io.aegis.world.Population;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The simulated world around an observer: the actor-free parts every client shares, and the
 * adversary, clients, channel and server spawned from them. The simulator and the test kit build
 * it the same way, so what a user's fault-injection test sees is what a run does.
 */
public final class World {
    private World() {}

    /** Spawns an actor: an ActorContext and an ActorTestKit both fit. */
    public interface Spawner {
        <T> ActorRef<T> spawn(Behavior<T> behavior, String name);
    }

    /** Where the server starts: round 1 from the initial model, or after a checkpoint. */
    public record Start(int firstRound, float[] model, double[] previousAggregate, double[] momentum,
                        long[] onlineWords, List<Observer.StaleUpdate> history) {
        public static Start fresh(float[] model) {
            return new Start(1, model, null, null, null, List.of());
        }
    }

    /** What every client shares; built once per run. */
    public record Parts(TrainingPool pool, FaultPlan faults, ClientContext shared) {}

    public static Parts parts(Scenario scenario, FederatedData data, Model model, Executor trainingExecutor,
                              int poolSize, FaultPlan faults) {
        long seed = scenario.seed();
        TrainingPool pool = new TrainingPool(model, trainingExecutor, poolSize);
        ClientContext shared = new ClientContext(seed, data, pool, trainingExecutor, scenario.training(),
                new BehaviorSchedule(scenario), new RoundTiming(scenario.clients(), seed), faults,
                new Departures(seed, scenario.churn(), scenario.deadlineSeconds()));
        return new Parts(pool, faults, shared);
    }

    /**
     * Test hooks (the test kit's probes): which actor the channel addresses as client {@code id}, and
     * which actor the server addresses as its channel. {@link #DIRECT} wires the real actors.
     */
    public record Wiring(ClientRoute clients, UnaryOperator<ActorRef<Channel.Command>> channel) {
        public static final Wiring DIRECT = new Wiring((id, real) -> real.get(), UnaryOperator.identity());
    }

    /** The actor that stands for client {@code id}; {@code real} spawns the simulator's own client actor. */
    public interface ClientRoute {
        ActorRef<Client.Command> route(int id, Supplier<ActorRef<Client.Command>> real);
    }

    /**
     * Spawns the adversary, one actor per client, the channel and the server (not started).
     *
     * @param stepped the server waits for {@code Server.NextRound} after each round (the test kit)
     */
    public static ActorRef<Server.Command> spawn(Spawner spawner, Scenario scenario, Parts parts, AggregationRule rule,
                                                 ActorRef<Observer.Command> observer, Start start, boolean stepped) {
        return spawn(spawner, scenario, parts, rule, observer, start, stepped, Wiring.DIRECT);
    }

    /** {@link #spawn} with test hooks in front of the clients and the channel; one live actor per client. */
    public static ActorRef<Server.Command> spawn(Spawner spawner, Scenario scenario, Parts parts, AggregationRule rule,
                                                 ActorRef<Observer.Command> observer, Start start, boolean stepped,
                                                 Wiring wiring) {
        ClientContext shared = parts.shared();
        List<ActorRef<Client.Command>> clients = new ArrayList<>(scenario.clients().total());
        for (int id = 0; id < scenario.clients().total(); id++) {
            int client = id;
            clients.add(wiring.clients().route(id, () -> spawner.spawn(Client.create(client, shared), "client-" + client)));
        }
        return spawn(spawner, scenario, parts, rule, observer, start, stepped, ClientAddress.of(clients), null,
                wiring.channel());
    }

    /**
     * Spawns the adversary, the channel and the server (not started) around clients reached through
     * {@code clients} (a run's sharded entities, see io.aegis.cluster.Coordinator).
     *
     * @param replyTimeout wall time after which unanswered clients count as lost (null = never)
     */
    public static ActorRef<Server.Command> spawn(Spawner spawner, Scenario scenario, Parts parts, AggregationRule rule,
                                                 ActorRef<Observer.Command> observer, Start start, boolean stepped,
                                                 ClientAddress clients, Duration replyTimeout) {
        return spawn(spawner, scenario, parts, rule, observer, start, stepped, clients, replyTimeout,
                UnaryOperator.identity());
    }

    private static ActorRef<Server.Command> spawn(Spawner spawner, Scenario scenario, Parts parts, AggregationRule rule,
                                                  ActorRef<Observer.Command> observer, Start start, boolean stepped,
                                                  ClientAddress clients, Duration replyTimeout,
                                                  UnaryOperator<ActorRef<Channel.Command>> channelWrap) {
        long seed = scenario.seed();
        ClientContext shared = parts.shared();
        ActorRef<Adversary.Command> adversary =
                spawner.spawn(Adversary.create(seed, shared.schedule(), shared::attack), "adversary");
        ActorRef<Channel.Command> channel = spawner.spawn(Channel.create(new Channel.Setup(seed, scenario.clock(),
                scenario.deadlineSeconds(), shared.timing(), parts.faults(), shared.schedule(), clients, observer,
                adversary, scenario.checkpointEvery(), start.history(), replyTimeout)), "channel");
        TemporalStep temporal = scenario.server().temporal()
                ? StpaVariant.from(io.aegis.scenario.ServerRules.flatten(scenario.server().config()))
                        .temporalStep(scenario.server().momentum(), scenario.server().learningRate()) : null;
        if (temporal != null && start.momentum() != null) {
            temporal.restore(start.momentum());
        }
        Population population = new Population(scenario, trace(scenario));
        if (start.onlineWords() != null) {
            population.restore(start.firstRound() - 1, BitSet.valueOf(start.onlineWords()));
        }
        return spawner.spawn(Server.create(new Server.Setup(seed, scenario.rounds(), scenario.clients().perRound(),
                scenario.clock(), scenario.deadlineSeconds(), rule, temporal, start.model(), population,
                channelWrap.apply(channel),
                observer, start.firstRound(), start.previousAggregate(), scenario.checkpointEvery(), stepped)), "server");
    }

    private static Availability trace(Scenario scenario) {
        if (!"trace".equals(scenario.churn().model())) {
            return null;
        }
        try {
            return Availability.read(Path.of(scenario.churn().traceFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
