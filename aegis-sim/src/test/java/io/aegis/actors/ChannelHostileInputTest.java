package io.aegis.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.scenario.Distribution;
import io.aegis.scenario.Scenario.ClockMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages to the channel that no well-behaved client sends are ignored or end up invalid, never a crash. */
class ChannelHostileInputTest {

    @Test
    void strayRepeatedAndEmptyUploadsNeitherStallNorCrashTheRound() {
        RoundProtocolTest.World w = new RoundProtocolTest.World(3, 2, ClockMode.VIRTUAL, 5.0, List.of(),
                new Distribution.Constant(0.1));
        w.server.tell(new Server.Start());
        Client.Train t0 = w.train(0);
        Client.Train t1 = w.train(1);
        Client.Train t2 = w.train(2);
        t0.replyTo().tell(new Channel.Upload(1, 99, new float[] {9, 9}, 10));     // a client that does not exist
        t0.replyTo().tell(new Channel.Upload(42, 0, new float[] {9, 9}, 10));     // a round that is not open
        t0.replyTo().tell(new Channel.NoReply(7, 1, "stray"));                     // ditto
        t0.replyTo().tell(new Channel.Crafted(1, new int[] {0, 1, 2}, new float[0][])); // nobody colludes
        w.upload(0, t0, 2, 2);
        t0.replyTo().tell(new Channel.Upload(1, 0, new float[] {500, 500}, 10));  // a second answer: ignored
        t1.replyTo().tell(new Channel.Upload(1, 1, null, 10));                    // an empty payload
        w.upload(2, t2, 4, 4);
        Observer.RoundClosed closed = w.next(Observer.RoundClosed.class);
        assertEquals(1, closed.round());
        assertEquals(3, closed.received().length);
        assertEquals(1, closed.invalid(), "the empty payload");
        assertArrayEquals(new float[] {3, 3}, closed.model());
        w.upload(0, w.train(0), 1, 1);
        w.upload(1, w.train(1), 1, 1);
        w.upload(2, w.train(2), 1, 1);
        Observer.RoundClosed second = w.next(Observer.RoundClosed.class);
        assertEquals(2, second.round(), "the next round runs normally");
        assertArrayEquals(new float[] {4, 4}, second.model());
    }
}
