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
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * One federated client. On each round it is selected for, it trains on its local data from the
 * received model (through the shared training pool) and uploads the update, or behaves as the
 * schedule says it does in that round: poisoned data, a poisoned update, or handing itself over
 * to the colluding adversary. It holds nothing between rounds but its id, so as a sharded entity it
 * lives only from its round's Train to its answer.
 */
public final class Client {

    public sealed interface Command extends Message {}

    /**
     * From the channel: train on this model for this round and answer to {@code replyTo}. A null model
     * (cluster mode) means the round's model was posted once to this node's {@link ModelBoard}.
     */
    public record Train(int round, float[] model, ActorRef<Channel.Command> replyTo) implements Command {}

    /** The round's model, taken from the node's board, for a Train that came without it. */
    private record Boarded(Train train) implements Command {}

    private record Trained(int round, float[] update, int samples, ActorRef<Channel.Command> replyTo) implements Command {}

    private record Failed(int round, String reason, ActorRef<Channel.Command> replyTo) implements Command {}

    /** A colluder with "own" knowledge has its honest update for the adversary. */
    private record OwnTrained(int round, float[] update, int samples, ActorRef<Channel.Command> replyTo) implements Command {}

    /** From its shard: stop, the entity is passivated (it has answered its round). */
    public enum Stop implements Command { INSTANCE }

    /** Thrown to simulate a client process crashing mid-training; supervision restarts the actor. */
    public static final class SimulatedCrash extends RuntimeException {
        public SimulatedCrash(int client, int round) {
            super("client " + client + " crashed while training in round " + round + " (injected fault)");
        }
    }

    /** A live client actor that stays between rounds (small worlds that spawn every client). */
    public static Behavior<Command> create(int id, ClientContext shared) {
        return supervised(id, shared, null);
    }

    /**
     * A client as a sharded entity: its shard creates it with the first message of a round, and it asks
     * to be passivated once it has answered, so between rounds a client costs no actor at all.
     */
    public static Behavior<Command> entity(int id, ClientContext shared,
                                           ActorRef<ClusterSharding.ShardCommand> shard) {
        return supervised(id, shared, shard);
    }

    private static Behavior<Command> supervised(int id, ClientContext shared,
                                                ActorRef<ClusterSharding.ShardCommand> shard) {
        Behavior<Command> client = Behaviors.setup(ctx -> active(ctx, id, shared, shard));
        return Behaviors.supervise(client).onFailure(SimulatedCrash.class,
                SupervisorStrategy.restart().withLoggingEnabled(false));
    }

    private static Behavior<Command> active(ActorContext<Command> ctx, int id, ClientContext shared,
                                            ActorRef<ClusterSharding.ShardCommand> shard) {
        Life life = new Life(ctx, shard);
        return Behaviors.receive(Command.class)
                .onMessage(Train.class, t -> onTrain(ctx, id, shared, life, t))
                .onMessage(Boarded.class, b -> {
                    life.fetched();
                    return onTrain(ctx, id, shared, life, b.train());
                })
                .onMessage(Trained.class, t -> life.trained(t.replyTo(),
                        new Channel.Upload(t.round(), id, t.update(), t.samples())))
                .onMessage(OwnTrained.class, t -> life.trained(t.replyTo(),
                        new Channel.Collude(t.round(), id, t.update(), t.samples())))
                .onMessage(Failed.class, f -> {
                    if (!shared.stopping()) {
                        ctx.getLog().warn("client {} round {}: training failed: {}", id, f.round(), f.reason());
                    }
                    return life.trained(f.replyTo(), new Channel.NoReply(f.round(), id,
                            shared.stopping() ? "stopped" : Observer.TRAIN_FAILED));
                })
                .onMessage(Stop.class, s -> life.stop())
                .build();
    }

    /**
     * An entity's passivation: after its answer it asks its shard to stop it. A Train can reach it
     * between that request and the shard's Stop (the next round started at once); the Stop then waits
     * until that training is answered too, so no update is lost with the actor.
     */
    private static final class Life {
        private final ActorContext<Command> ctx;
        private final ActorRef<ClusterSharding.ShardCommand> shard; // null: a live actor, never passivated
        private int training;
        private boolean stopRequested;

        Life(ActorContext<Command> ctx, ActorRef<ClusterSharding.ShardCommand> shard) {
            this.ctx = ctx;
            this.shard = shard;
        }

        void trainingStarted() {
            training++;
        }

        /** A wait for the round's model is over (counted as training, so the entity is not passivated meanwhile). */
        void fetched() {
            training = Math.max(0, training - 1);
        }

        /** The answer of a training that ran on the pool. */
        Behavior<Command> trained(ActorRef<Channel.Command> replyTo, Channel.Command reply) {
            training = Math.max(0, training - 1);
            return answer(replyTo, reply);
        }

        /** Sends a round's one answer; once nothing is in training, the entity may go. */
        Behavior<Command> answer(ActorRef<Channel.Command> replyTo, Channel.Command reply) {
            replyTo.tell(reply);
            if (shard == null || training > 0) {
                return Behaviors.same();
            }
            if (stopRequested) {
                return Behaviors.stopped();
            }
            shard.tell(new ClusterSharding.Passivate<>(ctx.getSelf()));
            return Behaviors.same();
        }

        Behavior<Command> stop() {
            if (training > 0) {
                stopRequested = true;
                return Behaviors.same();
            }
            return Behaviors.stopped();
        }
    }

    private static Behavior<Command> onTrain(ActorContext<Command> ctx, int id, ClientContext shared,
                                             Life life, Train t) {
        int round = t.round();
        if (t.model() == null) {
            life.trainingStarted();
            ctx.pipeToSelf(shared.models().model(round), (model, error) -> error == null
                    ? new Boarded(new Train(round, model, t.replyTo()))
                    : new Failed(round, String.valueOf(error), t.replyTo()));
            return Behaviors.same();
        }
        if (shared.timing().dropsOut(round, id)) {
            return life.answer(t.replyTo(), new Channel.NoReply(round, id, "dropout"));
        }
        if (shared.leavesBeforeSending(round, id)) {
            // churn took it offline mid-round: it says so at once (a connection closing), whatever its behaviour
            return life.answer(t.replyTo(), new Channel.NoReply(round, id, "offline"));
        }
        if (shared.faults().crashes(round, id)) {
            // the restarted actor (fresh state: it holds nothing anyway) still gets the stop from its shard
            life.answer(t.replyTo(), new Channel.NoReply(round, id, "crash"));
            throw new SimulatedCrash(id, round);
        }
        Scenario.Behavior behavior = shared.schedule().behaviorOf(id, round);
        Attack attack = behavior.isHonest() ? null : shared.attack(behavior);
        int samples = shared.data().clientSize(id);
        if (attack instanceof CollusionAttack collusion) {
            if (collusion.knowledge() != Knowledge.OWN) {
                return life.answer(t.replyTo(), new Channel.Collude(round, id, null, samples));
            }
            // "own" knowledge: the colluder computes its honest update and hands it to the adversary
            life.trainingStarted();
            ctx.pipeToSelf(train(ctx, id, shared, t, null), (update, error) -> error == null
                    ? new OwnTrained(round, update, samples, t.replyTo())
                    : new Failed(round, String.valueOf(error), t.replyTo()));
            return Behaviors.same();
        }
        life.trainingStarted();
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
