package io.aegis.cluster;

import io.aegis.actors.ClientAddress;
import io.aegis.actors.ClientContext;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioLoader;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import io.aegis.sim.World;

/**
 * The run's side of the cluster: this node is the seed; it hosts the client entities itself when no
 * worker is awaited (a single JVM is a cluster of one), else it forwards to the workers' shards.
 */
public final class Coordinator {
    private Coordinator() {}

    /** Joins (forms) the cluster and starts the client shards; {@code shared} is used when this node hosts them. */
    public static ClientAddress clients(ActorSystem<?> system, ClientContext shared) {
        ClusterNode.joinSelf(system);
        boolean hostsClients = ClusterNode.minWorkers(system.settings().config()) == 0;
        return ClientShards.start(system, hostsClients ? shared : null);
    }

    /** When the channel gives up on clients whose node is gone; null in a single JVM. */
    public static Duration replyTimeout(ActorSystem<?> system) {
        return ClusterNode.replyTimeout(system.settings().config());
    }

    /** Runs {@code start} at once, or once the awaited workers host the scenario's clients. */
    public static void whenReady(ActorSystem<?> system, World.Spawner spawner, Scenario scenario, Runnable start) {
        int workers = ClusterNode.minWorkers(system.settings().config());
        if (workers == 0) {
            start.run();
            return;
        }
        spawner.spawn(WorkerGate.create(workers, ScenarioLoader.toText(scenario), start), "worker-gate");
    }
}
