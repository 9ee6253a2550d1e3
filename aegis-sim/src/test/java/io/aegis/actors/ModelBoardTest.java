package io.aegis.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/** A node's board of round models, and a client whose Train came without the model. */
class ModelBoardTest {

    @Test
    void aModelPostedBeforeItIsAskedForIsThere() throws Exception {
        ModelBoard board = new ModelBoard();
        float[] model = {1, 2, 3};
        board.post(4, model);
        assertSame(model, board.model(4).get());
    }

    @Test
    void aClientAskingBeforeTheModelArrivesGetsItOnArrival() throws Exception {
        ModelBoard board = new ModelBoard();
        CompletableFuture<float[]> asked = board.model(7);
        assertFalse(asked.isDone());
        float[] model = {5};
        board.post(7, model);
        assertSame(model, asked.get());
    }

    @Test
    void roundsLongOverAreDroppedAndAnsweredWithAFailure() {
        ModelBoard board = new ModelBoard();
        CompletableFuture<float[]> neverPosted = board.model(1);
        for (int r = 2; r <= 2 + ModelBoard.KEPT + 1; r++) {
            board.post(r, new float[] {r});
        }
        assertTrue(neverPosted.isCompletedExceptionally(), "a wait for a dropped round ends");
        assertTrue(board.model(2).isCompletedExceptionally(), "the oldest posted round is gone");
        assertFalse(board.model(3).isCompletedExceptionally(), "the last rounds are kept");
    }

    @Test
    void aTrainWithoutItsModelIsAnsweredOnceTheModelIsPosted() {
        ClientContext shared = ClientScheduleTest.context(
                new io.aegis.world.BehaviorSchedule(List.of(), List.of()), io.aegis.world.Departures.none());
        ActorRef<Client.Command> client = ClientScheduleTest.KIT.spawn(Client.create(2, shared));
        TestProbe<Channel.Command> channel = ClientScheduleTest.KIT.createTestProbe();
        client.tell(new Client.Train(3, null, channel.getRef()));
        channel.expectNoMessage(Duration.ofMillis(300));
        shared.models().post(3, new float[ClientScheduleTest.DIM]);
        Channel.Upload u = (Channel.Upload) channel.receiveMessage(ClientScheduleTest.WAIT);
        assertEquals(3, u.round());
        assertArrayEquals(new float[] {1, 1, 1, 1}, u.update()); // OnesModel's update: it trained
    }
}
