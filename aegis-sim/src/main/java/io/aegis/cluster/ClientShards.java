package io.aegis.cluster;

import io.aegis.actors.Client;
import io.aegis.actors.ClientAddress;
import io.aegis.actors.ClientContext;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Clients as sharded entities: a client's actor exists only while it has work, on whichever node of
 * the cluster its shard lives (the nodes with the {@link #ROLE} role). A registered client costs
 * nothing here; its state between rounds is the population's few bits and the seed.
 */
public final class ClientShards {
    /** The entity type every node registers under the same name. */
    public static final EntityTypeKey<Client.Command> TYPE = EntityTypeKey.create(Client.Command.class, "client");
    /** The role of the nodes that host client entities. */
    public static final String ROLE = "clients";

    private ClientShards() {}

    /**
     * Starts this node's shard region for clients, hosting entities built from {@code shared} when the
     * node has the {@link #ROLE} role and forwarding to the hosting nodes otherwise (shared may then be null).
     */
    public static ClientAddress start(ActorSystem<?> system, ClientContext shared) {
        ActorRef<ShardingEnvelope<Client.Command>> region = ClusterSharding.get(system).init(
                Entity.of(TYPE, ctx -> Client.entity(Integer.parseInt(ctx.getEntityId()), shared, ctx.getShard()))
                        .withStopMessage(Client.Stop.INSTANCE)
                        .withRole(ROLE));
        return (client, message) -> region.tell(new ShardingEnvelope<>(Integer.toString(client), message));
    }
}
