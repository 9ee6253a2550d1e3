package io.aegis.testkit;

import io.aegis.actors.Channel;
import io.aegis.actors.Server;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Sits between server and channel: the server's broadcasts go to the channel with this tap's
 * server side as their return address, so everything the channel sends the server passes through
 * {@code serverSide} (the kit's manual clock) first.
 */
final class ChannelTap {
    private ChannelTap() {}

    static Behavior<Channel.Command> create(ActorRef<Channel.Command> channel, ActorRef<Server.Command> serverSide) {
        return Behaviors.receive(Channel.Command.class)
                .onMessage(Channel.Broadcast.class, b -> {
                    channel.tell(new Channel.Broadcast(b.round(), b.clients(), b.model(), serverSide));
                    return Behaviors.same();
                })
                .onAnyMessage(m -> {
                    channel.tell(m);
                    return Behaviors.same();
                })
                .build();
    }
}
