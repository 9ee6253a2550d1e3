package io.aegis.actors;

import io.aegis.attack.Attack;
import io.aegis.attack.CollusionAttack;
import io.aegis.attack.DataAttack;
import io.aegis.attack.GaussianUpdate;
import io.aegis.attack.Knowledge;
import io.aegis.attack.UpdateAttack;
import io.aegis.data.SampleView;
import io.aegis.data.Samples;
import io.aegis.scenario.Scenario;
import io.aegis.util.Seeds;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One federated client. On each round it is selected for, it trains on its local data from the
 * received model (through the shared training pool) and uploads the update, or behaves as the
 * schedule says it does in that round: poisoned data, a poisoned update, or handing itself over
 * to the colluding adversary. It holds nothing between rounds but its id.
 */
public final class Client {

    public sealed interface Command extends Message {}

    /** From the channel: train on this model for this round and answer to {@code replyTo}. */
    public record Train(int round, float[] model, ActorRef<Channel.Command> replyTo) implements Command {}

    private record Trained(int round, float[] update, int samples, ActorRef<Channel.Command> replyTo) implements Command {}

    private record Failed(int round, String reason, ActorRef<Channel.Command> replyTo) implements Command {}

    /** Thrown to simulate a client process crashing mid-training; supervision restarts the actor. */
    public static final class SimulatedCrash extends RuntimeException {
        public SimulatedCrash(int client, int round) {
            super("client " + client + " crashed while training in round " + round + " (injected fault)");
        }
    }

    public static Behavior<Command> create(int id, ClientContext shared) {
        Behavior<Command> client = Behaviors.setup(ctx -> active(ctx, id, shared));
        return Behaviors.supervise(client).onFailure(SimulatedCrash.class,
                SupervisorStrategy.restart().withLoggingEnabled(false));
    }

    private static Behavior<Command> active(ActorContext<Command> ctx, int id, ClientContext shared) {
        return Behaviors.receive(Command.class)
                .onMessage(Train.class, t -> onTrain(ctx, id, shared, t))
                .onMessage(Trained.class, t -> {
                    t.replyTo().tell(new Channel.Upload(t.round(), id, t.update(), t.samples()));
                    return Behaviors.same();
                })
                .onMessage(Failed.class, f -> {
                    if (!shared.stopping()) {
                        ctx.getLog().warn("client {} round {}: training failed: {}", id, f.round(), f.reason());
                    }
                    f.replyTo().tell(new Channel.NoReply(f.round(), id, shared.stopping() ? "stopped" : Observer.TRAIN_FAILED));
                    return Behaviors.same();
                })
                .build();
    }

    private static Behavior<Command> onTrain(ActorContext<Command> ctx, int id, ClientContext shared, Train t) {
        int round = t.round();
        if (shared.timing().dropsOut(round, id)) {
            t.replyTo().tell(new Channel.NoReply(round, id, "dropout"));
            return Behaviors.same();
        }
        if (shared.leavesBeforeSending(round, id)) {
            // churn took it offline mid-round: it says so at once (a connection closing), whatever its behaviour
            t.replyTo().tell(new Channel.NoReply(round, id, "offline"));
            return Behaviors.same();
        }
        if (shared.faults().crashes(round, id)) {
            t.replyTo().tell(new Channel.NoReply(round, id, "crash"));
            throw new SimulatedCrash(id, round);
        }
        Scenario.Behavior behavior = shared.schedule().behaviorOf(id, round);
        Attack attack = behavior.isHonest() ? null : shared.attack(behavior);
        int samples = shared.data().clientSize(id);
        if (attack instanceof CollusionAttack collusion) {
            if (collusion.knowledge() != Knowledge.OWN) {
                t.replyTo().tell(new Channel.Collude(round, id, null, samples));
                return Behaviors.same();
            }
            // "own" knowledge: the colluder computes its honest update and hands it to the adversary
            train(ctx, id, shared, t, null).whenComplete((update, error) -> {
                if (error == null) {
                    t.replyTo().tell(new Channel.Collude(round, id, update, samples));
                } else {
                    t.replyTo().tell(new Channel.NoReply(round, id, Observer.TRAIN_FAILED));
                }
            });
            return Behaviors.same();
        }
        ctx.pipeToSelf(train(ctx, id, shared, t, attack), (update, error) -> error == null
                ? new Trained(round, update, samples, t.replyTo())
                : new Failed(round, String.valueOf(error), t.replyTo()));
        return Behaviors.same();
    }

    /** The round this training belongs to is being abandoned by a stopping run: its result would be thrown away. */
    private static void skipIfStopping(ClientContext shared) {
        if (shared.stopping()) {
            throw new java.util.concurrent.CancellationException("the run is stopping");
        }
    }

    /** Local training (with the data or update poisoning of the attack, if any) on the training pool. */
    private static CompletableFuture<float[]> train(ActorContext<Command> ctx, int id, ClientContext shared, Train t,
                                                    Attack attack) {
        int round = t.round();
        long seed = shared.seed();
        if (attack instanceof GaussianUpdate noise) {
            // replaces the update whatever it was: no need to train first
            return CompletableFuture.supplyAsync(
                    () -> noise.poison(new float[t.model().length], Seeds.stream(seed, "attack", round, id)),
                    shared.trainingExecutor());
        }
        if (!(attack instanceof DataAttack)) { // honest data: train on a view of the shared set, no copy
            SampleView local = shared.data().clientView(id);
            return shared.pool().train(t.model(), local.data(), local.rows(), shared.training(),
                    Seeds.mix(seed, "train", round, id)).thenApply(update -> attack instanceof UpdateAttack ua
                            ? ua.poison(update, Seeds.stream(seed, "attack", round, id)) : update);
        }
        return CompletableFuture
                .supplyAsync(() -> {
                    skipIfStopping(shared);
                    Samples local = shared.data().client(id);
                    if (attack instanceof DataAttack da) {
                        local = da.poison(local, Seeds.stream(seed, "poison", round, id));
                    }
                    return local;
                }, shared.trainingExecutor())
                .thenCompose(local -> {
                    skipIfStopping(shared);
                    return shared.pool().train(t.model(), local, shared.training(), Seeds.mix(seed, "train", round, id));
                })
                .thenApply(update -> {
                    if (attack instanceof UpdateAttack ua) {
                        return ua.poison(update, Seeds.stream(seed, "attack", round, id));
                    }
                    if (attack instanceof DataAttack da) {
                        return da.transformUpdate(update);
                    }
                    return update;
                });
    }
}
