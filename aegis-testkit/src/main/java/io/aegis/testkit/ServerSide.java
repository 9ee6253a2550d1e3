package io.aegis.testkit;

import io.aegis.actors.Server;
import java.util.concurrent.BlockingQueue;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Receives, in simulated arrival order, what the channel sends the server (updates, the deadline
 * tick, the drained mark) and holds it for the kit's manual clock, which passes it on from the
 * test's thread ({@link OpenRound}).
 */
final class ServerSide {
    private ServerSide() {}

    static Behavior<Server.Command> create(BlockingQueue<Server.Command> held) {
        return Behaviors.receive(Server.Command.class)
                .onAnyMessage(m -> {
                    held.add(m);
                    return Behaviors.same();
                })
                .build();
    }
}
