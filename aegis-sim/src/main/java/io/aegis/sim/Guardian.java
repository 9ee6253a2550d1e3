package io.aegis.sim;

import io.aegis.actors.RunFailure;
import io.aegis.metrics.RunSummary;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The run's root actor. It spawns the world and watches every actor in it: any actor that fails
 * (throws outside a supervised client crash) or stops before the run is done ends the run with
 * {@code status = failed} and a one-sentence reason, instead of leaving the simulator waiting.
 */
final class Guardian {
    private Guardian() {}

    /** Actors that stop by themselves when their part is over: the server after its last round, the observer at the end. */
    private static final Set<String> MAY_STOP = Set.of("server", "observer");

    /**
     * @param start spawns the world through the watching spawner it is given
     * @param done  completed exceptionally with a {@link RunFailure} when an actor fails
     */
    static Behavior<Void> create(BiConsumer<ActorSystem<?>, World.Spawner> start, CompletableFuture<RunSummary> done) {
        return Behaviors.setup(ctx -> {
            try {
                start.accept(ctx.getSystem(), watching(ctx));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return Behaviors.stopped();
            }
            return Behaviors.receive(Void.class)
                    .onSignal(ChildFailed.class, f -> {
                        done.completeExceptionally(new RunFailure(describe(f.getRef(), f.getCause())));
                        return Behaviors.same();
                    })
                    .onSignal(Terminated.class, t -> {
                        String name = t.getRef().path().name();
                        if (!done.isDone() && !MAY_STOP.contains(name)) {
                            done.completeExceptionally(new RunFailure(actorName(t.getRef()) + " stopped before the run ended"));
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    /** Spawns as a child of the guardian and watches it. */
    private static World.Spawner watching(ActorContext<Void> ctx) {
        return new World.Spawner() {
            @Override
            public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
                ActorRef<T> ref = ctx.spawn(behavior, name);
                ctx.watch(ref);
                return ref;
            }
        };
    }

    /** One sentence: which actor failed and why (a {@link RunFailure} already says it all). */
    static String describe(ActorRef<?> ref, Throwable cause) {
        if (cause instanceof RunFailure) {
            return cause.getMessage();
        }
        return actorName(ref) + " failed: " + oneLine(cause);
    }

    static String oneLine(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
        int nl = message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl);
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static String actorName(ActorRef<?> ref) {
        String name = ref.path().name();
        return name.startsWith("client-") ? "client actor " + name.substring(7) : "the " + name + " actor";
    }
}
