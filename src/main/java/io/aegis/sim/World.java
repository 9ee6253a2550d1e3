package io.aegis.sim;

import io.aegis.actors.Adversary;
import io.aegis.actors.Channel;
import io.aegis.actors.Client;
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
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Executor;
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
     * Spawns the adversary, one actor per client, the channel and the server (not started).
     *
     * @param stepped the server waits for {@code Server.NextRound} after each round (the test kit)
     */
    public static ActorRef<Server.Command> spawn(Spawner spawner, Scenario scenario, Parts parts, AggregationRule rule,
                                                 ActorRef<Observer.Command> observer, Start start, boolean stepped) {
        long seed = scenario.seed();
        ClientContext shared = parts.shared();
        ActorRef<Adversary.Command> adversary =
                spawner.spawn(Adversary.create(seed, shared.schedule(), shared::attack), "adversary");
        List<ActorRef<Client.Command>> clients = new ArrayList<>(scenario.clients().total());
        for (int id = 0; id < scenario.clients().total(); id++) {
            clients.add(spawner.spawn(Client.create(id, shared), "client-" + id));
        }
        ActorRef<Channel.Command> channel = spawner.spawn(Channel.create(new Channel.Setup(seed, scenario.clock(),
                scenario.deadlineSeconds(), shared.timing(), parts.faults(), shared.schedule(), clients, observer,
                adversary, scenario.checkpointEvery(), start.history())), "channel");
        TemporalStep temporal = scenario.server().temporal()
                ? StpaVariant.from(scenario.server().config())
                        .temporalStep(scenario.server().momentum(), scenario.server().learningRate()) : null;
        if (temporal != null && start.momentum() != null) {
            temporal.restore(start.momentum());
        }
        Population population = new Population(scenario, trace(scenario));
        if (start.onlineWords() != null) {
            population.restore(start.firstRound() - 1, BitSet.valueOf(start.onlineWords()));
        }
        return spawner.spawn(Server.create(new Server.Setup(seed, scenario.rounds(), scenario.clients().perRound(),
                scenario.clock(), scenario.deadlineSeconds(), rule, temporal, start.model(), population, channel,
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
