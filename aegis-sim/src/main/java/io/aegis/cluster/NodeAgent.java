package io.aegis.cluster;

import io.aegis.actors.ClientContext;
import io.aegis.actors.FaultPlan;
import io.aegis.actors.Message;
import io.aegis.data.DataSets;
import io.aegis.data.FederatedData;
import io.aegis.model.Model;
import io.aegis.model.Models;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import io.aegis.sim.World;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * A worker node's agent: it offers itself to the coordinator through the receptionist, and when the
 * coordinator hands it a scenario it loads the data set and model itself, starts a training pool and
 * hosts client entities. It stops its actor system when the coordinator leaves the cluster (the run
 * is over) or becomes unreachable (it died).
 */
public final class NodeAgent {
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "aegis-worker");

    public sealed interface Command extends Message {}

    /** From the coordinator: host the clients of this scenario (its resolved text) and say when ready. */
    public record Host(String scenario, ActorRef<WorkerGate.Command> replyTo) implements Command {}

    /** From the coordinator: a round's global model, once for this node (see ModelPosting). */
    public record PostModel(int round, float[] model) implements Command {}

    private record MemberChange(ClusterEvent.MemberEvent event) implements Command {}

    private record Unreachable(ClusterEvent.UnreachableMember event) implements Command {}

    public static Behavior<Command> create(java.util.function.Consumer<Boolean> onCoordinatorGone) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberChange::new), ClusterEvent.MemberEvent.class));
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.UnreachableMember.class, Unreachable::new),
                    ClusterEvent.UnreachableMember.class));
            return waiting(ctx, onCoordinatorGone);
        });
    }

    private static Behavior<Command> waiting(ActorContext<Command> ctx, java.util.function.Consumer<Boolean> onGone) {
        return Behaviors.receive(Command.class)
                .onMessage(Host.class, h -> host(ctx, h, onGone))
                .onMessage(MemberChange.class, m -> Behaviors.same())
                .onMessage(Unreachable.class, u -> Behaviors.same())
                .onMessage(PostModel.class, p -> Behaviors.same())
                .build();
    }

    private static Behavior<Command> host(ActorContext<Command> ctx, Host h, java.util.function.Consumer<Boolean> onGone) {
        Address coordinator = h.replyTo().path().address();
        ClientContext shared;
        try {
            Scenario scenario = ScenarioLoader.loadString(h.scenario(), "coordinator's scenario", List.of());
            shared = clientContext(ctx, scenario);
            ClientShards.start(ctx.getSystem(), shared);
            ctx.getLog().info("hosting the clients of {} for {}", scenario.name(), coordinator);
            h.replyTo().tell(new WorkerGate.Hosting(ctx.getSelf(), null));
        } catch (ScenarioException e) {
            h.replyTo().tell(new WorkerGate.Hosting(ctx.getSelf(), String.join("; ", e.problems())));
            return waiting(ctx, onGone);
        } catch (RuntimeException e) {
            h.replyTo().tell(new WorkerGate.Hosting(ctx.getSelf(), String.valueOf(e.getMessage())));
            return waiting(ctx, onGone);
        }
        boolean[] leaving = {false}; // the coordinator left on its own: the run is over
        return Behaviors.receive(Command.class)
                .onMessage(PostModel.class, p -> {
                    shared.models().post(p.round(), p.model());
                    return Behaviors.same();
                })
                .onMessage(MemberChange.class, m -> {
                    if (!m.event().member().address().equals(coordinator)) {
                        return Behaviors.same();
                    }
                    if (m.event() instanceof ClusterEvent.MemberLeft || m.event() instanceof ClusterEvent.MemberExited) {
                        // stay until it is removed: stopping now would hold up its own leaving
                        leaving[0] = true;
                        return Behaviors.same();
                    }
                    if (m.event() instanceof ClusterEvent.MemberRemoved || m.event() instanceof ClusterEvent.MemberDowned) {
                        boolean finished = leaving[0] || m.event() instanceof ClusterEvent.MemberRemoved;
                        ctx.getLog().info(finished ? "the coordinator left: the run is over" : "the coordinator was downed");
                        onGone.accept(finished);
                        return Behaviors.stopped();
                    }
                    return Behaviors.same();
                })
                .onMessage(Unreachable.class, u -> {
                    if (u.event().member().address().equals(coordinator)) {
                        if (!leaving[0]) {
                            ctx.getLog().warn("the coordinator {} is unreachable: stopping", coordinator);
                        }
                        onGone.accept(leaving[0]);
                        return Behaviors.stopped();
                    }
                    return Behaviors.same();
                })
                .onMessage(Host.class, again -> {
                    again.replyTo().tell(new WorkerGate.Hosting(ctx.getSelf(), "this worker already hosts a run"));
                    return Behaviors.same();
                })
                .build();
    }

    /** The same shared client context a single JVM builds: data set, model, pool, schedule, faults. */
    private static ClientContext clientContext(ActorContext<Command> ctx, Scenario scenario) {
        long seed = scenario.seed();
        FederatedData data = DataSets.load(scenario.dataset(), scenario.clients().total(), seed);
        String modelName = scenario.model().equals("auto") ? Models.autoFor(scenario.dataset().name()) : scenario.model();
        Model model = Models.create(modelName, data.inputShape(), data.numClasses());
        Executor executor = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("aegis.training-dispatcher"));
        int poolSize = ctx.getSystem().settings().config().getInt("aegis.training-dispatcher.thread-pool-executor.fixed-pool-size");
        return World.parts(scenario, data, model, executor, poolSize, new FaultPlan(scenario.faults(), seed)).shared();
    }
}
