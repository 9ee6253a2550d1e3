package io.aegis.cluster;

import io.aegis.actors.Message;
import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * On the coordinator: hands the scenario to each worker that joins, and starts the run once
 * {@code minWorkers} of them host its clients (so the shards spread over all of them from round 1).
 */
public final class WorkerGate {
    public sealed interface Command extends Message {}

    /** From a worker: it hosts the clients ({@code problem} null), or why it cannot. */
    public record Hosting(ActorRef<NodeAgent.Command> worker, String problem) implements Command {}

    private record Workers(Receptionist.Listing listing) implements Command {}

    /** @param onHosting told of each worker that hosts the clients (the coordinator sends it each round's model) */
    public static Behavior<Command> create(int minWorkers, String scenarioText,
                                           java.util.function.Consumer<ActorRef<NodeAgent.Command>> onHosting,
                                           Runnable start) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(NodeAgent.KEY,
                    ctx.messageAdapter(Receptionist.Listing.class, Workers::new)));
            ctx.getLog().info("waiting for {} worker node(s) to join", minWorkers);
            return new WorkerGate(ctx, minWorkers, scenarioText, onHosting, start).behavior();
        });
    }

    private final ActorContext<Command> ctx;
    private final int minWorkers;
    private final String scenarioText;
    private final java.util.function.Consumer<ActorRef<NodeAgent.Command>> onHosting;
    private final Runnable start;
    private final Set<ActorRef<NodeAgent.Command>> asked = new HashSet<>();
    private final Set<ActorRef<NodeAgent.Command>> hosting = new HashSet<>();
    private boolean started;

    private WorkerGate(ActorContext<Command> ctx, int minWorkers, String scenarioText,
                       java.util.function.Consumer<ActorRef<NodeAgent.Command>> onHosting, Runnable start) {
        this.ctx = ctx;
        this.onHosting = onHosting;
        this.minWorkers = minWorkers;
        this.scenarioText = scenarioText;
        this.start = start;
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Workers.class, this::onWorkers)
                .onMessage(Hosting.class, this::onHosting)
                .build();
    }

    private Behavior<Command> onWorkers(Workers w) {
        if (started) {
            return Behaviors.same(); // a worker joining later gets no shards of this run
        }
        for (ActorRef<NodeAgent.Command> agent : w.listing().getServiceInstances(NodeAgent.KEY)) {
            if (asked.add(agent)) {
                agent.tell(new NodeAgent.Host(scenarioText, ctx.getSelf()));
            }
        }
        return Behaviors.same();
    }

    private Behavior<Command> onHosting(Hosting h) {
        if (h.problem() != null) {
            ctx.getLog().error("worker {} cannot host the clients: {}", h.worker().path().address(), h.problem());
            return Behaviors.same();
        }
        if (hosting.add(h.worker())) {
            onHosting.accept(h.worker());
        }
        ctx.getLog().info("worker {} hosts clients ({} of {})", h.worker().path().address(), hosting.size(), minWorkers);
        if (!started && hosting.size() >= minWorkers) {
            started = true;
            start.run();
        }
        return Behaviors.same();
    }
}
