package io.aegis.cluster;

import io.aegis.actors.ClientAddress;
import io.aegis.actors.ClientContext;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioLoader;
import io.aegis.sim.World;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The run's side of the cluster: this node is the seed; it hosts the client entities itself when no
 * worker is awaited (a single JVM is a cluster of one), else it forwards to the workers' shards and
 * sends each round's model once to every worker.
 */
public final class Coordinator {
    private final ActorSystem<?> system;
    private final int minWorkers;
    private final List<ActorRef<NodeAgent.Command>> workers = new CopyOnWriteArrayList<>();

    private Coordinator(ActorSystem<?> system) {
        this.system = system;
        this.minWorkers = ClusterNode.minWorkers(system.settings().config());
    }

    public static Coordinator of(ActorSystem<?> system) {
        return new Coordinator(system);
    }

    /** Joins (forms) the cluster and starts the client shards; {@code shared} is used when this node hosts them. */
    public ClientAddress clients(ClientContext shared) {
        ClusterNode.joinSelf(system);
        if (minWorkers == 0) {
            return ClientShards.start(system, shared);
        }
        return new ModelPosting(ClientShards.start(system, null), workers);
    }

    /** When the channel gives up on clients whose node is gone; null in a single JVM. */
    public Duration replyTimeout() {
        return ClusterNode.replyTimeout(system.settings().config());
    }

    /** Runs {@code start} at once, or once the awaited workers host the scenario's clients. */
    public void whenReady(World.Spawner spawner, Scenario scenario, Runnable start) {
        if (minWorkers == 0) {
            start.run();
            return;
        }
        spawner.spawn(WorkerGate.create(minWorkers, ScenarioLoader.toText(scenario), workers::add, start), "worker-gate");
    }
}
