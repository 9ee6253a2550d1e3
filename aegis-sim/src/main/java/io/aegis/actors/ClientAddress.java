package io.aegis.actors;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How the channel reaches client {@code c}: a live actor per client (small worlds built by tests), or
 * a sharded entity that exists only while it has work (see io.aegis.cluster.ClientShards), on this
 * JVM or another node of the cluster. Either way the channel addresses clients by id only.
 */
@FunctionalInterface
public interface ClientAddress {
    void tell(int client, Client.Command message);

    /** One spawned actor per client, indexed by id. */
    static ClientAddress of(List<ActorRef<Client.Command>> clients) {
        List<ActorRef<Client.Command>> refs = List.copyOf(clients);
        return (client, message) -> refs.get(client).tell(message);
    }
}
