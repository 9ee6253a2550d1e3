package io.aegis.cluster;

import io.aegis.actors.ClientAddress;
import io.aegis.actors.ClientContext;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioLoader;
import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The run's side of the cluster: this node is the seed; it hosts the client entities itself when no
 * worker is awaited (a single JVM is a cluster of one), else it forwards to the workers' shards.
 */
public final class Coordinator {
    private Coordinator() {}

    /** Joins (forms) the cluster and starts the client shards; {@code shared} is used when this node hosts them. */
    public static ClientAddress clients(ActorContext<?> ctx, ClientContext shared) {
        ClusterNode.joinSelf(ctx.getSystem());
        boolean hostsClients = ClusterNode.minWorkers(ctx.getSystem().settings().config()) == 0;
        return ClientShards.start(ctx.getSystem(), hostsClients ? shared : null);
    }

    /** When the channel gives up on clients whose node is gone; null in a single JVM. */
    public static Duration replyTimeout(ActorContext<?> ctx) {
        return ClusterNode.replyTimeout(ctx.getSystem().settings().config());
    }

    /** Runs {@code start} at once, or once the awaited workers host the scenario's clients. */
    public static void whenReady(ActorContext<?> ctx, Scenario scenario, Runnable start) {
        int workers = ClusterNode.minWorkers(ctx.getSystem().settings().config());
        if (workers == 0) {
            start.run();
            return;
        }
        ctx.spawn(WorkerGate.create(workers, ScenarioLoader.toText(scenario), start), "worker-gate");
    }
}
