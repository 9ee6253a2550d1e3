package io.aegis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.aegis.actors.Channel;
import io.aegis.actors.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The coordinator posts a round's model once per worker and strips it from the clients' Trains. */
class ModelPostingTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @Test
    void eachRoundsModelIsPostedOnceToEveryWorkerAndTrainsTravelWithoutIt() {
        TestProbe<NodeAgent.Command> a = KIT.createTestProbe();
        TestProbe<NodeAgent.Command> b = KIT.createTestProbe();
        TestProbe<Channel.Command> channel = KIT.createTestProbe();
        List<Client.Command> sent = new ArrayList<>();
        ModelPosting posting = new ModelPosting((client, m) -> sent.add(m), List.of(a.getRef(), b.getRef()));
        float[] round1 = {1, 2};
        for (int c = 0; c < 5; c++) {
            posting.tell(c, new Client.Train(1, round1, channel.getRef()));
        }
        for (TestProbe<NodeAgent.Command> worker : List.of(a, b)) {
            NodeAgent.PostModel post = (NodeAgent.PostModel) worker.receiveMessage();
            assertEquals(1, post.round());
            assertSame(round1, post.model());
            worker.expectNoMessage(Duration.ofMillis(100));
        }
        assertEquals(5, sent.size());
        sent.forEach(m -> assertNull(((Client.Train) m).model()));

        float[] round2 = {3, 4};
        posting.tell(0, new Client.Train(2, round2, channel.getRef()));
        assertEquals(2, ((NodeAgent.PostModel) a.receiveMessage()).round());
        // a late Train of round 1 and a Train with a model of its own keep their models
        posting.tell(1, new Client.Train(1, round1, channel.getRef()));
        float[] own = {5, 6};
        posting.tell(2, new Client.Train(2, own, channel.getRef()));
        assertSame(round1, ((Client.Train) sent.get(6)).model());
        assertSame(own, ((Client.Train) sent.get(7)).model());
        a.expectNoMessage(Duration.ofMillis(100));
    }
}
