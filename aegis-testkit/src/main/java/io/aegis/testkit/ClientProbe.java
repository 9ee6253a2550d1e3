package io.aegis.testkit;

import io.aegis.actors.Channel;
import io.aegis.actors.Client;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/**
 * Stands in for one client (like a Pekko {@code TestProbe} registered under its name): the channel's
 * {@link Client.Train} messages for that client come here instead of to the simulator's client, and
 * the test answers with any upload it likes. In virtual clock the channel holds a round until every
 * selected client answered, so drive a round with a stand-in through {@link AegisTestKit#openRound()}.
 */
public final class ClientProbe {
    private final int client;
    private final TestProbe<Client.Command> probe;

    ClientProbe(int client, TestProbe<Client.Command> probe) {
        this.client = client;
        this.probe = probe;
    }

    /** The client this probe stands in for. */
    public int client() {
        return client;
    }

    /** The Pekko probe underneath. */
    public TestProbe<Client.Command> probe() {
        return probe;
    }

    /** Waits for the round's model (fails the test after {@code max}). */
    public Client.Train expectTrain(Duration max) {
        return probe.expectMessageClass(Client.Train.class, max);
    }

    /** Waits up to 30 s for the round's model. */
    public Client.Train expectTrain() {
        return expectTrain(Duration.ofSeconds(30));
    }

    /** Fails the test if a message arrives within {@code max}. */
    public void expectNoTrain(Duration max) {
        probe.expectNoMessage(max);
    }

    /** Answers the round with this update (any length and values) and claimed sample count. */
    public void upload(Client.Train train, float[] update, int samples) {
        train.replyTo().tell(new Channel.Upload(train.round(), client, update, samples));
    }

    /** Answers the round with nothing, as a client that drops out does ({@code reason}, e.g. "dropout"). */
    public void noReply(Client.Train train, String reason) {
        train.replyTo().tell(new Channel.NoReply(train.round(), client, reason));
    }
}
