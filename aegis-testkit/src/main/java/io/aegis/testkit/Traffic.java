package io.aegis.testkit;

import io.aegis.actors.Client;
import io.aegis.actors.Message;
import io.aegis.actors.Server;

/**
 * A copy of what the channel routes between server and clients, for a traffic probe
 * ({@link AegisTestKit#traffic()}). The copies are sent as they pass; the originals go on unchanged.
 */
public sealed interface Traffic extends Message {

    /** The model on its way to client {@code client} (the channel addresses clients by id; the message itself carries none). */
    record ToClient(int client, Client.Train train) implements Traffic {}

    /** An anonymous update on its way to the server, as the server receives it (token, no client id). */
    record ToServer(Server.Update update) implements Traffic {}
}
