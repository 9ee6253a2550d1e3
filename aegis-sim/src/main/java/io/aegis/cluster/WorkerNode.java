package io.aegis.cluster;

import com.typesafe.config.Config;
import io.aegis.sim.Simulator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** A worker node's life: join, host clients for one run, stop when the coordinator is gone. */
public final class WorkerNode {
    private WorkerNode() {}

    /** How the node ended: a sentence for the user and the exit status. */
    public record Outcome(int exitStatus, String sentence) {}

    /** Starts a worker node with {@code aegis.cluster.join} etc. in {@code overrides}. */
    public static ActorSystem<Void> start(Config overrides, AtomicReference<Outcome> outcome) {
        Config config = ClusterNode.config(Simulator.actorConfig(overrides));
        return ActorSystem.create(Behaviors.setup(ctx -> {
            ctx.spawn(NodeAgent.create(coordinatorLeft -> {
                outcome.set(coordinatorLeft
                        ? new Outcome(0, "the coordinator finished the run")
                        : new Outcome(1, "the coordinator became unreachable; stopped"));
                ctx.getSystem().terminate();
            }), "agent");
            return Behaviors.empty();
        }), ClusterNode.SYSTEM, config);
    }

    /** Runs a worker until its system terminates (coordinator gone, or SIGTERM through coordinated shutdown). */
    public static Outcome run(Config overrides) {
        AtomicReference<Outcome> outcome = new AtomicReference<>(new Outcome(143, "stopped"));
        ActorSystem<Void> system = start(overrides, outcome);
        try {
            system.getWhenTerminated().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // terminated either way
        }
        return outcome.get();
    }
}
