package io.aegis.sim;

import io.aegis.actors.ClientContext;
import io.aegis.actors.Server;
import org.apache.pekko.actor.typed.ActorRef;

/** What the main thread needs to stop a running world: its server and what its clients share. Set once spawned. */
final class RunHandle {
    private volatile ActorRef<Server.Command> server;
    private volatile ClientContext shared;

    void started(ActorRef<Server.Command> server, ClientContext shared) {
        this.shared = shared;
        this.server = server;
    }

    /**
     * Asks the server to stop at a round boundary and the clients to skip training that has not
     * started; false when the world is not spawned yet (the caller asks again later).
     */
    boolean stop() {
        if (server == null) {
            return false;
        }
        shared.stop();
        server.tell(new Server.Stop());
        return true;
    }
}
