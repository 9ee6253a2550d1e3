package io.aegis.actors;

import io.aegis.scenario.Scenario.ClientsSpec;
import io.aegis.util.Seeds;
import java.util.SplittableRandom;

/**
 * The spec's timing model: a selected client's update reaches the server
 * download delay + compute time + upload delay (+ any fault delay) after the round starts,
 * each drawn from the scenario's distributions with a stream keyed by (round, client).
 */
public final class RoundTiming {
    private final ClientsSpec clients;
    private final long seed;

    public RoundTiming(ClientsSpec clients, long seed) {
        this.clients = clients;
        this.seed = seed;
    }

    /** Seconds from round start until the model reaches the client. */
    public double download(int round, int client) {
        return clients.networkDelay().sample(Seeds.stream(seed, "download", round, client));
    }

    public double compute(int round, int client) {
        return clients.computeTime().sample(Seeds.stream(seed, "compute", round, client));
    }

    public double upload(int round, int client) {
        return clients.networkDelay().sample(Seeds.stream(seed, "upload", round, client));
    }

    /** Seconds from round start until the client's update reaches the server, before faults. */
    public double arrival(int round, int client) {
        return download(round, client) + compute(round, client) + upload(round, client);
    }

    /** Whether the client disconnects before replying in this round. */
    public boolean dropsOut(int round, int client) {
        if (clients.dropout() <= 0) {
            return false;
        }
        SplittableRandom rng = Seeds.stream(seed, "dropout", round, client);
        return rng.nextDouble() < clients.dropout();
    }
}
