package io.aegis.testkit;

import io.aegis.actors.Client;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Sits in front of one client: sends a copy of each message to the traffic probe, then passes it on. */
final class ClientTap {
    private ClientTap() {}

    static Behavior<Client.Command> create(int client, ActorRef<Client.Command> target, ActorRef<Traffic> traffic) {
        return Behaviors.receive(Client.Command.class)
                .onMessage(Client.Train.class, t -> {
                    traffic.tell(new Traffic.ToClient(client, t));
                    target.tell(t);
                    return Behaviors.same();
                })
                .onAnyMessage(m -> {
                    target.tell(m);
                    return Behaviors.same();
                })
                .build();
    }
}
