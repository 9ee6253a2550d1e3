package io.aegis.cluster;

import io.aegis.actors.Client;
import io.aegis.actors.ClientAddress;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The coordinator's way to its workers' client entities: a round's model goes once to every worker
 * node (each posts it to its {@link io.aegis.actors.ModelBoard}), and the clients' Trains travel
 * without it. A 20-client MNIST-CNN round on two workers then moves 2 models to the workers instead
 * of 20 (3.4 MB instead of 34 MB); the floats the clients train on are the same.
 */
final class ModelPosting implements ClientAddress {
    private final ClientAddress shards;
    private final List<ActorRef<NodeAgent.Command>> workers;
    private float[] posted;
    private int postedRound = Integer.MIN_VALUE;

    /** @param workers the worker nodes that host clients (filled as they report, read at each round) */
    ModelPosting(ClientAddress shards, List<ActorRef<NodeAgent.Command>> workers) {
        this.shards = shards;
        this.workers = workers;
    }

    @Override
    public synchronized void tell(int client, Client.Command message) {
        if (message instanceof Client.Train t && t.model() != null) {
            if (t.round() > postedRound) {
                for (ActorRef<NodeAgent.Command> worker : workers) {
                    worker.tell(new NodeAgent.PostModel(t.round(), t.model()));
                }
                posted = t.model();
                postedRound = t.round();
            }
            // a Train of an earlier round (delivered late on the wall clock) or with a model of its own
            // carries its model: the boards hold the round's one model only
            if (t.round() == postedRound && t.model() == posted) {
                message = new Client.Train(t.round(), null, t.replyTo());
            }
        }
        shards.tell(client, message);
    }
}
